import { canonicalJson } from '../../evidence/canonical-json.ts';
import { createCustodyEntry, hashCustodyDetails, type CustodyDraft, type CustodyEntry } from '../../evidence/custody.ts';
import { sha256Hex } from '../../evidence/hash.ts';
import { createTestRecord } from '../../evidence/test-records.ts';
import { jwkThumbprint, type ArchiveFiles } from './verify-core.js';

// Test helpers for the verifier: small archives laid out as FORMAT.md says, made with the extension's
// own custody and hashing code so the verifier is checked against it.

const encoder = new TextEncoder();
// Copied into this realm's Uint8Array: under jsdom, TextEncoder's arrays come from another realm, which Node's WebCrypto refuses.
export const bytes = (text: string): Uint8Array => new Uint8Array(encoder.encode(text));
export const text = (data: Uint8Array | Blob | undefined): string => new TextDecoder().decode(data as Uint8Array);

export type Algorithm = 'Ed25519' | 'ES256';
export const ITEM = 'items/2026-11-27_x_someone_1862000000000000001/';

/** A custody-log line as the exporter writes it; `redact` replaces the details by their hash. */
export function custodyLine(entry: CustodyEntry, redact = false): string {
  if (!redact) return canonicalJson(entry);
  const { details, ...rest } = entry;
  return canonicalJson({ ...rest, detailsSha256: hashCustodyDetails(details) });
}

export function createChain(drafts: CustodyDraft[]): CustodyEntry[] {
  const chain: CustodyEntry[] = [];
  for (const draft of drafts) chain.push(createCustodyEntry(draft, chain.at(-1)));
  return chain;
}

/** The one item of the test archive; the chain's entries name it. */
export const RECORD_ID = '3f1c2b7a-0d5e-4c8f-9a6b-1e2d3c4b5a69';

export const CHAIN_DRAFTS: CustodyDraft[] = [
  { at: '2026-11-27T18:05:00.000Z', action: 'captured', subject: 'capture-other', details: { url: 'https://x.com/private' } },
  { at: '2026-11-28T09:30:00.000Z', action: 'captured', subject: RECORD_ID, details: { url: 'https://x.com/someone/status/1', note: 'ë 👀 "quoted"' } },
  { at: '2026-11-28T10:00:00.000Z', action: 'edited', subject: RECORD_ID, details: { fields: ['tags', 'note'] } },
  { at: '2026-12-01T08:00:00.000Z', action: 'exported', subject: 'archive', details: { file: 'safelog-evidence-2026-12-01.zip', items: [RECORD_ID] } },
];

/** The custody log of the test archive: the first entry is about an item outside it, so redacted. */
export function custodyLog(chain = createChain(CHAIN_DRAFTS)): string {
  return chain.map((entry, index) => `${custodyLine(entry, index === 0)}\n`).join('');
}

export async function createKeys(algorithm: Algorithm): Promise<CryptoKeyPair> {
  const params = algorithm === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
  return (await crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
}

export async function sign(algorithm: Algorithm, privateKey: CryptoKey, data: Uint8Array): Promise<string> {
  const params = algorithm === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
  const signature = new Uint8Array(await crypto.subtle.sign(params, privateKey, data as BufferSource));
  return `${btoa(String.fromCharCode(...signature))}\n`;
}

function manifestOf(files: ArchiveFiles, hashes: Map<string, string>): string {
  const paths = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return paths.map((path) => `${hashes.get(path)}  ${path}\n`).join('');
}

export interface TestArchive {
  files: ArchiveFiles;
  keys: CryptoKeyPair;
  algorithm: Algorithm;
  kid: string;
  /** Writes the manifest and signs it again, as a forger with the key could. */
  seal: () => Promise<void>;
}

/** A small, valid archive in memory, the way FORMAT.md lays it out. */
export async function createArchive(algorithm: Algorithm = 'Ed25519', options: { kid?: string; log?: string } = {}): Promise<TestArchive> {
  const screenshot = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5]);
  const snapshot = bytes('MIME-Version: 1.0\r\n\r\n<p>I know where you live</p>');
  const record = createTestRecord({
    id: RECORD_ID,
    artifacts: [
      { id: 'raw-0', kind: 'raw-screenshot', mime: 'image/png', size: screenshot.length, sha256: await sha256Hex(screenshot) },
      { id: 'snap-0', kind: 'page-snapshot', mime: 'multipart/related', size: snapshot.length, sha256: await sha256Hex(snapshot) },
      { id: 'thumb-0', kind: 'thumbnail', mime: 'image/png', size: 1, sha256: 'b'.repeat(64) },
    ],
  });
  const evidence = {
    format: 'safelog-evidence',
    formatVersion: 1,
    items: [{ record, folder: ITEM, files: { 'raw-0': `${ITEM}raw-screenshot-1.png`, 'snap-0': `${ITEM}page.mhtml` }, stamped: {} }],
  };
  const keys = await createKeys(algorithm);
  const exported = (await crypto.subtle.exportKey('jwk', keys.publicKey)) as Record<string, string>;
  const publicJwk =
    algorithm === 'Ed25519'
      ? { kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', x: exported.x }
      : { kty: 'EC', crv: 'P-256', alg: 'ES256', x: exported.x, y: exported.y };
  const kid = options.kid ?? ((await jwkThumbprint(publicJwk)) as string);
  const files: ArchiveFiles = new Map<string, Uint8Array | Blob>([
    ['README.txt', bytes('This is a Safelog evidence archive.\n')],
    ['custody-log.jsonl', bytes(options.log ?? custodyLog())],
    ['evidence.json', bytes(JSON.stringify(evidence, null, 2))],
    // A Blob as the folder picker hands in, to cover both kinds of input.
    [`${ITEM}page.mhtml`, new Blob([snapshot as BlobPart])],
    [`${ITEM}raw-screenshot-1.png`, screenshot],
    ['public-key.jwk', bytes(JSON.stringify({ ...publicJwk, kid }))],
    ['verify.html', bytes('<!doctype html><title>verify</title>')],
  ]);
  const seal = async (): Promise<void> => {
    files.delete('manifest-sha256.txt');
    files.delete('manifest.sig');
    const hashes = new Map<string, string>();
    for (const [path, data] of files) hashes.set(path, await sha256Hex(data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : data));
    const manifest = bytes(manifestOf(files, hashes));
    files.set('manifest-sha256.txt', manifest);
    files.set('manifest.sig', bytes(await sign(algorithm, keys.privateKey, manifest)));
  };
  await seal();
  return { files, keys, algorithm, kid, seal };
}
