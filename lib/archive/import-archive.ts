import { canonicalJson } from '../evidence/canonical-json.ts';
import { sha256Hex, sha256HexSync } from '../evidence/hash.ts';
import type { CaptureRecord } from '../evidence/record.ts';
import { verifyCustodyLog, type CustodyLogEntry, type CustodyLogProblem } from './custody-log.ts';
import { evidenceArchiveSchema, type ArchiveItem } from './evidence-json.ts';
import { readArchive, type ArchiveLimits, type ArchiveReadError } from './read-archive.ts';
import { parseManifest as parseStrictManifest } from './manifest.ts';
import {
  CUSTODY_LOG_PATH,
  EVIDENCE_PATH,
  MANIFEST_PATH,
  SIGNATURE_PATH,
  verifyArchive,
  type FileStatus,
  type Verdict,
} from './verify/verify-core.js';

/** A file the archive's manifest does not vouch for: changed, missing, or not listed at all. */
export interface TamperedFile {
  /** As stored in the archive (page-independent, but still shown only as text). */
  path: string;
  status: Exclude<FileStatus, 'ok'>;
}

/**
 * Why an archive was refused as a whole. Nothing of it is planned or written. `detail` is for logs,
 * never for the person.
 */
export type ImportFailure =
  | { reason: 'not-a-safelog-archive'; detail?: string }
  | { reason: 'needs-password' | 'wrong-password'; path: string }
  | { reason: 'damaged'; path?: string; detail?: string }
  | { reason: 'too-large'; path?: string }
  /** Zip bomb, path traversal, a path given twice: the archive tries something no exporter does. */
  | { reason: 'unsafe'; path: string; detail?: string }
  | { reason: 'cancelled' }
  | { reason: 'tampered'; files: TamperedFile[] }
  /** Missing, unreadable, not matching the key, or a key whose `kid` is not its own fingerprint. */
  | { reason: 'signature-invalid'; detail: 'missing' | 'invalid' | 'key-unreadable' | 'key-mismatch' }
  /** This browser cannot check the algorithm (Ed25519 before Chrome 137): no verdict either way. */
  | { reason: 'signature-unsupported' }
  | { reason: 'chain-broken'; line: number; problem: CustodyLogProblem | 'unterminated' }
  | { reason: 'schema-invalid'; issues: string[] };

export type ImportFailureReason = ImportFailure['reason'];

/** Why one item cannot be imported while the rest of the archive can. */
export type InvalidItemReason =
  /** Its file's bytes do not hash to the record's sha256 (the exporter writes such files as they are, flagged). */
  | { problem: 'artifact-hash'; artifactId: string; path: string }
  | { problem: 'artifact-size'; artifactId: string; path: string }
  /** An artifact of the record has no file in the archive (only a capture's own thumbnail store is exempt). */
  | { problem: 'artifact-missing'; artifactId: string }
  /** `files` names an artifact the record does not have. */
  | { problem: 'unknown-artifact'; artifactId: string }
  /** The record's facts differ from those its `captured` entry sealed: changed after capture. */
  | { problem: 'record-changed' }
  /** Two items of this archive share a capture id, or two artifacts an id. */
  | { problem: 'duplicate-in-archive'; id: string }
  /** This Safelog already keeps bytes under one of the item's artifact ids, for another capture. */
  | { problem: 'artifact-id-taken'; artifactId: string };

interface PlannedBase {
  /** 1-based position in evidence.json. */
  index: number;
  captureId: string;
  /** The record exactly as the archive holds it: page content, to be shown only as text. */
  record: CaptureRecord;
  /** Artifact id → archive path of its original. */
  files: Record<string, string>;
  /** The recordSha256 the archive's own chain sealed at capture, when it has one for this item. */
  archiveRecordSha256: string | null;
}

export type PlannedItem =
  | (PlannedBase & { status: 'new' | 'duplicate' | 'conflict' })
  | (PlannedBase & { status: 'invalid'; reasons: InvalidItemReason[] });

export type ItemStatus = PlannedItem['status'];

/** Who signed the archive: this extension's own key, or another Safelog's (reported, not refused). */
export type ArchiveSigner =
  | { kind: 'this-safelog'; fingerprint: string; algorithm: 'Ed25519' | 'ES256' }
  | { kind: 'other'; fingerprint: string; algorithm: 'Ed25519' | 'ES256' };

