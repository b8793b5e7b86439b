import {
  BlobReader,
  ERR_ABORTED,
  ERR_AMBIGUOUS_ARCHIVE,
  ERR_BAD_FORMAT,
  ERR_CENTRAL_DIRECTORY_NOT_FOUND,
  ERR_CODEC_OUT_OF_MEMORY,
  ERR_ENCRYPTED,
  ERR_ENCRYPTED_CENTRAL_DIRECTORY,
  ERR_EOCDR_LOCATOR_ZIP64_NOT_FOUND,
  ERR_EOCDR_NOT_FOUND,
  ERR_INVALID_PASSWORD,
  ERR_INVALID_UNCOMPRESSED_SIZE,
  ERR_OVERLAPPING_ENTRY,
  ERR_SPLIT_ZIP_FILE,
  ERR_UNSUPPORTED_COMPRESSION,
  ERR_UNSUPPORTED_ENCRYPTION,
  ERR_UNSUPPORTED_UINT64,
  WARNING_MISMATCHED_CENTRAL_DIRECTORY_OFFSET,
  WARNING_MISMATCHED_LOCAL_FILE_HEADER_BIT_FLAG,
  WARNING_MISMATCHED_LOCAL_FILE_HEADER_COMPRESSION_METHOD,
  WARNING_MISMATCHED_LOCAL_FILE_HEADER_CRC32_OR_SIZES,
  WARNING_MISMATCHED_LOCAL_FILE_HEADER_FILENAME,
  WARNING_MISMATCHED_ZIP64_END_OF_CENTRAL_DIRECTORY,
  WARNING_TRAILING_CENTRAL_DIRECTORY_DATA,
  ZipReader,
} from '@zip.js/zip.js';
import type { FileEntry, ZipReaderConstructorOptions } from '@zip.js/zip.js';

/** The bounds an imported archive must stay within (FORMAT.md, "Import"). */
export interface ArchiveLimits {
  /** Entries in the central directory, directories included. */
  maxEntries: number;
  /** Uncompressed bytes of all files together. */
  maxTotalBytes: number;
  /** Uncompressed bytes of one file. */
  maxEntryBytes: number;
  /** Uncompressed / compressed size of one entry. */
  maxRatio: number;
  /** Entries declaring at most this many uncompressed bytes are never flagged for their ratio. */
  ratioFloorBytes: number;
}

const GIB = 1024 ** 3;

/** FORMAT.md's limits. The ratio floor is ours: a 1 MiB file of one repeated byte is not a bomb. */
export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxEntries: 100_000,
  maxTotalBytes: 4 * GIB,
  maxEntryBytes: 1 * GIB,
  maxRatio: 1000,
  ratioFloorBytes: 1024 * 1024,
});

export const ARCHIVE_READ_ERROR_CODES = [
  'not-a-zip',
  'truncated',
  'encrypted-needs-password',
  'wrong-password',
  'too-many-entries',
  'too-large',
  'entry-too-large',
  'suspicious-compression',
  'unsafe-path',
  'duplicate-path',
  'unsupported',
  'cancelled',
] as const;
export type ArchiveReadErrorCode = (typeof ARCHIVE_READ_ERROR_CODES)[number];

export const UNSAFE_PATH_REASONS = [
  'empty',
  'absolute',
  'drive-letter',
  'backslash',
  'control-character',
  'bidi-control',
  'empty-segment',
  'dot-segment',
  'parent-segment',
] as const;
export type UnsafePathReason = (typeof UNSAFE_PATH_REASONS)[number];

/** `detail` is the underlying cause for logs; it is never meant to be shown to the person. */
interface ErrorBase {
  detail?: string;
}

/**
 * Why an archive was refused. The UI maps `code` to a message; `path` (the name as stored in the
 * archive, possibly hostile: escape it when showing it) says which entry, where there is one.
 *
 * `truncated` covers every "damaged or incomplete" archive: cut short, or data that does not
 * decompress, fails its CRC, or disagrees with its own headers.
 */
