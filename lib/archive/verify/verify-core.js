// @ts-check
/* global crypto, TextEncoder, TextDecoder, atob -- the browser's, and Node's in tests */
/**
 * The checks behind verify.html, the page inside every evidence archive (see ../FORMAT.md).
 *
 * Plain JavaScript on purpose: the page inlines this file as it is, so it runs offline in any current
 * browser with nothing built or installed. It must not import anything, and it shares one module scope
 * with verify-ui.js. Everything here is pure: it takes the archive's files as a map and returns a verdict.
 */

/** @typedef {Map<string, Uint8Array | Blob>} ArchiveFiles Files by path relative to the archive's root. */

/**
 * @typedef {'ok' | 'changed' | 'missing' | 'unlisted'} FileStatus
 * @typedef {{ path: string, status: FileStatus, expected: string | null, actual: string | null }} FileVerdict
 *   `expected`: the manifest's hash (null when unlisted); `actual`: the file's hash (null when missing).
 */

/**
 * @typedef {{ ok: true, entries: { sha256: string, path: string }[] }
 *   | { ok: false, line: number, reason: 'encoding' | 'format' | 'path' | 'duplicate' }} ManifestResult
 *   `line` is 1-based.
 */

/** @typedef {'valid' | 'invalid' | 'unsupported' | 'missing'} SignatureStatus */

/**
 * @typedef {object} KeyVerdict
 * @property {'ok' | 'missing' | 'unreadable' | 'kid-mismatch'} status
 * @property {'Ed25519' | 'ES256' | null} algorithm
 * @property {string | null} kid What the key file claims its fingerprint is.
 * @property {string | null} fingerprint Its real RFC 7638 thumbprint (SHA-256, hex).
 */

/**
 * @typedef {'format' | 'sequence' | 'link' | 'hash'} ChainBreak
 * @typedef {{ action: string, subject: string, details: Record<string, unknown> | undefined }} ChainEntry
 *   An entry of a checked log, for the checks of evidence.json against it (details absent when redacted).
 * @typedef {{ ok: true, length: number, entries?: ChainEntry[] }
 *   | { ok: false, length: number, reason: 'missing' | 'empty' | 'encoding' | 'unterminated' }
 *   | { ok: false, length: number, reason: ChainBreak, brokenAtLine: number }} ChainVerdict
 *   `brokenAtLine` is the 1-based line of custody-log.jsonl; `unterminated`: the log does not end with an
 *   `exported` entry, so entries may have been cut off its end.
 */

/**
 * @typedef {{ item: number, captureId: string | null, artifactId: string, path: string | null,
 *   reason: 'hash' | 'not-in-manifest' | 'unknown-artifact' | 'not-exported' | 'record-changed' | 'not-as-exported' }} RecordProblem
 *   `item` is 1-based, in evidence.json's order.
 * @typedef {{ status: 'ok' | 'problems' | 'missing' | 'unreadable' | 'unchecked', items: number,
 *   artifacts: number, problems: RecordProblem[] }} RecordsVerdict
 *   `artifacts`: how many artifact hashes were compared; `unchecked` when the manifest is unreadable.
 */

/**
 * @typedef {object} Verdict
 * @property {'intact' | 'problems' | 'incomplete' | 'unreadable'} overall `incomplete`: nothing is wrong,
 *   but this browser cannot check the signature.
 * @property {null | 'no-crypto' | 'no-manifest' | 'manifest'} unreadableReason
 * @property {ManifestResult | null} manifest
 * @property {FileVerdict[]} files In manifest order, then the unlisted ones by path.
 * @property {string[]} ignored Files the operating system adds to folders (.DS_Store, …), not judged.
 * @property {SignatureStatus} signature
 * @property {KeyVerdict} key
 * @property {ChainVerdict} chain
 * @property {RecordsVerdict} records
 * @property {string | null} fingerprint The signing key's thumbprint, when the key could be read.
 */

