import { describe, expect, test } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { createCustodyEntry, GENESIS_HASH, verifyCustodyChain, type CustodyEntry } from './custody.ts';

function buildChain(length: number): CustodyEntry[] {
  const chain: CustodyEntry[] = [];
  for (let i = 0; i < length; i += 1) {
    chain.push(createCustodyEntry({ at: `2026-11-28T09:0${i}:00.000Z`, action: 'captured', subject: `capture-${i}`, details: { n: i } }, chain.at(-1)));
  }
  return chain;
}

describe('custody chain', () => {
  test('links each entry to the one before', () => {
    const chain = buildChain(3);
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    expect(chain[1]!.prevHash).toBe(chain[0]!.hash);
    expect(chain.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(verifyCustodyChain(chain)).toEqual({ ok: true, length: 3 });
  });

  test.each([
    ['a changed field', (chain: CustodyEntry[]) => { chain[1] = { ...chain[1]!, subject: 'other' }; }, 1, 'hash'],
    ['a changed detail', (chain: CustodyEntry[]) => { chain[2] = { ...chain[2]!, details: { n: 99 } }; }, 2, 'hash'],
    ['a removed entry', (chain: CustodyEntry[]) => { chain.splice(1, 1); }, 1, 'sequence'],
    ['a removed first entry', (chain: CustodyEntry[]) => { chain.shift(); }, 0, 'sequence'],
    ['a re-sealed changed entry', (chain: CustodyEntry[]) => {
      const forged = createCustodyEntry({ at: chain[1]!.at, action: 'deleted', subject: chain[1]!.subject, details: {} }, chain[0]);
      chain[1] = forged;
    }, 2, 'link'],
    ['swapped entries', (chain: CustodyEntry[]) => { [chain[1], chain[2]] = [chain[2]!, chain[1]!]; }, 1, 'sequence'],
    ['a malformed entry', (chain: CustodyEntry[]) => { (chain as unknown[])[3] = { seq: 4 }; }, 3, 'schema'],
  ] as const)('detects %s', (_name, tamper, brokenAt, reason) => {
    const chain = buildChain(5);
    tamper(chain);
    expect(verifyCustodyChain(chain)).toMatchObject({ ok: false, brokenAt, reason });
  });

  test('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } })).toBe(canonicalJson({ a: { c: 'x', d: [1, { y: 2, z: 1 }] }, b: 1 }));
  });
});
