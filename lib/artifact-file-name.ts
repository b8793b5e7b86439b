import type { Artifact } from './evidence/record.ts';

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'multipart/related': 'mhtml',
  'application/x-mimearchive': 'mhtml',
  'message/rfc822': 'mhtml',
  'text/html': 'html',
  'application/json': 'json',
};

/**
 * A download name for an artifact, from its kind and hash prefix (`post-image-3fa9c2d1e0b4.png`):
 * nothing from the page goes into a file name, and the hash ties the file back to its record.
 */
export function artifactFileName(artifact: Pick<Artifact, 'kind' | 'sha256' | 'mime' | 'tile'>): string {
  const mime = artifact.mime.split(';')[0]?.trim().toLowerCase() ?? '';
  const extension = EXTENSIONS[mime] ?? 'bin';
  const tile = artifact.tile ? `-${artifact.tile.index + 1}of${artifact.tile.count}` : '';
  return `${artifact.kind}${tile}-${artifact.sha256.slice(0, 12)}.${extension}`;
}
