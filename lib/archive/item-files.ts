import type { Artifact, CaptureRecord } from '../evidence/record.ts';

/** Where one record's artifacts go in the archive (FORMAT.md, "Item folders"). */
export interface ItemFilePlan {
  recordId: string;
  /** `items/<date>_<platform>_<handle>_<id>/`, with the trailing slash as evidence.json writes it. */
  folder: string;
  /** Artifact id → archive path, for every exported artifact (thumbnails are left out). */
  files: Record<string, string>;
  /** Artifact id of an image → the path of its stamped working copy. */
  stampedPaths: Record<string, string>;
}

const MAX_HANDLE_LENGTH = 30;
const MAX_ID_LENGTH = 40;
const CAPTURE_ID_PREFIX_LENGTH = 8;

/**
 * The folder and file paths for each record, in the order given (the archive's chronological order:
 * when two records would share a folder, the later one gets `-2`, `-3`, …).
 * Page content (handle, post id) reaches a path only through `keepOnly`, so no `/`, `\`, `..`,
 * control or bidi character can.
 */
export function planItemFiles(records: readonly CaptureRecord[]): ItemFilePlan[] {
  // Compared in lower case: Windows and macOS file systems would merge folders differing only in case.
  const usedFolders = new Set<string>();
  return records.map((record) => {
    const name = uniqueName(folderName(record), usedFolders);
    const folder = `items/${name}/`;
    const files: Record<string, string> = {};
    const stampedPaths: Record<string, string> = {};
    const usedFiles = new Set<string>();
    const exported = record.artifacts.filter((artifact) => artifact.kind !== 'thumbnail');
    for (const artifact of exported) {
      const [stem, extension] = fileNameParts(artifact, exported);
      const uniqueStem = uniqueName(stem, usedFiles);
      files[artifact.id] = `${folder}${uniqueStem}.${extension}`;
      if (artifact.kind === 'raw-screenshot' || artifact.kind === 'post-image') {
        stampedPaths[artifact.id] = `${folder}${uniqueStem}.stamped.png`;
      }
    }
    return { recordId: record.id, folder, files, stampedPaths };
  });
}

/** Archive order: by post time when known, else capture time; ties by capture id so the order is stable. */
export function compareArchiveOrder(a: CaptureRecord, b: CaptureRecord): number {
  return itemInstant(a) - itemInstant(b) || a.capturedAt.utc.localeCompare(b.capturedAt.utc) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function itemInstant(record: CaptureRecord): number {
  const post = record.meta.postTime.iso === undefined ? Number.NaN : Date.parse(record.meta.postTime.iso);
  return Number.isNaN(post) ? Date.parse(record.capturedAt.utc) : post;
}

/** `<date>_<platform>_<handle>_<id>` before any collision suffix. */
export function folderName(record: CaptureRecord): string {
  const date = new Date(itemInstant(record)).toISOString().slice(0, 10);
  const platform = keepOnly(record.meta.platform, /[a-z0-9-]/, 20) || 'web';
  const handle = keepOnly((record.meta.author.handle ?? '').replace(/^@+/, ''), /[A-Za-z0-9_.-]/, MAX_HANDLE_LENGTH) || 'unknown';
  const postId = keepOnly(record.meta.postId ?? '', /[A-Za-z0-9_-]/, MAX_ID_LENGTH);
  const id = postId || keepOnly(record.id, /[A-Za-z0-9-]/, CAPTURE_ID_PREFIX_LENGTH);
  return `${date}_${platform}_${handle}_${id}`;
}

/**
 * The characters of `text` that `allowed` matches, at most `max` of them. Compatibility forms are
 * folded first so `ｊｏｈｎ` or `José` keep their letters; everything else is dropped, not replaced.
 */
function keepOnly(text: string, allowed: RegExp, max: number): string {
  const folded = text.normalize('NFKD');
  let kept = '';
  for (const char of folded) {
    if (kept.length >= max) break;
    if (allowed.test(char)) kept += char;
  }
  return kept;
}

function fileNameParts(artifact: Artifact, exported: readonly Artifact[]): [stem: string, extension: string] {
  const extension = imageExtension(artifact.mime);
  switch (artifact.kind) {
    case 'raw-screenshot': {
      const n = exported.filter((other) => other.kind === 'raw-screenshot').indexOf(artifact) + 1;
      return [`raw-screenshot-${n}`, extension];
    }
    case 'post-image': {
      const images = exported.filter((other) => other.kind === 'post-image');
      if (images.length === 1 && (artifact.tile === undefined || artifact.tile.count === 1)) return ['post-image', extension];
      const n = artifact.tile ? artifact.tile.index + 1 : images.indexOf(artifact) + 1;
      return [`post-image-${n}`, extension];
    }
    case 'page-snapshot':
      return ['page', isMhtml(artifact.mime) ? 'mhtml' : 'html'];
    case 'thumbnail':
      throw new Error('thumbnails are never exported');
  }
}

/**
 * FORMAT.md names images `.png`; a JPEG or WebP capture keeps its true extension so the file opens
 * as what it is. The mime comes from our own capture code, never from the page.
 */
function imageExtension(mime: string): string {
  const type = mime.toLowerCase().split(';')[0]?.trim();
  if (type === 'image/jpeg') return 'jpg';
  if (type === 'image/webp') return 'webp';
  return 'png';
}

function isMhtml(mime: string): boolean {
  const type = mime.toLowerCase().split(';')[0]?.trim();
  return type === 'multipart/related' || type === 'application/x-mimearchive' || type === 'message/rfc822';
}

/** `name`, or `name-2`, `name-3`, … when taken (case-insensitively); records the result as taken. */
function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate.toLowerCase()); n += 1) candidate = `${name}-${n}`;
  used.add(candidate.toLowerCase());
  return candidate;
}
