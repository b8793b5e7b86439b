import { afterEach, describe, expect, test, vi } from 'vitest';
import { canonicalJson as canonicalJsonTs } from '../../evidence/canonical-json.ts';
import { createCustodyEntry } from '../../evidence/custody.ts';
import { sha256Hex as sha256HexTs } from '../../evidence/hash.ts';
import { bytes, CHAIN_DRAFTS, RECORD_ID, createArchive, createChain, createKeys, custodyLine, custodyLog, ITEM, sign, text } from './test-archive.ts';
import {
  canonicalJson,
  checkCustodyLog,
  formatFingerprint,
  jwkThumbprint,
  parseManifest,
  rebaseArchiveFiles,
  verifyArchive,
  type ArchiveFiles,
} from './verify-core.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('canonicalJson', () => {
  test.each([
    ['null', null],
    ['a string with unicode', 'ë 👀 \u2028 "quotes" \\ \n'],
    ['a lone surrogate', '\ud800x'],
    ['numbers', [0, -0, 1.5, 1e21, -3e-7, Number.MAX_SAFE_INTEGER]],
    ['not finite numbers', [Number.NaN, Number.POSITIVE_INFINITY]],
    ['booleans', [true, false]],
    ['an empty object and array', { b: [], a: {} }],
    ['keys out of order, nested', { z: 1, a: { y: [3, { d: 1, c: 2 }], b: 'x' }, m: [[{ q: 1, p: 2 }]] }],
    ['undefined members dropped', { b: undefined, a: 1, c: { d: undefined } }],
    ['undefined in an array', [1, undefined, 2]],
    ['unicode keys', { é: 1, e: 2, Z: 3, '😀': 4, '10': 5, '9': 6 }],
    ['a custody entry', { seq: 1, at: '2026-11-28T09:30:00.000Z', action: 'captured', subject: 's', detailsSha256: 'a'.repeat(64), prevHash: '0'.repeat(64) }],
  ])('matches lib/evidence/canonical-json.ts for %s', (_name, value) => {
    const expected = canonicalJsonTs(value);

    const actual = canonicalJson(value);

    expect(actual).toBe(expected);
  });
});

describe('jwkThumbprint', () => {
  test('gives RFC 8037 A.3 thumbprint of its Ed25519 key, as hex', async () => {
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
    const expected = Buffer.from('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k', 'base64url').toString('hex');

    expect(await jwkThumbprint({ ...jwk, kid: 'ignored', alg: 'EdDSA' })).toBe(expected);
  });

  test('is null for key types Safelog does not make', async () => {
    expect(await jwkThumbprint({ kty: 'RSA', n: 'x', e: 'AQAB' })).toBeNull();
  });
});

