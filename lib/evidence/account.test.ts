import { expect, test } from 'vitest';
import { accountKey, summariseAccounts } from './account.ts';

test.each([
  [{ platform: 'x', author: { accountId: '1455837152670658561', handle: 'harasser_0x' } }, 'x:id:1455837152670658561'],
  [{ platform: 'x', author: { handle: '@Harasser_0x' } }, 'x:handle:harasser_0x'],
  [{ platform: 'web', author: { displayName: 'Mara Vex' } }, 'web:name:Mara Vex'],
  [{ platform: 'web', author: {} }, 'web:name:'],
] as const)('accountKey(%j) = %s', (meta, expected) => {
  expect(accountKey(meta)).toBe(expected);
});

test('accounts are counted, most posts first, labelled as a person recognises them', () => {
  const metas = [
    { platform: 'x' as const, author: { displayName: 'Mara', handle: 'harasser_0x' } },
    { platform: 'web' as const, author: { displayName: 'Mara Vex' } },
    { platform: 'x' as const, author: { displayName: 'Mara 🌙', handle: '@harasser_0x' } },
  ];

  expect(summariseAccounts(metas)).toEqual([
    { key: 'x:handle:harasser_0x', platform: 'x', label: 'Mara (@harasser_0x)', count: 2 },
    { key: 'web:name:Mara Vex', platform: 'web', label: 'Mara Vex', count: 1 },
  ]);
});
