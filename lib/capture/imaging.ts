import type { Imaging } from './capture-service.ts';
import { decodePng, makeThumbnail, stitchImage } from './compose.ts';

/** The capture pipeline's pixel work with OffscreenCanvas: decode each screen once, cut, stitch. */
export function createImaging(): Imaging {
  return {
    async compose(segments, width, height) {
      const bitmaps = await Promise.all(segments.map((segment) => decodePng(segment.png)));
      try {
        return await stitchImage(
          segments.map((segment, index) => ({ bitmap: bitmaps[index]!, crop: segment.crop, destY: segment.destY })),
          width,
          height,
        );
      } finally {
        for (const bitmap of bitmaps) bitmap.close();
      }
    },
    thumbnail: (image) => makeThumbnail(image),
  };
}