export type ArchiveReadError =
  | (ErrorBase & { code: 'not-a-zip' | 'cancelled' })
  | (ErrorBase & { code: 'truncated' | 'unsupported'; path?: string })
  | (ErrorBase & { code: 'encrypted-needs-password' | 'wrong-password'; path: string })
  | (ErrorBase & { code: 'too-many-entries'; limit: number; actual: number })
  | (ErrorBase & { code: 'too-large'; limit: number; actual: number; path?: string })
  | (ErrorBase & { code: 'entry-too-large'; path: string; limit: number; actual: number })
  | (ErrorBase & {
      code: 'suspicious-compression';
      path: string;
      /** ratio: declared too high; size-mismatch: data and header disagree on the size; overlapping: entries share data. */
      reason: 'ratio' | 'size-mismatch' | 'overlapping';
    })
  | (ErrorBase & { code: 'unsafe-path'; path: string; reason: UnsafePathReason })
  | (ErrorBase & { code: 'duplicate-path'; path: string; otherPath: string });

export type ReadResult = { ok: true; files: Map<string, Blob> } | { ok: false; error: ArchiveReadError };

export interface ReadArchiveOptions {
  /** Tighter (or, for tests, other) limits; missing ones come from DEFAULT_ARCHIVE_LIMITS. */
  limits?: Partial<ArchiveLimits>;
  password?: string;
  signal?: AbortSignal;
  /** Uncompressed bytes extracted so far, of the total the central directory declares for all files. */
  onProgress?: (done: number, total: number) => void;
}

const READER_OPTIONS: ZipReaderConstructorOptions = {
  // Workers need a worker URL the extension would have to ship; inline codecs work in node and pages alike.
  useWebWorkers: false,
  // Reject anything another tool could read differently (appended data, a stale EOCD, local headers
  // disagreeing with the central directory), since the officer checks the same file with other tools.
  strictness: 'strict',
  // ...but hand every name to findUnsafePathReason: one rule set, reporting which entry and why.
  filenameValidation: 'tolerant',
  checkCrc32: true,
  // Overlapping entries are how non-recursive zip bombs multiply one compressed stream.
  checkOverlappingEntry: true,
};

/** Raised inside the pipeline to stop it with a verdict of ours rather than a zip.js error. */
class ReadStop extends Error {
  constructor(readonly verdict: ArchiveReadError) {
    super(verdict.code);
  }
}

/** Wraps an exception thrown by the caller's onProgress, so it is rethrown rather than blamed on the archive. */
class CallerError extends Error {}

/**
 * Reads a zip into memory, refusing it whole at the first thing wrong. Limits, names, duplicates and
 * encryption are checked on the central directory before any byte is decompressed; while extracting,
 * every file is counted as it is written, so a header lying about its size is stopped at the declared
 * size. Resolves with a typed error for every hostile or damaged input; it throws only when the caller
 * passes invalid limits or its onProgress throws.
 */
export async function readArchive(source: Blob, options: ReadArchiveOptions = {}): Promise<ReadResult> {
  const limits = resolveLimits(options.limits);
  const { signal, password, onProgress } = options;
  if (signal?.aborted) return { ok: false, error: { code: 'cancelled' } };
  const reader = new ZipReader(new BlobReader(source), { ...READER_OPTIONS, password, signal });
  let currentPath: string | undefined;
  try {
    const plan = await planExtraction(reader, limits, password, signal);
    if (!plan.ok) return plan;
    // Many small entries each under the per-entry floor can still add up to a bomb: the archive as
    // a whole may not expand by more than the ratio either.
    if (plan.totalBytes > limits.ratioFloorBytes && plan.totalBytes / Math.max(source.size, 1) > limits.maxRatio) {
      const last = plan.entries.at(-1)?.filename ?? '';
      return { ok: false, error: { code: 'suspicious-compression', path: last, reason: 'ratio', detail: `${plan.totalBytes} bytes from a ${source.size}-byte archive` } };
    }
    const files = new Map<string, Blob>();
    let done = 0;
    const report = (bytes: number): void => {
      done += bytes;
      try {
        onProgress?.(done, plan.totalBytes);
      } catch (error) {
        throw new CallerError('onProgress threw', { cause: error });
      }
    };
    for (const entry of plan.entries) {
      currentPath = entry.filename;
      const remaining = limits.maxTotalBytes - done;
      files.set(entry.filename, await extractEntry(entry, remaining, signal, report));
    }
    return { ok: true, files };
  } catch (error) {
    if (error instanceof CallerError) throw error.cause;
    if (signal?.aborted) return { ok: false, error: { code: 'cancelled', detail: describe(error) } };
    if (error instanceof ReadStop) return { ok: false, error: error.verdict };
    return { ok: false, error: await toArchiveReadError(error, source, currentPath) };
  } finally {
    await reader.close().catch(() => undefined);
  }
}

