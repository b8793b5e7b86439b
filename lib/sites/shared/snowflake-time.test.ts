import { describe, expect, test } from 'vitest';
import { snowflakeToDate } from './snowflake-time.ts';

describe('snowflakeToDate', () => {
  test.each([
    // Both above 2^53: a Number would round the id.
    ['2028486597669851137', '2026-03-02T15:04:27.000Z'],
    ['1455837152670658561', '2021-11-03T10:00:00.000Z'],
  ])('%s was made at %s', (id, expected) => {
    const actual = snowflakeToDate(id)?.toISOString();
    expect(actual).toBe(expected);
  });

  test.each(['', 'abc', '12.5', '-1', '20602000000', '99999999999999999999'])('%s is no snowflake', (id) => {
    expect(snowflakeToDate(id)).toBeUndefined();
  });
});
