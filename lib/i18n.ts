import en from '../public/_locales/en/messages.json';
import nl from '../public/_locales/nl/messages.json';

/** One entry of a chrome.i18n `messages.json` file. */
export interface LocaleMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type LocaleMessages = Record<string, LocaleMessage>;

/** Every key of the English messages, the reference locale. */
export type MessageKey = keyof typeof en;
export type Locale = 'en' | 'nl';

/** Both locales are bundled so a setting can choose the language whatever the browser's is. */
export const LOCALES: Readonly<Record<Locale, LocaleMessages>> = { en, nl };

/** The locale for a BCP 47 tag such as `nl-BE`: Dutch for any `nl`, English otherwise. */
export function localeFromLanguage(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

let current: Locale = localeFromLanguage(globalThis.navigator?.language);

/** Switches the language of every later `t()` call. */
export function setLocale(locale: Locale): void {
  current = locale;
}

/** The language `t()` uses now. */
export function getLocale(): Locale {
  return current;
}

/**
 * Fills `$1`..`$9` and named `$placeholder$` references the way chrome.i18n does;
 * `$$` is a literal dollar sign.
 */
export function formatMessage(entry: LocaleMessage, substitutions: readonly string[]): string {
  const positional = (text: string): string =>
    text.replace(/\$(\$|[1-9])/g, (_match, token: string) => (token === '$' ? '$' : (substitutions[Number(token) - 1] ?? '')));
  const placeholders = entry.placeholders ?? {};
  // Named placeholders resolve first, so their own `$1` is filled in the same pass as the message's.
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (match, name: string) => {
    const placeholder = Object.entries(placeholders).find(([key]) => key.toLowerCase() === name.toLowerCase());
    return placeholder ? placeholder[1].content : match;
  });
  return positional(named);
}

/**
 * The message for `key` in the current locale with its substitutions filled in;
 * falls back to English when a translation is missing, and to the key itself as a last resort.
 */
export function t(key: MessageKey, ...substitutions: string[]): string {
  const entry = LOCALES[current][key] ?? LOCALES.en[key];
  return entry ? formatMessage(entry, substitutions) : key;
}

export type Translator = (key: MessageKey, ...substitutions: string[]) => string;

/** A t() bound to one locale, whatever the current one: an export is written in the language chosen for it. */
export function translatorFor(locale: Locale): Translator {
  return (key, ...substitutions) => {
    const entry = LOCALES[locale][key] ?? LOCALES.en[key];
    return entry ? formatMessage(entry, substitutions) : key;
  };
}
