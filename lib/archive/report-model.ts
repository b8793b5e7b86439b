// What the HTML and PDF reports share: their input, the order of items, and the summaries on the
// cover page. Both render the same facts, so they are computed once here.
import type { Artifact, CaptureRecord, CaptureTime } from '../evidence/record.ts';
import type { Platform } from '../evidence/schema.ts';
import { incidentTime } from './chart-svg.ts';

/** One item of the archive as the report sees it. */
export interface ReportItem {
  record: CaptureRecord;
  /** `items/<folder>/`, relative to the archive root. */
  folder: string;
  /** Artifact id → path in the archive, relative to its root. */
  files: Record<string, string>;
  /**
   * Extension point for the person's own notes (tags and notes are not stored yet); rendered when
   * present, each as its own paragraph. Keep private notes out unless the person chose to include them.
   */
  notes?: string[];
}

/** Everything a report is made from. */
export interface ReportInput {
  archiveName: string;
  exportedAt: CaptureTime;
  tool: { name: string; version: string; browser?: string };
  /** Who and what the case is about, as the person wrote it. */
  caseDescription?: string;
  /** RFC 7638 thumbprint of the signing key, lower-case hex. */
  fingerprint: string;
  items: ReportItem[];
}

/** Items in chronological order of incident (post time, else capture time); the sort is stable. */
export function chronological(items: readonly ReportItem[]): ReportItem[] {
  return items
    .map((item, index) => ({ item, index, at: Date.parse(incidentTime(item.record)) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ item }) => item);
}

/** The first and last incident times, or `undefined` for an empty report. */
export function incidentPeriod(items: readonly ReportItem[]): { first: string; last: string } | undefined {
  const sorted = chronological(items);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  return first && last ? { first: incidentTime(first.record), last: incidentTime(last.record) } : undefined;
}

/** Incidents per platform, most first. */
export function countByPlatform(items: readonly ReportItem[]): { platform: Platform; count: number }[] {
  const counts = new Map<Platform, number>();
  for (const { record } of items) counts.set(record.meta.platform, (counts.get(record.meta.platform) ?? 0) + 1);
  return [...counts.entries()].map(([platform, count]) => ({ platform, count })).sort((a, b) => b.count - a.count || a.platform.localeCompare(b.platform));
}

export interface AccountCount {
  platform: Platform;
  displayNames: string[];
  handles: string[];
  accountId?: string;
  count: number;
}

/**
 * Incidents per account, most first. An account is its stable id where the page showed one, else its
 * handle, else its display name: handles change and names are not unique, so the id wins, and every
 * name and handle seen under one id is listed (a renamed account shows as one account with two names).
 */
export function countByAccount(items: readonly ReportItem[]): AccountCount[] {
  const accounts = new Map<string, AccountCount>();
  for (const { record } of items) {
    const { platform, author } = record.meta;
    const key = `${platform}\u0000${author.accountId ? `id:${author.accountId}` : author.handle ? `handle:${author.handle}` : `name:${author.displayName ?? ''}`}`;
    const account = accounts.get(key) ?? { platform, displayNames: [], handles: [], ...(author.accountId ? { accountId: author.accountId } : {}), count: 0 };
    account.count += 1;
    if (author.displayName && !account.displayNames.includes(author.displayName)) account.displayNames.push(author.displayName);
    if (author.handle && !account.handles.includes(author.handle)) account.handles.push(author.handle);
    accounts.set(key, account);
  }
  return [...accounts.values()].sort((a, b) => b.count - a.count || a.platform.localeCompare(b.platform));
}

/** An artifact with the path it has in the archive. */
export interface ItemFile {
  artifact: Artifact;
  path: string;
}

/** The item's exported files in record order (thumbnails are never exported, so they have no path). */
export function itemFiles(item: ReportItem): ItemFile[] {
  return item.record.artifacts.flatMap((artifact) => {
    const path = item.files[artifact.id];
    return path ? [{ artifact, path }] : [];
  });
}

/**
 * The images to show for an item: the post image (its tiles in order) when there is one, else the raw
 * screenshots. Only PNG/JPEG paths that are plain relative archive paths qualify.
 */
export function itemImages(item: ReportItem): ItemFile[] {
  const images = itemFiles(item).filter(({ artifact, path }) => isImageMime(artifact.mime) && isArchivePath(path));
  const posts = images.filter(({ artifact }) => artifact.kind === 'post-image').sort((a, b) => (a.artifact.tile?.index ?? 0) - (b.artifact.tile?.index ?? 0));
  return posts.length > 0 ? posts : images.filter(({ artifact }) => artifact.kind === 'raw-screenshot');
}

function isImageMime(mime: string): boolean {
  return mime === 'image/png' || mime === 'image/jpeg';
}

/** A relative path inside the archive: no scheme, no absolute path, no `..`, no backslash. */
export function isArchivePath(path: string): boolean {
  return /^[A-Za-z0-9_.@+-]+(\/[A-Za-z0-9_.@+-]+)*$/.test(path) && !path.split('/').some((segment) => segment === '..' || segment === '.');
}

/** A key fingerprint in blocks of four, as Settings shows it, so it can be compared by eye. */
export function groupFingerprint(fingerprint: string): string {
  return fingerprint.replace(/(.{4})(?=.)/g, '$1 ');
}