export interface ImportPlan {
  /** The archive's file name as the person picked it. */
  archiveName: string;
  signer: ArchiveSigner;
  exportedAt: string;
  tool: { name: string; version: string; browser: string };
  /** The archive's custody chain, verified; kept for display, never copied into this extension's chain. */
  custody: CustodyLogEntry[];
  custodyLogSha256: string;
  manifestSha256: string;
  items: PlannedItem[];
  counts: Record<ItemStatus, number>;
}

export type InspectResult = { ok: true; plan: ImportPlan; files: Map<string, Blob> } | { ok: false; failure: ImportFailure };

export interface InspectProgress {
  phase: 'reading' | 'checking';
  done: number;
  total: number;
}

export interface InspectOptions {
  /** The archive's file name; defaults to the File's own name. */
  fileName?: string;
  password?: string;
  signal?: AbortSignal;
  onProgress?: (progress: InspectProgress) => void;
  /** This extension's signing key fingerprint, when it has one. */
  ownKeyKid?: string;
  /** The stored record under a capture id, if any. */
  existing: (captureId: string) => Promise<CaptureRecord | undefined>;
  /** The capture whose bytes are stored under an artifact id, if any: an id clash would abort the write. */
  artifactOwner?: (artifactId: string) => Promise<string | undefined>;
  /** Tighter reader limits (tests); FORMAT.md's by default. */
  limits?: Partial<ArchiveLimits>;
}

const MAX_SCHEMA_ISSUES = 5;

/** verify-core's chain reasons in custody-log.ts's terms, so the UI has one set of words for them. */
const CHAIN_PROBLEMS = {
  missing: 'empty',
  empty: 'empty',
  encoding: 'json',
  unterminated: 'unterminated',
  format: 'schema',
  sequence: 'sequence',
  link: 'link',
  hash: 'hash',
} as const satisfies Record<Exclude<Verdict['chain'], { ok: true }>['reason'], CustodyLogProblem | 'unterminated'>;

/**
 * Reads and verifies a Safelog archive, then sorts its items into new, duplicate, conflict and
 * invalid against what this extension keeps. Pure over its inputs: it writes nothing. Resolves with
 * a typed failure for every damaged, hostile or forged archive; it throws only when a callback does.
 */
export async function inspectArchive(zip: Blob, options: InspectOptions): Promise<InspectResult> {
  const fail = (failure: ImportFailure): InspectResult => ({ ok: false, failure });
  const read = await readArchive(zip, {
    password: options.password,
    signal: options.signal,
    limits: options.limits,
    onProgress: (done, total) => options.onProgress?.({ phase: 'reading', done, total }),
  });
  if (!read.ok) return fail(fromReadError(read.error));
  const files = read.files;
  if (!files.has(MANIFEST_PATH) && !files.has(EVIDENCE_PATH)) return fail({ reason: 'not-a-safelog-archive', detail: 'no manifest, no evidence.json' });

  const verdict = await verifyArchive(files, { onProgress: (done, total) => options.onProgress?.({ phase: 'checking', done, total }) });
  if (options.signal?.aborted) return fail({ reason: 'cancelled' });
  const archiveFailure = findArchiveFailure(verdict, files);
  if (archiveFailure) return fail(archiveFailure);

  // Verified: every file below is exactly what the manifest lists and the signature covers.
  const logText = await textOf(files.get(CUSTODY_LOG_PATH));
  const chain = logText === null ? null : verifyCustodyLog(logText);
  if (chain === null) return fail({ reason: 'chain-broken', line: 1, problem: 'json' });
  if (!chain.ok) return fail({ reason: 'chain-broken', line: chain.line, problem: chain.problem });
  if (chain.entries.at(-1)?.action !== 'exported') return fail({ reason: 'chain-broken', line: chain.entries.length, problem: 'unterminated' });

  const evidenceText = await textOf(files.get(EVIDENCE_PATH));
  const json = evidenceText === null ? undefined : parseJson(evidenceText);
  if (json === undefined) return fail({ reason: 'schema-invalid', issues: ['evidence.json: not UTF-8 JSON'] });
  const evidence = evidenceArchiveSchema.safeParse(json);
  if (!evidence.success) {
    const issues = evidence.error.issues.slice(0, MAX_SCHEMA_ISSUES).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return fail({ reason: 'schema-invalid', issues });
  }
  // evidence.json must hold exactly the items this export's own custody entry names.
  if (verdict.records.problems.some((problem) => problem.reason === 'not-as-exported')) {
    return fail({ reason: 'tampered', files: [{ path: EVIDENCE_PATH, status: 'changed' }] });
  }

  // The manifest passed the verifier's checks; Safelog's own are stricter (sorted, no control characters,
  // exactly as the exporter writes it), and an archive from Safelog meets them.
  const manifestText = await textOf(files.get(MANIFEST_PATH));
  if (manifestText === null || !parseStrictManifest(manifestText).ok) {
    return fail({ reason: 'tampered', files: [{ path: MANIFEST_PATH, status: 'changed' }] });
  }
  const manifestHashes = new Map((verdict.manifest?.ok ? verdict.manifest.entries : []).map((entry) => [entry.path, entry.sha256]));
  const items = await planItems(evidence.data.items, files, manifestHashes, chain.entries, options);
  const fingerprint = verdict.fingerprint ?? '';
  const algorithm = verdict.key.algorithm ?? 'Ed25519';
  const counts: Record<ItemStatus, number> = { new: 0, duplicate: 0, conflict: 0, invalid: 0 };
  for (const item of items) counts[item.status] += 1;
  return {
    ok: true,
    files,
    plan: {
      archiveName: options.fileName ?? (zip instanceof File ? zip.name : 'archive.zip'),
      signer: { kind: options.ownKeyKid !== undefined && fingerprint === options.ownKeyKid ? 'this-safelog' : 'other', fingerprint, algorithm },
      exportedAt: evidence.data.exportedAt.utc,
      tool: evidence.data.tool,
      custody: chain.entries,
      custodyLogSha256: manifestHashes.get(CUSTODY_LOG_PATH) ?? '',
      manifestSha256: await sha256Hex(files.get(MANIFEST_PATH)!),
      items,
      counts,
    },
  };
}