function resolveLimits(overrides: Partial<ArchiveLimits> | undefined): ArchiveLimits {
  const limits = { ...DEFAULT_ARCHIVE_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      throw new RangeError(`readArchive: limit ${name} must be a number >= 0, got ${String(value)}`);
    }
  }
  return limits;
}

type Plan = { ok: true; entries: FileEntry[]; totalBytes: number } | { ok: false; error: ArchiveReadError };

/** Walks the central directory once, checking everything that can be checked without decompressing. */
async function planExtraction(
  reader: ZipReader<unknown>,
  limits: ArchiveLimits,
  password: string | undefined,
  signal: AbortSignal | undefined,
): Promise<Plan> {
  const entries: FileEntry[] = [];
  // Collision key -> the name that claimed it, for files and (separately) for directories they imply.
  const fileKeys = new Map<string, string>();
  const directoryKeys = new Map<string, string>();
  let count = 0;
  let totalBytes = 0;
  const fail = (error: ArchiveReadError): Plan => ({ ok: false, error });

  // The generator lets us stop at maxEntries + 1 instead of materialising a forged count of entries.
  for await (const entry of reader.getEntriesGenerator()) {
    if (signal?.aborted) return fail({ code: 'cancelled' });
    count += 1;
    if (count > limits.maxEntries) return fail({ code: 'too-many-entries', limit: limits.maxEntries, actual: count });

    const path = entry.filename;
    const bare = entry.directory && path.endsWith('/') ? path.slice(0, -1) : path;
    const unsafe = findUnsafePathReason(bare);
    if (unsafe) return fail({ code: 'unsafe-path', path, reason: unsafe });

    const key = toCollisionKey(bare);
    const segments = key.split('/');
    const ancestors = segments.slice(0, -1).map((_, index) => segments.slice(0, index + 1).join('/'));
    if (entry.directory) {
      // A directory may repeat or be implied by files; it only collides with a file of the same name.
      const clash = fileKeys.get(key);
      if (clash !== undefined) return fail({ code: 'duplicate-path', path, otherPath: clash });
      if (!directoryKeys.has(key)) directoryKeys.set(key, path);
      continue;
    }

    const clash = fileKeys.get(key) ?? directoryKeys.get(key);
    if (clash !== undefined) return fail({ code: 'duplicate-path', path, otherPath: clash });
    for (const ancestor of ancestors) {
      // "a" as a file and "a/b" cannot both exist on a disk.
      const fileClash = fileKeys.get(ancestor);
      if (fileClash !== undefined) return fail({ code: 'duplicate-path', path, otherPath: fileClash });
      if (!directoryKeys.has(ancestor)) directoryKeys.set(ancestor, path);
    }
    fileKeys.set(key, path);

    if (entry.symlink) return fail({ code: 'unsupported', path, detail: 'symbolic link' });
    if (entry.encrypted && !password) return fail({ code: 'encrypted-needs-password', path });

    const declared = entry.uncompressedSize;
    const compressed = entry.compressedSize;
    if (!Number.isSafeInteger(declared) || !Number.isSafeInteger(compressed) || declared < 0 || compressed < 0) {
      return fail({ code: 'unsupported', path, detail: `sizes ${String(declared)}/${String(compressed)}` });
    }
    if (declared > limits.maxEntryBytes) {
      return fail({ code: 'entry-too-large', path, limit: limits.maxEntryBytes, actual: declared });
    }
    totalBytes += declared;
    if (totalBytes > limits.maxTotalBytes) {
      return fail({ code: 'too-large', path, limit: limits.maxTotalBytes, actual: totalBytes });
    }
    if (declared > limits.ratioFloorBytes && declared / Math.max(compressed, 1) > limits.maxRatio) {
      return fail({
        code: 'suspicious-compression',
        path,
        reason: 'ratio',
        detail: `${declared} bytes from ${compressed}`,
      });
    }
    entries.push(entry);
  }
  return { ok: true, entries, totalBytes };
}

