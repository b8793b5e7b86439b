// Puts screenshots into a PDF quickly. pdf-lib's own PNG path decodes in JavaScript (UPNG + pako)
// and keeps the decoded pixels until save(): measured 0.5–1.1 s for one 1280×2400 RGBA screenshot,
// and ~9 MB held per image. Here an opaque 8-bit RGB PNG goes in as it is (its zlib stream with PNG
// predictors is valid PDF FlateDecode), and an RGBA one is inflated and deflated with the platform's
// native (De)CompressionStream, dropping the alpha channel. The original PNG stays in the archive
// byte for byte; the PDF holds a lossless copy of its pixels. JPEG was not chosen: it blurs the text
// of a screenshot, and neither Node nor a service worker has a JPEG encoder without a canvas.
import type { PDFDocument, PDFName, PDFPage, PDFRef } from '@cantoo/pdf-lib';
import { degrees, drawImage } from '@cantoo/pdf-lib';
import { concatBytes } from '../capture/png-file.ts';

/** An image placed in the document once, to be drawn on a page. */
export interface PdfImage {
  name: (page: PDFPage) => PDFName;
  width: number;
  height: number;
}

interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlace: number;
}

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** The IHDR fields and the concatenated IDAT data, or `undefined` when the bytes are not a PNG. */
function readPng(bytes: Uint8Array): { header: PngHeader; idat: Uint8Array } | undefined {
  if (bytes.length < 33 || PNG_SIGNATURE.some((value, index) => bytes[index] !== value)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: PngHeader | undefined;
  const parts: Uint8Array[] = [];
  let offset = 8;
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (data.length !== length) return undefined;
    if (type === 'IHDR') {
      header = { width: view.getUint32(offset + 8), height: view.getUint32(offset + 12), bitDepth: data[8] ?? 0, colourType: data[9] ?? 0, interlace: data[12] ?? 0 };
    } else if (type === 'IDAT') {
      parts.push(data);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  return header && parts.length > 0 ? { header, idat: concatBytes(parts) } : undefined;
}


async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  return new Uint8Array(await new Response(blob.stream().pipeThrough(stream)).arrayBuffer());
}

/**
 * Undoes the PNG row filters of 8-bit RGBA data in place and returns RGB, composited on white where
 * not opaque. One loop per filter type and no bounds fallbacks: this runs over ~12 MB per screenshot
 * (a switch per byte took ~500 ms for 1280×2400; this takes a few tens).
 */
function rgbaToRgb(data: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width * 4;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1) + 1;
    const above = row - (stride + 1); // only read when y > 0
    const filter = data[row - 1] as number;
    if (filter === 1) {
      for (let x = 4; x < stride; x++) data[row + x] = ((data[row + x] as number) + (data[row + x - 4] as number)) & 0xff;
    } else if (filter === 2 && y > 0) {
      for (let x = 0; x < stride; x++) data[row + x] = ((data[row + x] as number) + (data[above + x] as number)) & 0xff;
    } else if (filter === 3) {
      for (let x = 0; x < stride; x++) {
        const left = x >= 4 ? (data[row + x - 4] as number) : 0;
        const up = y > 0 ? (data[above + x] as number) : 0;
        data[row + x] = ((data[row + x] as number) + ((left + up) >> 1)) & 0xff;
      }
    } else if (filter === 4) {
      for (let x = 0; x < stride; x++) {
        const left = x >= 4 ? (data[row + x - 4] as number) : 0;
        const up = y > 0 ? (data[above + x] as number) : 0;
        const upLeft = x >= 4 && y > 0 ? (data[above + x - 4] as number) : 0;
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        data[row + x] = ((data[row + x] as number) + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft)) & 0xff;
      }
    }
    let out = y * width * 3;
    for (let x = row, end = row + stride; x < end; x += 4) {
      const alpha = data[x + 3] as number;
      if (alpha === 255) {
        rgb[out] = data[x] as number;
        rgb[out + 1] = data[x + 1] as number;
        rgb[out + 2] = data[x + 2] as number;
      } else {
        const white = 255 * (255 - alpha);
        rgb[out] = Math.round(((data[x] as number) * alpha + white) / 255);
        rgb[out + 1] = Math.round(((data[x + 1] as number) * alpha + white) / 255);
        rgb[out + 2] = Math.round(((data[x + 2] as number) * alpha + white) / 255);
      }
      out += 3;
    }
  }
  return rgb;
}

/**
 * Embeds a PNG or JPEG into `doc` now (not at save time), so its source bytes can be dropped as soon
 * as this returns: the PDF is built item by item without holding every screenshot.
 */
export async function embedImage(doc: PDFDocument, bytes: Uint8Array, mime: string): Promise<PdfImage> {
  const png = mime === 'image/png' ? readPng(bytes) : undefined;
  const { header } = png ?? {};
  let ref: PDFRef;
  let width: number;
  let height: number;
  if (png && header && header.bitDepth === 8 && header.interlace === 0 && (header.colourType === 2 || header.colourType === 6)) {
    ({ width, height } = header);
    const common = { Type: 'XObject', Subtype: 'Image', Width: width, Height: height, ColorSpace: 'DeviceRGB', BitsPerComponent: 8, Filter: 'FlateDecode' };
    if (header.colourType === 2) {
      // The IDAT stream is already what FlateDecode with PNG predictors (15) expects.
      const stream = doc.context.stream(png.idat, { ...common, DecodeParms: { Predictor: 15, Colors: 3, BitsPerComponent: 8, Columns: width } });
      ref = doc.context.register(stream);
    } else {
      const rgb = rgbaToRgb(await transform(png.idat, new DecompressionStream('deflate')), width, height);
      const stream = doc.context.stream(await transform(rgb, new CompressionStream('deflate')), common);
      ref = doc.context.register(stream);
    }
  } else {
    // Other PNGs (palette, 16-bit, interlaced) and JPEGs are rare here: pdf-lib's own path, embedded now.
    const image = mime === 'image/jpeg' ? await doc.embedJpg(bytes) : await doc.embedPng(bytes);
    await image.embed();
    ({ width, height } = image);
    ref = image.ref;
  }
  return { name: (page) => page.node.newXObject('Image', ref), width, height };
}

/** Draws an embedded image with its lower-left corner at (x, y). */
export function drawPdfImage(page: PDFPage, image: PdfImage, box: { x: number; y: number; width: number; height: number }): void {
  page.pushOperators(...drawImage(image.name(page), { ...box, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) }));
}