describe('verifyArchive', () => {
  test.each(['Ed25519', 'ES256'] as const)('finds a good %s archive intact', async (algorithm) => {
    const { files, kid } = await createArchive(algorithm);

    const actual = await verifyArchive(files);

    expect(actual).toMatchObject({
      overall: 'intact',
      unreadableReason: null,
      signature: 'valid',
      key: { status: 'ok', algorithm, kid, fingerprint: kid },
      chain: { ok: true, length: 4 },
      records: { status: 'ok', items: 1, artifacts: 2, problems: [] },
      fingerprint: kid,
      ignored: [],
    });
    expect(actual.files).toHaveLength(7);
    expect(actual.files.every((file) => file.status === 'ok')).toBe(true);
  });

  test('names exactly the file with one byte flipped', async () => {
    const { files } = await createArchive();
    const path = `${ITEM}raw-screenshot-1.png`;
    const changed = new Uint8Array(files.get(path) as Uint8Array);
    changed[5] = (changed[5] ?? 0) ^ 0x01;
    files.set(path, changed);

    const actual = await verifyArchive(files);

    expect(actual.overall).toBe('problems');
    expect(actual.files.filter((file) => file.status !== 'ok')).toEqual([
      { path, status: 'changed', expected: expect.stringMatching(/^[0-9a-f]{64}$/), actual: await sha256HexTs(changed) },
    ]);
    expect(actual.signature).toBe('valid');
  });

  test('reports a removed file as missing', async () => {
    const { files } = await createArchive();
    files.delete(`${ITEM}page.mhtml`);

    const actual = await verifyArchive(files);

    expect(actual.overall).toBe('problems');
    expect(actual.files.filter((file) => file.status !== 'ok')).toMatchObject([{ path: `${ITEM}page.mhtml`, status: 'missing', actual: null }]);
  });

  test('reports an added file as unlisted', async () => {
    const { files } = await createArchive();
    files.set(`${ITEM}extra.png`, bytes('planted'));

    const actual = await verifyArchive(files);

    expect(actual.overall).toBe('problems');
    expect(actual.files.filter((file) => file.status !== 'ok')).toMatchObject([{ path: `${ITEM}extra.png`, status: 'unlisted', expected: null }]);
  });

  test('sets apart the files an operating system adds to a folder', async () => {
    const { files } = await createArchive();
    files.set('.DS_Store', bytes('finder'));
    files.set(`${ITEM}Thumbs.db`, bytes('explorer'));
    files.set(`${ITEM}._page.mhtml`, bytes('appledouble'));

    const actual = await verifyArchive(files);

    expect(actual.overall).toBe('intact');
    expect(actual.ignored).toEqual(['.DS_Store', `${ITEM}._page.mhtml`, `${ITEM}Thumbs.db`]);
  });

  test('finds the signature invalid when the manifest is edited to match a changed file', async () => {
    const { files } = await createArchive();
    const path = `${ITEM}raw-screenshot-1.png`;
    const forged = bytes('a different picture');
    const original = text(files.get('manifest-sha256.txt'));
    const oldHash = original.split('\n').find((line) => line.endsWith(path))?.slice(0, 64) ?? '';
    files.set(path, forged);
    files.set('manifest-sha256.txt', bytes(original.replace(oldHash, await sha256HexTs(forged))));

    const actual = await verifyArchive(files);

    expect(actual.files.every((file) => file.status === 'ok')).toBe(true);
    expect(actual.signature).toBe('invalid');
    // The record's hash from capture time still gives the forgery away.
    expect(actual.records.problems).toMatchObject([{ item: 1, artifactId: 'raw-0', path, reason: 'hash' }]);
    expect(actual.overall).toBe('problems');
  });

  test('finds a signature by another key invalid', async () => {
    const archive = await createArchive('ES256');
    const other = await createKeys('ES256');
    archive.files.set('manifest.sig', bytes(await sign('ES256', other.privateKey, archive.files.get('manifest-sha256.txt') as Uint8Array)));

    const actual = await verifyArchive(archive.files);

    expect(actual.signature).toBe('invalid');
    expect(actual.overall).toBe('problems');
  });

  test.each([
    ['no signature', 'manifest.sig', 'missing'],
    ['no public key', 'public-key.jwk', 'missing'],
  ] as const)('reports %s', async (_name, removed, expected) => {
    const { files } = await createArchive();
    files.delete(removed);

    const actual = await verifyArchive(files);

    expect(actual.signature).toBe(expected);
    expect(actual.overall).toBe('problems');
  });

  test.each([
    ['not base64', 'not base64!'],
    ['the wrong length', btoa('short')],
  ])('finds a signature that is %s invalid', async (_name, signature) => {
    const { files } = await createArchive();
    files.set('manifest.sig', bytes(signature));

    expect((await verifyArchive(files)).signature).toBe('invalid');
  });

  test('reports a kid that is not the key\'s thumbprint', async () => {
    const { files } = await createArchive('Ed25519', { kid: 'c'.repeat(64) });

    const actual = await verifyArchive(files);

    expect(actual.key).toMatchObject({ status: 'kid-mismatch', kid: 'c'.repeat(64) });
    expect(actual.key.fingerprint).not.toBe('c'.repeat(64));
    expect(actual.fingerprint).toBe(actual.key.fingerprint);
    expect(actual.signature).toBe('valid');
    expect(actual.overall).toBe('problems');
  });

  test('says the signature cannot be checked, not that it is invalid, where Ed25519 is missing', async () => {
    const { files } = await createArchive('Ed25519');
    const importKey = crypto.subtle.importKey.bind(crypto.subtle);
    vi.spyOn(crypto.subtle, 'importKey').mockImplementation(((format: 'jwk', keyData: JsonWebKey, algorithm: AlgorithmIdentifier, ...rest: [boolean, KeyUsage[]]) => {
      const name = typeof algorithm === 'string' ? algorithm : algorithm.name;
      if (name === 'Ed25519') return Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError'));
      return importKey(format, keyData, algorithm, ...rest);
    }) as typeof crypto.subtle.importKey);

    const actual = await verifyArchive(files);

    expect(actual.signature).toBe('unsupported');
    expect(actual.overall).toBe('incomplete');
  });

  test('breaks the chain at an edited custody line, and names the log as changed', async () => {
    const { files, seal } = await createArchive();
    const lines = text(files.get('custody-log.jsonl')).split('\n');
    lines[2] = lines[2]!.replace('"edited"', '"deleted"');
    files.set('custody-log.jsonl', bytes(lines.join('\n')));

    const actual = await verifyArchive(files);

    expect(actual.chain).toEqual({ ok: false, length: 4, reason: 'hash', brokenAtLine: 3 });
    expect(actual.files.filter((file) => file.status !== 'ok').map((file) => file.path)).toEqual(['custody-log.jsonl']);
    // Even re-sealed with the key, a changed log does not verify.
    await seal();
    expect((await verifyArchive(files)).chain).toMatchObject({ ok: false, brokenAtLine: 3 });
  });

  test('reads an archive inside the chosen folder', async () => {
    const { files } = await createArchive();
    const wrapped: ArchiveFiles = new Map([...files].map(([path, data]) => [`safelog-evidence-2026-12-01/${path}`, data]));
    wrapped.set('.DS_Store', bytes('finder'));

    const actual = await verifyArchive(rebaseArchiveFiles(wrapped));

    expect(actual.overall).toBe('intact');
  });

  test('says so when the page has no WebCrypto (served over plain http)', async () => {
    const { files } = await createArchive();
    vi.stubGlobal('crypto', undefined);

    const actual = await verifyArchive(files);

    expect(actual).toMatchObject({ overall: 'unreadable', unreadableReason: 'no-crypto', files: [] });
  });

  test('calls a folder without a manifest unreadable', async () => {
    const { files } = await createArchive();
    files.delete('manifest-sha256.txt');

    const actual = await verifyArchive(files);

    expect(actual).toMatchObject({ overall: 'unreadable', unreadableReason: 'no-manifest', signature: 'missing' });
  });

  test('calls a malformed manifest unreadable, naming the line', async () => {
    const { files } = await createArchive();
    const manifest = text(files.get('manifest-sha256.txt')).split('\n');
    manifest[1] = manifest[1]!.replace('  ', ' ');
    files.set('manifest-sha256.txt', bytes(manifest.join('\n')));

    const actual = await verifyArchive(files);

    expect(actual).toMatchObject({ overall: 'unreadable', unreadableReason: 'manifest', manifest: { ok: false, line: 2, reason: 'format' } });
    expect(actual.signature).toBe('invalid');
  });

  test('reports an exported artifact the record does not have, and one left out', async () => {
    const { files, seal } = await createArchive();
    const evidence = JSON.parse(text(files.get('evidence.json')));
    evidence.items[0].files = { 'raw-0': `${ITEM}raw-screenshot-1.png`, 'ghost-0': `${ITEM}page.mhtml` };
    files.set('evidence.json', bytes(JSON.stringify(evidence)));
    await seal();

    const actual = await verifyArchive(files);

    expect(actual.records).toMatchObject({
      status: 'problems',
      artifacts: 1,
      problems: [
        { item: 1, captureId: '3f1c2b7a-0d5e-4c8f-9a6b-1e2d3c4b5a69', artifactId: 'ghost-0', path: `${ITEM}page.mhtml`, reason: 'unknown-artifact' },
        { item: 1, artifactId: 'snap-0', path: null, reason: 'not-exported' },
      ],
    });
    expect(actual.overall).toBe('problems');
  });
});