/** Decompresses one entry into a Blob, counting every byte against what its header declared. */
async function extractEntry(
  entry: FileEntry,
  remainingTotal: number,
  signal: AbortSignal | undefined,
  report: (bytes: number) => void,
): Promise<Blob> {
  const path = entry.filename;
  const allowed = Math.min(entry.uncompressedSize, remainingTotal);
  const parts: Blob[] = [];
  let written = 0;
  // zip.js hands over chunks backed by plain ArrayBuffers.
  const writable = new WritableStream<Uint8Array<ArrayBuffer>>({
    write(chunk) {
      written += chunk.byteLength;
      if (written > allowed) {
        throw new ReadStop({
          code: 'suspicious-compression',
          path,
          reason: 'size-mismatch',
          detail: `header declares ${entry.uncompressedSize} bytes, data holds more`,
        });
      }
      // A Blob per chunk copies it, so the codec may reuse its buffer.
      parts.push(new Blob([chunk]));
      report(chunk.byteLength);
    },
  });
  try {
    await entry.getData(writable, { signal });
  } catch (error) {
    if (error instanceof CallerError || error instanceof ReadStop) throw error;
    // zip.js checks the size too and may win the race to fail the pipe; either way the header lied.
    if (written > allowed || (error instanceof Error && error.message === ERR_INVALID_UNCOMPRESSED_SIZE)) {
      throw new ReadStop({ code: 'suspicious-compression', path, reason: 'size-mismatch', detail: describe(error) });
    }
    throw error;
  }
  if (written !== entry.uncompressedSize) {
    throw new ReadStop({
      code: 'suspicious-compression',
      path,
      reason: 'size-mismatch',
      detail: `header declares ${entry.uncompressedSize} bytes, data holds ${written}`,
    });
  }
  return new Blob(parts);
}

const TRUNCATION_MESSAGES = new Set<string>([
  ERR_EOCDR_NOT_FOUND,
  ERR_EOCDR_LOCATOR_ZIP64_NOT_FOUND,
  ERR_CENTRAL_DIRECTORY_NOT_FOUND,
  ERR_BAD_FORMAT,
]);
const UNSUPPORTED_MESSAGES = new Set<string>([
  ERR_UNSUPPORTED_COMPRESSION,
  ERR_UNSUPPORTED_ENCRYPTION,
  ERR_SPLIT_ZIP_FILE,
  ERR_ENCRYPTED_CENTRAL_DIRECTORY,
  ERR_UNSUPPORTED_UINT64,
]);
/**
 * Ambiguities where the archive's own records disagree (damage or tampering). The others (data
 * before or after the archive, several end records) are archives Safelog did not write as such.
 */
const DAMAGE_AMBIGUITIES = new Set<unknown>([
  WARNING_MISMATCHED_LOCAL_FILE_HEADER_BIT_FLAG,
  WARNING_MISMATCHED_LOCAL_FILE_HEADER_COMPRESSION_METHOD,
  WARNING_MISMATCHED_LOCAL_FILE_HEADER_CRC32_OR_SIZES,
  WARNING_MISMATCHED_LOCAL_FILE_HEADER_FILENAME,
  WARNING_MISMATCHED_CENTRAL_DIRECTORY_OFFSET,
  WARNING_MISMATCHED_ZIP64_END_OF_CENTRAL_DIRECTORY,
  WARNING_TRAILING_CENTRAL_DIRECTORY_DATA,
]);
const LOCAL_FILE_HEADER_PREFIX = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ARCHIVE_PREFIX = [0x50, 0x4b, 0x05, 0x06];