export const MANIFEST_PATH = 'manifest-sha256.txt';
export const SIGNATURE_PATH = 'manifest.sig';
export const PUBLIC_KEY_PATH = 'public-key.jwk';
export const CUSTODY_LOG_PATH = 'custody-log.jsonl';
export const EVIDENCE_PATH = 'evidence.json';
const GENESIS = '0'.repeat(64);
const HEX64 = /^[0-9a-f]{64}$/;

/** RFC 8032's first test key: importing it tells "no Ed25519 here" apart from "a bad key". */
const ED25519_PROBE_X = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo';

/**
 * JSON with object keys sorted at every depth and undefined members dropped: byte for byte what
 * lib/evidence/canonical-json.ts produces, since the custody hashes are computed over it.
 * @param {unknown} value
 * @returns {string}
 */
export function canonicalJson(value) {
  return JSON.stringify(sortKeys(value));
}

/**
 * @param {unknown} value
 * @returns {unknown}
 */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    // No prototype: a "__proto__" key from JSON.parse must stay a key, not swap the prototype.
    /** @type {Record<string, unknown>} */
    const sorted = Object.create(null);
    for (const key of Object.keys(value).sort()) {
      const child = /** @type {Record<string, unknown>} */ (value)[key];
      if (child !== undefined) sorted[key] = sortKeys(child);
    }
    return sorted;
  }
  return value;
}

/**
 * The bytes of a file, whether it came in as bytes or as a Blob/File from the folder picker.
 * @param {Uint8Array | Blob} data
 * @returns {Promise<Uint8Array<ArrayBuffer>>}
 */
async function bytesOf(data) {
  if (data instanceof Uint8Array) return /** @type {Uint8Array<ArrayBuffer>} */ (data);
  return new Uint8Array(await data.arrayBuffer());
}

/**
 * @param {Uint8Array} bytes
 * @returns {string}
 */
