import { expect, test } from 'vitest';
import { artifactFileName } from './artifact-file-name.ts';

const HASH = '3fa9c2d1e0b4' + 'f'.repeat(52);

test.each([
  [{ kind: 'post-image' as const, mime: 'image/png' }, 'post-image-3fa9c2d1e0b4.png'],
  [{ kind: 'raw-screenshot' as const, mime: 'image/jpeg' }, 'raw-screenshot-3fa9c2d1e0b4.jpg'],
  [{ kind: 'page-snapshot' as const, mime: 'multipart/related; boundary=x' }, 'page-snapshot-3fa9c2d1e0b4.mhtml'],
  [{ kind: 'page-snapshot' as const, mime: 'text/html;charset=utf-8' }, 'page-snapshot-3fa9c2d1e0b4.html'],
  [{ kind: 'thumbnail' as const, mime: 'application/x-unknown' }, 'thumbnail-3fa9c2d1e0b4.bin'],
  [{ kind: 'post-image' as const, mime: 'image/png', tile: { index: 1, count: 3 } }, 'post-image-2of3-3fa9c2d1e0b4.png'],
])('%j -> %s', (artifact, expected) => {
  expect(artifactFileName({ sha256: HASH, ...artifact })).toBe(expected);
});