/** Maps whatever zip.js threw to our codes; unknown failures on archive data count as damage. */
async function toArchiveReadError(error: unknown, source: Blob, path: string | undefined): Promise<ArchiveReadError> {
  const detail = describe(error);
  const message = error instanceof Error ? error.message : '';
  const at = path === undefined ? {} : { path };
  if (message === ERR_ABORTED || (error instanceof Error && error.name === 'AbortError')) {
    return { code: 'cancelled', detail };
  }
  if (message === ERR_ENCRYPTED && path !== undefined) return { code: 'encrypted-needs-password', path, detail };
  if (message === ERR_INVALID_PASSWORD && path !== undefined) return { code: 'wrong-password', path, detail };
  if (message === ERR_OVERLAPPING_ENTRY && path !== undefined) {
    return { code: 'suspicious-compression', path, reason: 'overlapping', detail };
  }
  if (message === ERR_CODEC_OUT_OF_MEMORY) return { code: 'too-large', limit: 0, actual: 0, ...at, detail };
  if (UNSUPPORTED_MESSAGES.has(message)) return { code: 'unsupported', ...at, detail };
  if (message === ERR_AMBIGUOUS_ARCHIVE) {
    // Duplicates never get here: ours (case- and NFC-folded) fire on the second name, before
    // zip.js compares exact names after the last entry.
    const damaged = DAMAGE_AMBIGUITIES.has((error as { reason?: unknown }).reason);
    return { code: damaged ? 'truncated' : 'unsupported', ...at, detail };
  }
  if (TRUNCATION_MESSAGES.has(message) && path === undefined) {
    // No end record: a cut-off zip still starts like one, anything else was never a zip.
    return (await startsWithZipSignature(source)) ? { code: 'truncated', detail } : { code: 'not-a-zip', detail };
  }
  return { code: 'truncated', ...at, detail };
}

async function startsWithZipSignature(source: Blob): Promise<boolean> {
  const head = new Uint8Array(await source.slice(0, 4).arrayBuffer());
  if (head.length < 4) return false;
  const matches = (prefix: number[]): boolean => prefix.every((byte, index) => head[index] === byte);
  return matches(LOCAL_FILE_HEADER_PREFIX) || matches(EMPTY_ARCHIVE_PREFIX);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const reason = (error as { reason?: unknown }).reason;
    return reason === undefined ? `${error.name}: ${error.message}` : `${error.name}: ${error.message} (${String(reason)})`;
  }
  return String(error);
}

// Bidirectional overrides and marks make a name display as something it is not ("gnp.exe").
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const DRIVE_LETTER = /^[A-Za-z]:/u;

/**
 * Why `path` (a file path from an archive, without a directory's trailing slash) is unsafe to use
 * as a relative path, or undefined when it is safe: relative, `/`-separated, no empty, `.` or `..`
 * segment, no backslash, no control or bidi character.
 */
export function findUnsafePathReason(path: string): UnsafePathReason | undefined {
  if (path === '') return 'empty';
  if (path.startsWith('/')) return 'absolute';
  if (DRIVE_LETTER.test(path)) return 'drive-letter';
  if (path.includes('\\')) return 'backslash';
  if (hasControlCharacter(path)) return 'control-character';
  if (BIDI_CONTROL.test(path)) return 'bidi-control';
  const segments = path.split('/');
  if (segments.includes('..')) return 'parent-segment';
  if (segments.includes('.')) return 'dot-segment';
  if (segments.includes('')) return 'empty-segment';
  return undefined;
}

/** C0, DEL and C1 controls: invisible when shown, and NUL truncates names in C APIs. */
function hasControlCharacter(path: string): boolean {
  for (let index = 0; index < path.length; index += 1) {
    const unit = path.charCodeAt(index);
    if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f)) return true;
  }
  return false;
}

/**
 * The key two paths share when a disk would store them as one file: case-insensitive volumes
 * (Windows, macOS) and macOS's normalisation mean `Café`, `cafe\u0301` and `CAFÉ` collide.
 * Upper- then lower-casing folds more pairs (e.g. `ı` and `i`) than lower-casing alone; being too
 * eager here only refuses odd archives, never lets a collision through.
 */
function toCollisionKey(path: string): string {
  return path.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
}