function toHex(bytes) {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * SHA-256 as lower-case hex.
 * @param {Uint8Array | Blob | string} data A string is hashed as UTF-8.
 * @returns {Promise<string>}
 */
export async function sha256Hex(data) {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : await bytesOf(data);
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/**
 * UTF-8 text, or null when the bytes are not valid UTF-8 (a damaged or foreign file).
 * @param {Uint8Array} bytes
 * @returns {string | null}
 */
function decodeUtf8(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
}

/**
 * Whether a manifest path is one the format allows: relative, `/`-separated, no `.`/`..`/empty segment,
 * no backslash, and not the manifest or its signature (which cannot list themselves).
 * @param {string} path
 * @returns {boolean}
 */
function isArchivePath(path) {
  if (path === MANIFEST_PATH || path === SIGNATURE_PATH || path.includes('\\')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/**
 * Reads manifest-sha256.txt strictly: every line exactly `<64 lower-case hex>  <path>\n`, as
 * `sha256sum -c` reads it. Anything else means the file was edited or damaged.
 * @param {Uint8Array} bytes
 * @returns {ManifestResult}
 */
export function parseManifest(bytes) {
  const text = decodeUtf8(bytes);
  if (text === null) return { ok: false, line: 1, reason: 'encoding' };
  if (text === '') return { ok: true, entries: [] };
  const lines = text.split('\n');
  // A manifest ends with a newline, so the last piece is empty; if it is not, the last line lacks one.
  const last = lines.pop();
  if (last !== '') return { ok: false, line: lines.length + 1, reason: 'format' };
  /** @type {{ sha256: string, path: string }[]} */
  const entries = [];
  const seen = new Set();
  for (const [index, line] of lines.entries()) {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!match) return { ok: false, line: index + 1, reason: 'format' };
    const [, sha256 = '', path = ''] = match;
    if (!isArchivePath(path)) return { ok: false, line: index + 1, reason: 'path' };
    if (seen.has(path)) return { ok: false, line: index + 1, reason: 'duplicate' };
    seen.add(path);
    entries.push({ sha256, path });
  }
  return { ok: true, entries };
}

/**
 * Files an operating system drops into folders by itself (Finder, Explorer, copies to a USB stick).
 * They are shown apart, not counted as added evidence: opening the folder must not "break" it.
 * @param {string} path
 * @returns {boolean}
 */
export function isSystemFile(path) {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (
    path.startsWith('__MACOSX/') ||
    name === '.DS_Store' ||
    name === 'Thumbs.db' ||
    name === 'desktop.ini' ||
    name.startsWith('._')
  );
}

/**
 * The archive's files when the person chose the folder *around* it (or unzipping made a folder in a
 * folder): strips a first segment shared by every path as long as the manifest is not at the top.
 * @param {ArchiveFiles} files
 * @returns {ArchiveFiles}
 */
export function rebaseArchiveFiles(files) {
  if (files.has(MANIFEST_PATH)) return files;
  const manifests = [...files.keys()].filter((path) => path.endsWith(`/${MANIFEST_PATH}`));
  const shallowest = manifests.sort((a, b) => a.split('/').length - b.split('/').length)[0];
  if (shallowest === undefined) return files;
  const prefix = shallowest.slice(0, -MANIFEST_PATH.length);
  // Only when nothing lies beside the archive's folder: otherwise it is not clear what the archive is.
  if (![...files.keys()].every((path) => path.startsWith(prefix) || isSystemFile(path))) return files;
  /** @type {ArchiveFiles} */
  const inner = new Map();
  for (const [path, data] of files) {
    if (path.startsWith(prefix)) inner.set(path.slice(prefix.length), data);
  }
  return inner;
}

/**
 * Hashes every file the manifest lists and sorts the folder's files into ok, changed, missing and
 * unlisted (every file but the manifest, its signature and system files must be listed).
 * @param {ArchiveFiles} files
 * @param {{ sha256: string, path: string }[]} entries The parsed manifest.
 * @param {(done: number, total: number) => void} [onProgress] Called after each file is hashed.
 * @returns {Promise<{ files: FileVerdict[], ignored: string[] }>}
 */
export async function checkFiles(files, entries, onProgress) {
  const listed = new Set(entries.map((entry) => entry.path));
  const extra = [...files.keys()].filter((path) => !listed.has(path) && path !== MANIFEST_PATH && path !== SIGNATURE_PATH).sort();
  const unlisted = extra.filter((path) => !isSystemFile(path));
  const total = entries.length + unlisted.length;
  let done = 0;
  /** @type {FileVerdict[]} */
  const verdicts = [];
  // One file at a time: a single artifact can be large, and hashing holds it in memory whole.
  for (const { sha256, path } of entries) {
    const data = files.get(path);
    if (data === undefined) {
      verdicts.push({ path, status: 'missing', expected: sha256, actual: null });
    } else {
      const actual = await sha256Hex(data);
      verdicts.push({ path, status: actual === sha256 ? 'ok' : 'changed', expected: sha256, actual });
    }
    onProgress?.((done += 1), total);
  }
  for (const path of unlisted) {
    const data = /** @type {Uint8Array | Blob} */ (files.get(path));
    verdicts.push({ path, status: 'unlisted', expected: null, actual: await sha256Hex(data) });
    onProgress?.((done += 1), total);
  }
  return { files: verdicts, ignored: extra.filter(isSystemFile) };
}

/**
 * The RFC 7638 thumbprint of a public JWK: SHA-256 over its required members in lexicographic order,
 * no whitespace, as lower-case hex. Null for a key type Safelog does not make.
 * @param {Record<string, unknown>} jwk
 * @returns {Promise<string | null>}
 */
export async function jwkThumbprint(jwk) {
  /** @type {string[]} */
  const members = jwk.kty === 'OKP' ? ['crv', 'kty', 'x'] : jwk.kty === 'EC' ? ['crv', 'kty', 'x', 'y'] : [];
  if (members.length === 0 || !members.every((name) => typeof jwk[name] === 'string')) return null;
  // canonicalJson sorts the keys and adds no whitespace: exactly RFC 7638's form.
  return sha256Hex(canonicalJson(Object.fromEntries(members.map((name) => [name, jwk[name]]))));
}

/**
 * Whether this browser's WebCrypto knows Ed25519 (Chrome 137+, Firefox 129+, Safari 17+).
 * @returns {Promise<boolean>}
 */
export async function isEd25519Supported() {
  try {
    await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: ED25519_PROBE_X }, { name: 'Ed25519' }, false, ['verify']);
    return true;
  } catch (error) {
    if (error instanceof Error) return false;
    throw error;
  }
}

/**
 * The algorithm of a Safelog public key, or null when it is not one.
 * @param {Record<string, unknown>} jwk
 * @returns {'Ed25519' | 'ES256' | null}
 */
function algorithmOf(jwk) {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'Ed25519';
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  return null;
}

/**
 * Strict base64 (the signature file: one line, a trailing newline allowed), or null.
 * @param {string} text
 * @returns {Uint8Array<ArrayBuffer> | null}
 */
function decodeBase64(text) {
  const trimmed = text.replace(/\r?\n$/, '');
  if (trimmed.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed)) return null;
  return Uint8Array.from(atob(trimmed), (char) => char.charCodeAt(0));
}

