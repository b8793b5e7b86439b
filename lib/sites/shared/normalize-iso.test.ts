import { describe, expect, test } from 'vitest';
import { normalizeIso } from './normalize-iso.ts';

describe('normalizeIso', () => {
  test.each([
    ['2026-03-02T14:03:11.000Z', '2026-03-02T14:03:11.000Z', 'second'],
    ['2026-03-01T20:00:04.118Z', '2026-03-01T20:00:04.118Z', 'millisecond'],
    ['2026-03-02T09:15:00+01:00', '2026-03-02T09:15:00+01:00', 'second'],
    ['2026-03-02T09:15+0100', '2026-03-02T09:15:00+01:00', 'minute'],
    ['2026-03-02 09:15:00z', '2026-03-02T09:15:00Z', 'second'],
    ['2026-03-02', '2026-03-02T00:00:00Z', 'day'],
    ['Mon, 02 Mar 2026 09:15:00 GMT', '2026-03-02T09:15:00.000Z', 'second'],
  ])('%s reads as %s (%s)', (input, iso, precision) => {
    const expected = { ok: true, iso, precision };
    const actual = normalizeIso(input);
    expect(actual).toEqual(expected);
  });

  test.each(['', '2026-03-02T09:15:00', 'yesterday', 'Mon, 02 Mar 2026 09:15:00', '2026-13-45T99:00:00Z'])(
    '%s is refused with a reason',
    (input) => {
      const actual = normalizeIso(input);
      expect(actual.ok).toBe(false);
      if (!actual.ok) expect(actual.reason).not.toBe('');
    },
  );
});
