import type { ComposedImage, Imaging, ScreenSegment } from './capture-service.ts';
import { decodePng, makeThumbnail, stitchImage, type EncodedImage } from './compose.ts';
import { CANVAS_LIMITS, planTiles } from './tile-plan.ts';

/** The capture pipeline's pixel work with OffscreenCanvas: decode each screen once, cut, stitch. */
export function createImaging(): Imaging {
  // Thumbnails made while composing, from pixels already decoded, keyed by the image they preview.
  const thumbnails = new WeakMap<Blob, Promise<EncodedImage>>();

  return {
    async compose(segments, width, height): Promise<ComposedImage[]> {
      const single = segments.length === 1 && planTiles(width, height, CANVAS_LIMITS).length === 1 ? segments[0] : undefined;
      const result = single ? await cropSingle(single) : await stitch(segments, width, height);
      if (result.tiles[0]) thumbnails.set(result.tiles[0].blob, result.thumbnail);
      await result.thumbnail.catch(() => undefined);
      return result.tiles;
    },
    thumbnail: (image) => thumbnails.get(image) ?? makeThumbnail(image),
  };
}

/**
 * A post on one screen, the usual case: the browser decodes just the crop and the canvas takes
 * the pixels over as they are, with no drawing step in between.
 */
async function cropSingle(segment: ScreenSegment): Promise<{ tiles: ComposedImage[]; thumbnail: Promise<EncodedImage> }> {
  const { sx, sy, sw, sh } = segment.crop;
  const blob = new Blob([segment.png as Uint8Array<ArrayBuffer>], { type: 'image/png' });
  const cropped = await createImageBitmap(blob, sx, sy, sw, sh, { colorSpaceConversion: 'none' });
  // The thumbnail works on a copy: the canvas below takes the cropped bitmap over and detaches it.
  const copy = await createImageBitmap(cropped);
  const thumbnail = makeThumbnail(copy).finally(() => copy.close());
  const canvas = new OffscreenCanvas(sw, sh);
  const renderer = canvas.getContext('bitmaprenderer');
  if (!renderer) throw new Error('No bitmaprenderer context for the post image');
  renderer.transferFromImageBitmap(cropped);
  const image = await canvas.convertToBlob({ type: 'image/png' });
  return { tiles: [{ blob: image, width: sw, height: sh, tile: { index: 0, count: 1 } }], thumbnail };
}

async function stitch(segments: readonly ScreenSegment[], width: number, height: number): Promise<{ tiles: ComposedImage[]; thumbnail: Promise<EncodedImage> }> {
  const bitmaps = await Promise.all(segments.map((segment) => decodePng(segment.png)));
  const first = segments[0]!;
  // The thumbnail keeps the top of the post, which the first screen holds: make it from that
  // screen while the full image is encoded, instead of decoding the encoded image again.
  const thumbnail = createImageBitmap(bitmaps[0]!, first.crop.sx, first.crop.sy, first.crop.sw, first.crop.sh).then(async (top) => {
    try {
      return await makeThumbnail(top);
    } finally {
      top.close();
    }
  });
  try {
    const tiles = await stitchImage(
      segments.map((segment, index) => ({ bitmap: bitmaps[index]!, crop: segment.crop, destY: segment.destY })),
      width,
      height,
    );
    await thumbnail.catch(() => undefined);
    return { tiles, thumbnail };
  } finally {
    for (const bitmap of bitmaps) bitmap.close();
  }
}