/**
 * JSON from text, or null when there is no text or it is not JSON: a bad file is a verdict here,
 * never an exception.
 * @param {string | null} text
 * @returns {unknown}
 */
function parseJson(text) {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}

/**
 * Reads public-key.jwk and checks that its `kid` is its own thumbprint.
 * @param {ArchiveFiles} files
 * @returns {Promise<{ key: KeyVerdict, jwk: Record<string, unknown> | null }>}
 */
export async function checkPublicKey(files) {
  const data = files.get(PUBLIC_KEY_PATH);
  if (data === undefined) return { key: { status: 'missing', algorithm: null, kid: null, fingerprint: null }, jwk: null };
  const parsed = parseJson(decodeUtf8(await bytesOf(data)));
  const unreadable = /** @type {const} */ ({ status: 'unreadable', algorithm: null, kid: null, fingerprint: null });
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { key: unreadable, jwk: null };
  const jwk = /** @type {Record<string, unknown>} */ (parsed);
  const algorithm = algorithmOf(jwk);
  const fingerprint = await jwkThumbprint(jwk);
  if (algorithm === null || fingerprint === null) return { key: unreadable, jwk: null };
  const kid = typeof jwk.kid === 'string' ? jwk.kid : null;
  return { key: { status: kid === fingerprint ? 'ok' : 'kid-mismatch', algorithm, kid, fingerprint }, jwk };
}

/**
 * Checks manifest.sig over the exact bytes of the manifest with the archive's public key.
 * A browser without Ed25519 gets `unsupported`, never `invalid`: the archive is not at fault.
 * @param {ArchiveFiles} files
 * @param {Record<string, unknown> | null} jwk The key from checkPublicKey (null: missing or unreadable).
 * @returns {Promise<SignatureStatus>}
 */