describe('parseManifest', () => {
  const hash = 'a'.repeat(64);
  test.each([
    ['CRLF line ends', `${hash}  a.txt\r\n`, 1, 'format'],
    ['one space', `${hash} a.txt\n`, 1, 'format'],
    ['upper-case hex', `${'A'.repeat(64)}  a.txt\n`, 1, 'format'],
    ['a short hash', `${'a'.repeat(63)}  a.txt\n`, 1, 'format'],
    ['no final newline', `${hash}  a.txt\n${hash}  b.txt`, 2, 'format'],
    ['an empty line', `${hash}  a.txt\n\n`, 2, 'format'],
    ['a parent path', `${hash}  items/../a.txt\n`, 1, 'path'],
    ['an absolute path', `${hash}  /etc/passwd\n`, 1, 'path'],
    ['a backslash', `${hash}  items\\a.txt\n`, 1, 'path'],
    ['the manifest itself', `${hash}  manifest-sha256.txt\n`, 1, 'path'],
    ['a duplicate', `${hash}  a.txt\n${hash}  a.txt\n`, 2, 'duplicate'],
  ])('rejects %s', (_name, manifest, line, reason) => {
    expect(parseManifest(bytes(manifest))).toEqual({ ok: false, line, reason });
  });

  test('rejects bytes that are not UTF-8', () => {
    expect(parseManifest(new Uint8Array([0xff, 0xfe]))).toEqual({ ok: false, line: 1, reason: 'encoding' });
  });

  test('reads what sha256sum writes', () => {
    const actual = parseManifest(bytes(`${hash}  README.txt\n${'b'.repeat(64)}  items/x y/é.png\n`));

    expect(actual).toEqual({ ok: true, entries: [{ sha256: hash, path: 'README.txt' }, { sha256: 'b'.repeat(64), path: 'items/x y/é.png' }] });
  });
});

