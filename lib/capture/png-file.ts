/**
 * Writing PNG files by hand, for tests and generated benchmark data (the extension's own images
 * come from the browser's encoder). One place for the chunk layout, the CRC and byte joining.
 */

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG chunks use it. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The byte arrays one after another, in a new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** One chunk: length, type, data, CRC over type and data. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i += 1) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * A whole 8-bit PNG from its zlib-compressed, filtered rows. Colour type 0 is grey, 2 RGB, 6 RGBA;
 * the caller compresses (node's deflateSync in tests, storedZlib where no deflate is at hand).
 */
export function assemblePng(width: number, height: number, colorType: 0 | 2 | 6, zlibRows: Uint8Array): Uint8Array<ArrayBuffer> {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8;
  header[9] = colorType;
  return concatBytes([SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', zlibRows), pngChunk('IEND', new Uint8Array(0))]);
}

/**
 * A zlib stream of stored (uncompressed) blocks: valid for any decoder, and instant where the data
 * would not compress anyway (random benchmark pixels).
 */
export function storedZlib(raw: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(raw.length / 65535));
  const out = new Uint8Array(2 + raw.length + blocks * 5 + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let offset = 2;
  for (let start = 0; start < raw.length || (start === 0 && raw.length === 0); start += 65535) {
    const length = Math.min(65535, raw.length - start);
    out[offset] = start + length >= raw.length ? 1 : 0;
    out[offset + 1] = length & 0xff;
    out[offset + 2] = length >> 8;
    out[offset + 3] = ~length & 0xff;
    out[offset + 4] = (~length >> 8) & 0xff;
    out.set(raw.subarray(start, start + length), offset + 5);
    offset += 5 + length;
    if (raw.length === 0) break;
  }
  let a = 1;
  let b = 0;
  for (const byte of raw) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  new DataView(out.buffer).setUint32(offset, ((b << 16) | a) >>> 0);
  return out;
}
