import { afterEach, describe, expect, test } from 'vitest';
import { formatMessage, getLocale, localeFromLanguage, setLocale, t } from './i18n.ts';

afterEach(() => setLocale('en'));

describe('localeFromLanguage', () => {
  test.each([
    ['nl', 'nl'],
    ['nl-NL', 'nl'],
    ['nl-BE', 'nl'],
    ['NL', 'nl'],
    ['en-US', 'en'],
    ['de-DE', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])('%s -> %s', (language, expected) => {
    expect(localeFromLanguage(language)).toBe(expected);
  });
});

describe('t', () => {
  test('reads the current locale', () => {
    setLocale('en');
    expect(t('popupSavePost')).toBe('Save this post');
    setLocale('nl');
    expect(getLocale()).toBe('nl');
    expect(t('popupSavePost')).toBe('Dit bericht bewaren');
  });

  test('fills positional substitutions', () => {
    setLocale('en');
    expect(t('actionFailed', 'disk full')).toBe("That didn't work: disk full");
    expect(t('optionsShowing', '500', '812')).toBe('Showing the newest 500 of 812.');
  });

  test('a missing substitution becomes empty, not "$1"', () => {
    expect(t('actionFailed')).toBe("That didn't work: ");
  });

  test('substitutions are inserted once, not re-read as patterns', () => {
    expect(t('actionFailed', '$2 and $$')).toBe("That didn't work: $2 and $$");
  });
});

describe('formatMessage', () => {
  test.each([
    [{ message: 'Hello $1' }, ['Ann'], 'Hello Ann'],
    [{ message: '$2 before $1' }, ['a', 'b'], 'b before a'],
    [{ message: 'Costs $$5' }, [], 'Costs $5'],
    [{ message: 'Hi $NAME$!', placeholders: { name: { content: '$1' } } }, ['Bo'], 'Hi Bo!'],
    [{ message: 'Fixed $thing$', placeholders: { thing: { content: 'text' } } }, [], 'Fixed text'],
    [{ message: 'Unknown $other$ stays' }, [], 'Unknown $other$ stays'],
  ])('%j with %j', (entry, substitutions, expected) => {
    expect(formatMessage(entry, substitutions)).toBe(expected);
  });
});