function fromReadError(error: ArchiveReadError): ImportFailure {
  switch (error.code) {
    case 'not-a-zip':
      return { reason: 'not-a-safelog-archive', detail: error.detail };
    case 'unsupported':
      // Safelog writes plain deflate zips; anything else was made by another tool.
      return { reason: 'not-a-safelog-archive', detail: error.detail ?? error.path };
    case 'truncated':
      return { reason: 'damaged', ...(error.path === undefined ? {} : { path: error.path }), detail: error.detail };
    case 'encrypted-needs-password':
      return { reason: 'needs-password', path: error.path };
    case 'wrong-password':
      return { reason: 'wrong-password', path: error.path };
    case 'too-many-entries':
      return { reason: 'too-large' };
    case 'too-large':
      return { reason: 'too-large', ...(error.path === undefined ? {} : { path: error.path }) };
    case 'entry-too-large':
      return { reason: 'too-large', path: error.path };
    case 'suspicious-compression':
      return { reason: 'unsafe', path: error.path, detail: error.reason };
    case 'unsafe-path':
      return { reason: 'unsafe', path: error.path, detail: error.reason };
    case 'duplicate-path':
      return { reason: 'unsafe', path: error.path, detail: 'duplicate-path' };
    case 'cancelled':
      return { reason: 'cancelled' };
  }
}

/**
 * The first archive-wide problem, most specific first: a changed file names itself, and explains
 * the broken signature or chain that follow from it.
 */
function findArchiveFailure(verdict: Verdict, files: ReadonlyMap<string, Blob>): ImportFailure | undefined {
  if (verdict.unreadableReason === 'no-crypto') return { reason: 'signature-unsupported' };
  if (verdict.unreadableReason === 'no-manifest') {
    return { reason: 'tampered', files: [{ path: MANIFEST_PATH, status: 'missing' }] };
  }
  if (verdict.unreadableReason === 'manifest') return { reason: 'tampered', files: [{ path: MANIFEST_PATH, status: 'changed' }] };
  // verify.html forgives files an operating system adds to folders; a zip made by Safelog has none.
  const tampered: TamperedFile[] = [
    ...verdict.files.filter((file) => file.status !== 'ok').map(({ path, status }) => ({ path, status: status as TamperedFile['status'] })),
    ...verdict.ignored.map((path) => ({ path, status: 'unlisted' as const })),
  ];
  if (tampered.length > 0) return { reason: 'tampered', files: tampered };
  if (!files.has(SIGNATURE_PATH) || verdict.key.status === 'missing') return { reason: 'signature-invalid', detail: 'missing' };
  if (verdict.key.status === 'unreadable') return { reason: 'signature-invalid', detail: 'key-unreadable' };
  if (verdict.key.status === 'kid-mismatch') return { reason: 'signature-invalid', detail: 'key-mismatch' };
  if (verdict.signature === 'unsupported') return { reason: 'signature-unsupported' };
  if (verdict.signature !== 'valid') return { reason: 'signature-invalid', detail: verdict.signature };
  if (!verdict.chain.ok) {
    const line = 'brokenAtLine' in verdict.chain ? verdict.chain.brokenAtLine : Math.max(verdict.chain.length, 1);
    return { reason: 'chain-broken', line, problem: CHAIN_PROBLEMS[verdict.chain.reason] };
  }
  return undefined;
}