describe('checkCustodyLog', () => {
  const chain = createChain(CHAIN_DRAFTS);
  const lines = (): string[] => custodyLog(chain).split('\n').slice(0, -1);
  const check = (log: string[]) => checkCustodyLog(bytes(log.map((line) => `${line}\n`).join('')));

  test('verifies a chain made by lib/evidence/custody.ts, redacted entries included', async () => {
    const allRedacted = chain.map((entry) => custodyLine(entry, true));

    expect(await check(lines())).toMatchObject({ ok: true, length: 4 });
    expect(await check(allRedacted)).toMatchObject({ ok: true, length: 4 });
  });

  test.each([
    ['a duplicated key', (line: string) => line.replace('{', '{"action":"deleted",')],
    ['a "__proto__" key in the details', (line: string) => line.replace('"details":{', '"details":{"__proto__":{"forged":"yes"},')],
    ['spaces the hash does not cover', (line: string) => line.replace(':', ': ')],
  ])('breaks at a line with %s: nothing in a line escapes its hash', async (_name, spoil) => {
    const log = lines();
    log[1] = spoil(log[1]!);

    expect(await check(log)).toMatchObject({ ok: false, brokenAtLine: 2 });
  });

  test.each([
    ['an edited line', (log: string[]) => { log[1] = log[1]!.replace(RECORD_ID, 'capture-2'); }, 2, 'hash'],
    ['edited details', (log: string[]) => { log[2] = log[2]!.replace('"tags"', '"label"'); }, 3, 'hash'],
    ['a wrong hash for redacted details', (log: string[]) => { log[0] = log[0]!.replace(/"detailsSha256":"[0-9a-f]{64}"/, `"detailsSha256":"${'d'.repeat(64)}"`); }, 1, 'hash'],
    ['a removed line', (log: string[]) => { log.splice(1, 1); }, 2, 'sequence'],
    ['a removed first line', (log: string[]) => { log.shift(); }, 1, 'sequence'],
    ['a forged, re-sealed line', (log: string[]) => {
      const forged = createCustodyEntry({ at: chain[1]!.at, action: 'deleted', subject: RECORD_ID, details: {} }, chain[0]);
      log[1] = custodyLine(forged);
    }, 3, 'link'],
    ['a line that is not JSON', (log: string[]) => { log[2] = '{"seq":3'; }, 3, 'format'],
    ['an unsealed extra field', (log: string[]) => { log[1] = log[1]!.replace('{', '{"addedLater":true,'); }, 2, 'format'],
    ['both details and their hash', (log: string[]) => { log[1] = log[1]!.replace('{', `{"detailsSha256":"${'e'.repeat(64)}",`); }, 2, 'format'],
    ['an empty line', (log: string[]) => { log.splice(2, 0, ''); }, 3, 'format'],
  ] as const)('breaks at %s', async (_name, tamper, brokenAtLine, reason) => {
    const log = lines();
    tamper(log);

    expect(await check(log)).toMatchObject({ ok: false, reason, brokenAtLine });
  });

  test('notices entries cut off its end', async () => {
    expect(await check(lines().slice(0, 3))).toEqual({ ok: false, length: 3, reason: 'unterminated' });
  });

  test.each([
    ['missing', undefined, 'missing'],
    ['empty', bytes(''), 'empty'],
  ] as const)('reports a log that is %s', async (_name, data, reason) => {
    expect(await checkCustodyLog(data)).toMatchObject({ ok: false, reason });
  });
});

