import { describe, expect, test } from 'vitest';
import { formatRoute, parseRoute } from './route.ts';

const ID = '2b1f6c1e-6f0a-4c55-9b3e-0d7d8f1a2b3c';

describe('parseRoute', () => {
  test.each([
    ['', {}],
    ['#', {}],
    [`#capture=${ID}`, { captureId: ID }],
    [`capture=${ID}`, { captureId: ID }],
    [`#other=1&capture=${ID}`, { captureId: ID }],
    ['#capture=', {}],
    ['#capture=../../etc', {}],
    ['#capture=%3Cscript%3E', {}],
    ['#list', {}],
  ])('%s', (hash, expected) => {
    expect(parseRoute(hash)).toEqual(expected);
  });
});

describe('formatRoute', () => {
  test.each([[{}], [{ captureId: ID }]])('round-trips %j', (route) => {
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  test('the list is a bare #', () => {
    expect(formatRoute({})).toBe('#');
  });
});