export async function verifySignature(files, jwk) {
  const manifest = files.get(MANIFEST_PATH);
  const signatureFile = files.get(SIGNATURE_PATH);
  if (manifest === undefined || signatureFile === undefined || !files.has(PUBLIC_KEY_PATH)) return 'missing';
  if (jwk === null) return 'invalid';
  const algorithm = algorithmOf(jwk);
  const signatureText = decodeUtf8(await bytesOf(signatureFile));
  const signature = signatureText === null ? null : decodeBase64(signatureText);
  if (signature === null || signature.length !== 64) return 'invalid';
  const params =
    algorithm === 'Ed25519'
      ? { importAs: { name: 'Ed25519' }, verifyAs: { name: 'Ed25519' } }
      : { importAs: { name: 'ECDSA', namedCurve: 'P-256' }, verifyAs: { name: 'ECDSA', hash: 'SHA-256' } };
  // Only the public members: a stray "d", "key_ops" or "alg" in the file must not change what is checked.
  const publicJwk =
    algorithm === 'Ed25519' ? { kty: 'OKP', crv: 'Ed25519', x: jwk.x } : { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
  /** @type {CryptoKey} */
  let key;
  try {
    key = await crypto.subtle.importKey('jwk', /** @type {JsonWebKey} */ (publicJwk), params.importAs, false, ['verify']);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    if (algorithm === 'Ed25519' && !(await isEd25519Supported())) return 'unsupported';
    return 'invalid';
  }
  try {
    return (await crypto.subtle.verify(params.verifyAs, key, signature, await bytesOf(manifest))) ? 'valid' : 'invalid';
  } catch (error) {
    if (error instanceof Error && error.name === 'NotSupportedError') return 'unsupported';
    if (error instanceof Error) return 'invalid';
    throw error;
  }
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const ENTRY_FIELDS = ['action', 'at', 'hash', 'prevHash', 'seq', 'subject'];

/**
 * One custody-log line as an entry, its details replaced by their hash; null when it is not one.
 * Unknown fields make it invalid: they would not be covered by the entry's hash.
 * @param {string} line
 * @returns {Promise<{ seq: number, at: string, action: string, subject: string, detailsSha256: string,
 *   prevHash: string, hash: string, details: Record<string, unknown> | undefined } | null>}
 */
async function readCustodyLine(line) {
  const value = parseJson(line);
  if (!isPlainObject(value)) return null;
  // Only the canonical form is accepted: a duplicated key or a "__proto__" would otherwise carry
  // content that the hash does not cover.
  if (canonicalJson(value) !== line) return null;
  const { seq, at, action, subject, prevHash, hash, details, detailsSha256 } = value;
  const detailsField = 'details' in value ? 'details' : 'detailsSha256';
  const keys = Object.keys(value).sort();
  if (keys.join() !== [...ENTRY_FIELDS, detailsField].sort().join()) return null;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || typeof at !== 'string' || typeof action !== 'string') return null;
  if (typeof subject !== 'string' || typeof prevHash !== 'string' || !HEX64.test(prevHash)) return null;
  if (typeof hash !== 'string' || !HEX64.test(hash)) return null;
  /** @type {string} */
  let ownDetailsSha256;
  if (detailsField === 'details') {
    if (!isPlainObject(details)) return null;
    ownDetailsSha256 = await sha256Hex(canonicalJson(details));
  } else {
    // An entry about an item outside this archive: its details are left out, their hash stands in.
    if (typeof detailsSha256 !== 'string' || !HEX64.test(detailsSha256)) return null;
    ownDetailsSha256 = detailsSha256;
  }
  return { seq, at, action, subject, detailsSha256: ownDetailsSha256, prevHash, hash, details: detailsField === 'details' && isPlainObject(details) ? details : undefined };
}

/**
 * Checks custody-log.jsonl: every line an entry, numbered 1..n, each linked to the one before and
 * sealed by its hash, the last one this export's `exported` entry. Any changed, inserted or removed
 * entry breaks it at that line.
 * @param {Uint8Array | Blob | undefined} data The file, or undefined when it is missing.
 * @returns {Promise<ChainVerdict>}
 */
export async function checkCustodyLog(data) {
  if (data === undefined) return { ok: false, length: 0, reason: 'missing' };
  const text = decodeUtf8(await bytesOf(data));
  if (text === null) return { ok: false, length: 0, reason: 'encoding' };
  if (text === '') return { ok: false, length: 0, reason: 'empty' };
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  let previousHash = GENESIS;
  let lastAction = '';
  /** @type {ChainEntry[]} */
  const entries = [];
  for (const [index, line] of lines.entries()) {
    const brokenAtLine = index + 1;
    const entry = await readCustodyLine(line);
    if (entry === null) return { ok: false, length: lines.length, reason: 'format', brokenAtLine };
    if (entry.seq !== index + 1) return { ok: false, length: lines.length, reason: 'sequence', brokenAtLine };
    if (entry.prevHash !== previousHash) return { ok: false, length: lines.length, reason: 'link', brokenAtLine };
    const { seq, at, action, subject, detailsSha256, prevHash } = entry;
    const seal = await sha256Hex(canonicalJson({ seq, at, action, subject, detailsSha256, prevHash }));
    if (seal !== entry.hash) return { ok: false, length: lines.length, reason: 'hash', brokenAtLine };
    previousHash = entry.hash;
    lastAction = action;
    entries.push({ action, subject, details: entry.details });
  }
  if (lastAction !== 'exported') return { ok: false, length: lines.length, reason: 'unterminated' };
  return { ok: true, length: lines.length, entries };
}

/**
 * Checks evidence.json against the manifest: for every exported artifact, the SHA-256 its record
 * took at capture time must be the manifest's hash of the file it points to. Together with the file
 * check this proves each file is byte for byte what was captured, not only what was exported.
 * @param {Uint8Array | Blob | undefined} data evidence.json, or undefined when it is missing.
 * @param {Map<string, string>} manifestHashes The manifest's hash by path.
 * @param {ChainEntry[]} [chainEntries] The checked custody log: each record must hash to what its
 *   `captured` entry sealed, and the last (`exported`) entry must name exactly the items held.
 * @returns {Promise<RecordsVerdict>}
 */
export async function checkRecords(data, manifestHashes, chainEntries = []) {
  if (data === undefined) return { status: 'missing', items: 0, artifacts: 0, problems: [] };
  const parsed = parseJson(decodeUtf8(await bytesOf(data)));
  const unreadable = /** @type {RecordsVerdict} */ ({ status: 'unreadable', items: 0, artifacts: 0, problems: [] });
  if (!isPlainObject(parsed) || !Array.isArray(parsed.items)) return unreadable;
  /** @type {RecordProblem[]} */
  const problems = [];
  let artifacts = 0;
  for (const [index, item] of parsed.items.entries()) {
    if (!isPlainObject(item) || !isPlainObject(item.record) || !isPlainObject(item.files) || !Array.isArray(item.record.artifacts)) {
      return unreadable;
    }
    const captureId = typeof item.record.id === 'string' ? item.record.id : null;
    /** @type {Map<string, { sha256: unknown, kind: unknown }>} */
    const byId = new Map();
    for (const artifact of item.record.artifacts) {
      if (isPlainObject(artifact) && typeof artifact.id === 'string') byId.set(artifact.id, { sha256: artifact.sha256, kind: artifact.kind });
    }
    const problem = (/** @type {string} */ artifactId, /** @type {string | null} */ path, /** @type {RecordProblem['reason']} */ reason) =>
      problems.push({ item: index + 1, captureId, artifactId, path, reason });
    for (const [artifactId, path] of Object.entries(item.files)) {
      if (typeof path !== 'string') return unreadable;
      const artifact = byId.get(artifactId);
      const listed = manifestHashes.get(path);
      if (artifact === undefined) problem(artifactId, path, 'unknown-artifact');
      else if (listed === undefined) problem(artifactId, path, 'not-in-manifest');
      else if (artifact.sha256 !== listed) problem(artifactId, path, 'hash');
      else artifacts += 1;
    }
    // Every artifact but the thumbnail is evidence and is exported (FORMAT.md).
    for (const [artifactId, artifact] of byId) {
      if (artifact.kind !== 'thumbnail' && !Object.hasOwn(item.files, artifactId)) problem(artifactId, null, 'not-exported');
    }
    // The facts (author, text, times) were sealed in the chain when the item was captured.
    const captured = chainEntries.find((entry) => entry.action === 'captured' && entry.subject === captureId && entry.details);
    const sealed = captured?.details?.recordSha256;
    if (typeof sealed === 'string' && sealed !== (await sha256Hex(canonicalJson(item.record)))) problem(captureId ?? '', null, 'record-changed');
  }
  // This export's own entry names the items it holds; evidence.json must hold exactly those.
  const exported = chainEntries.at(-1);
  const named = Array.isArray(exported?.details?.items) ? exported.details.items.map(String).sort() : null;
  const held = parsed.items.map((item) => (isPlainObject(item) && isPlainObject(item.record) ? String(item.record.id) : '')).sort();
  if (exported?.action === 'exported' && (named === null || named.join('\n') !== held.join('\n'))) {
    problems.push({ item: 0, captureId: null, artifactId: '', path: null, reason: 'not-as-exported' });
  }
  return { status: problems.length === 0 ? 'ok' : 'problems', items: parsed.items.length, artifacts, problems };
}

/**
 * Checks a whole unzipped archive: files against the manifest, the manifest's signature, the key's
 * fingerprint, the custody chain and evidence.json's hashes. Never throws for a bad archive: what is
 * wrong is in the verdict.
 * @param {ArchiveFiles} files By path relative to the archive's root (see rebaseArchiveFiles).
 * @param {{ onProgress?: (done: number, total: number) => void }} [options]
 * @returns {Promise<Verdict>}
 */
export async function verifyArchive(files, options = {}) {
  const { key, jwk } = globalThis.crypto?.subtle
    ? await checkPublicKey(files)
    : { key: /** @type {KeyVerdict} */ ({ status: 'unreadable', algorithm: null, kid: null, fingerprint: null }), jwk: null };
  /** @type {Verdict} */
  const verdict = {
    overall: 'unreadable',
    unreadableReason: null,
    manifest: null,
    files: [],
    ignored: [],
    signature: 'missing',
    key,
    chain: { ok: false, length: 0, reason: 'missing' },
    records: { status: 'unchecked', items: 0, artifacts: 0, problems: [] },
    fingerprint: key.fingerprint,
  };
  // WebCrypto exists only in secure contexts; file:// is one in current browsers.
  if (!globalThis.crypto?.subtle) return { ...verdict, unreadableReason: 'no-crypto' };
  verdict.signature = await verifySignature(files, jwk);
  verdict.chain = await checkCustodyLog(files.get(CUSTODY_LOG_PATH));
  const manifestData = files.get(MANIFEST_PATH);
  if (manifestData === undefined) return { ...verdict, unreadableReason: 'no-manifest' };
  const manifest = parseManifest(await bytesOf(manifestData));
  verdict.manifest = manifest;
  if (!manifest.ok) return { ...verdict, unreadableReason: 'manifest' };
  const checked = await checkFiles(files, manifest.entries, options.onProgress);
  verdict.files = checked.files;
  verdict.ignored = checked.ignored;
  verdict.records = await checkRecords(
    files.get(EVIDENCE_PATH),
    new Map(manifest.entries.map((entry) => [entry.path, entry.sha256])),
    verdict.chain.ok ? (verdict.chain.entries ?? []) : [],
  );
  const wrong =
    verdict.files.some((file) => file.status !== 'ok') ||
    verdict.signature === 'invalid' ||
    verdict.signature === 'missing' ||
    key.status !== 'ok' ||
    !verdict.chain.ok ||
    verdict.records.status !== 'ok';
  verdict.overall = wrong ? 'problems' : verdict.signature === 'unsupported' ? 'incomplete' : 'intact';
  return verdict;
}

/**
 * A fingerprint the way Settings shows it: blocks of four, easy to read out over the phone.
 * @param {string} fingerprint
 * @returns {string}
 */
export function formatFingerprint(fingerprint) {
  return fingerprint.match(/.{1,4}/g)?.join(' ') ?? '';
}