test('formatFingerprint groups in fours', () => {
  expect(formatFingerprint('0123456789abcdef01')).toBe('0123 4567 89ab cdef 01');
});

describe('records against the custody log', () => {
  /** The test archive with its `captured` entry sealing `recordSha256`, and the exported entry naming `items`. */
  async function archiveWith(seal: (recordHash: string) => string, items?: string[]) {
    const probe = await createArchive();
    const evidence = JSON.parse(new TextDecoder().decode(probe.files.get('evidence.json') as Uint8Array));
    const recordHash = await sha256HexTs(new TextEncoder().encode(canonicalJsonTs(evidence.items[0].record)));
    const drafts = CHAIN_DRAFTS.map((draft) => {
      if (draft.action === 'captured' && draft.subject === RECORD_ID) return { ...draft, details: { ...draft.details, recordSha256: seal(recordHash) } };
      if (draft.action === 'exported' && items) return { ...draft, details: { ...draft.details, items } };
      return draft;
    });
    return createArchive('Ed25519', { log: custodyLog(createChain(drafts)) });
  }

  test('a record that hashes to what its capture sealed is intact', async () => {
    const archive = await archiveWith((hash) => hash);

    const actual = await verifyArchive(archive.files);

    expect(actual.overall).toBe('intact');
  });

  test('a record changed after capture (author, text, times) is named, even with every file intact', async () => {
    const archive = await archiveWith(() => 'e'.repeat(64));

    const actual = await verifyArchive(archive.files);

    expect(actual.overall).toBe('problems');
    expect(actual.records.problems).toEqual([expect.objectContaining({ reason: 'record-changed', captureId: RECORD_ID })]);
  });

  test('an evidence.json that does not hold exactly the items the export entry names is named', async () => {
    const archive = await archiveWith((hash) => hash, [RECORD_ID, 'an-item-taken-out']);

    const actual = await verifyArchive(archive.files);

    expect(actual.overall).toBe('problems');
    expect(actual.records.problems).toEqual([expect.objectContaining({ reason: 'not-as-exported' })]);
  });
});