async function planItems(
  archiveItems: readonly ArchiveItem[],
  files: ReadonlyMap<string, Blob>,
  manifestHashes: ReadonlyMap<string, string>,
  chain: readonly CustodyLogEntry[],
  options: InspectOptions,
): Promise<PlannedItem[]> {
  const captureIds = countBy(archiveItems.map((item) => item.record.id));
  const artifactIds = countBy(archiveItems.flatMap((item) => item.record.artifacts.map((artifact) => artifact.id)));
  const planned: PlannedItem[] = [];
  for (const [position, item] of archiveItems.entries()) {
    const { record } = item;
    const base: PlannedBase = {
      index: position + 1,
      captureId: record.id,
      record,
      files: item.files,
      archiveRecordSha256: capturedRecordSha256(chain, record.id),
    };
    const reasons = checkItem(item, files, manifestHashes, captureIds, artifactIds);
    if (base.archiveRecordSha256 !== null && base.archiveRecordSha256 !== recordSha256(record)) reasons.push({ problem: 'record-changed' });
    if (reasons.length > 0) {
      planned.push({ ...base, status: 'invalid', reasons });
      continue;
    }
    const existing = await options.existing(record.id);
    if (existing !== undefined) {
      // The same record, field by field, means the same artifact hashes too: they are part of it.
      planned.push({ ...base, status: canonicalJson(existing) === canonicalJson(record) ? 'duplicate' : 'conflict' });
      continue;
    }
    const taken: InvalidItemReason[] = [];
    for (const artifact of record.artifacts) {
      if ((await options.artifactOwner?.(artifact.id)) !== undefined) taken.push({ problem: 'artifact-id-taken', artifactId: artifact.id });
    }
    planned.push(taken.length > 0 ? { ...base, status: 'invalid', reasons: taken } : { ...base, status: 'new' });
  }
  return planned;
}

/** What is wrong with one item on its own; the manifest has already vouched for every file's bytes. */
function checkItem(
  item: ArchiveItem,
  files: ReadonlyMap<string, Blob>,
  manifestHashes: ReadonlyMap<string, string>,
  captureIds: ReadonlyMap<string, number>,
  artifactIds: ReadonlyMap<string, number>,
): InvalidItemReason[] {
  const reasons: InvalidItemReason[] = [];
  const { record } = item;
  if ((captureIds.get(record.id) ?? 0) > 1) reasons.push({ problem: 'duplicate-in-archive', id: record.id });
  const known = new Set(record.artifacts.map((artifact) => artifact.id));
  for (const artifactId of Object.keys(item.files)) {
    if (!known.has(artifactId)) reasons.push({ problem: 'unknown-artifact', artifactId });
  }
  for (const artifact of record.artifacts) {
    if ((artifactIds.get(artifact.id) ?? 0) > 1) reasons.push({ problem: 'duplicate-in-archive', id: artifact.id });
    const path = Object.hasOwn(item.files, artifact.id) ? item.files[artifact.id] : undefined;
    const blob = path === undefined ? undefined : files.get(path);
    if (path === undefined || blob === undefined) {
      reasons.push({ problem: 'artifact-missing', artifactId: artifact.id });
    } else if (manifestHashes.get(path) !== artifact.sha256) {
      reasons.push({ problem: 'artifact-hash', artifactId: artifact.id, path });
    } else if (blob.size !== artifact.size) {
      reasons.push({ problem: 'artifact-size', artifactId: artifact.id, path });
    }
  }
  return reasons;
}

/** The recordSha256 the archive's chain sealed when the item was captured, if its entry carries one. */
function capturedRecordSha256(chain: readonly CustodyLogEntry[], captureId: string): string | null {
  for (const entry of chain) {
    if (entry.subject !== captureId || entry.action !== 'captured' || !('details' in entry)) continue;
    const value = entry.details['recordSha256'];
    if (typeof value === 'string') return value;
  }
  return null;
}

/** The hash a stored record is sealed with in the custody chain (as commitCapture computes it). */
export function recordSha256(record: CaptureRecord): string {
  return sha256HexSync(canonicalJson(record));
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

async function textOf(blob: Blob | undefined): Promise<string | null> {
  if (blob === undefined) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await blob.arrayBuffer());
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
