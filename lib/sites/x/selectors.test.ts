// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { selectorExpectations, selectorsWithoutFixture } from './selector-expectations.ts';
import { xSelectors } from './selectors.ts';
import type { XSelectorName } from './selectors.ts';

// Over committed fixtures only: never live pages.
const FIXTURES = join(import.meta.dirname, '../../../tests/fixtures/sites/x');
const names = Object.keys(xSelectors) as XSelectorName[];

function parseFixture(name: string): Document {
  return new DOMParser().parseFromString(readFileSync(join(FIXTURES, `${name}.html`), 'utf8'), 'text/html');
}

describe('X selectors match the fixtures as expected', () => {
  const rows = Object.entries(selectorExpectations).flatMap(([fixture, counts]) =>
    names.map((selector) => [fixture, selector, counts[selector]] as const),
  );
  const documents = new Map(Object.keys(selectorExpectations).map((fixture) => [fixture, parseFixture(fixture)]));

  test.each(rows)('%s: %s', (fixture, selector, expected) => {
    const actual = documents.get(fixture)?.querySelectorAll(xSelectors[selector].css).length;
    expect(actual).toBe(expected);
  });
});

describe('X selector table conventions', () => {
  test('every X fixture has expectations', () => {
    const expected = readdirSync(FIXTURES).filter((file) => file.endsWith('.html')).map((file) => file.slice(0, -5)).sort();
    const actual = Object.keys(selectorExpectations).sort();
    expect(actual).toEqual(expected);
  });

  test.each(names)('%s matches in some fixture, or says why not', (selector) => {
    const matched = Object.values(selectorExpectations).some((counts) => counts[selector] > 0);
    const actual = matched || selectorsWithoutFixture[selector] !== undefined;
    expect(actual).toBe(true);
  });

  test.each(names)('%s is valid CSS', (selector) => {
    expect(() => document.querySelector(xSelectors[selector].css)).not.toThrow();
  });
});
