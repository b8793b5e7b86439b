import { BlobWriter, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import type { ZipWriterAddDataOptions, ZipWriterConstructorOptions } from '@zip.js/zip.js';

/** Zip record signatures, as they appear little-endian in the file. */
export const LOCAL_FILE_HEADER = 0x04034b50;
export const CENTRAL_FILE_HEADER = 0x02014b50;
export const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/** Bytes backed by a plain ArrayBuffer, as Blob parts must be. */
export type Bytes = Uint8Array<ArrayBuffer>;

export interface TestEntry {
  name: string;
  data?: Uint8Array | ReadableStream<Uint8Array>;
  options?: ZipWriterAddDataOptions;
}

const encoder = new TextEncoder();

/** Text as bytes, for entries. */
export function bytesOf(text: string): Bytes {
  return encoder.encode(text);
}

/** Builds a real zip with zip.js, as an exporter would (no workers, so it runs in node). */
export async function createZip(entries: readonly TestEntry[], options: ZipWriterConstructorOptions = {}): Promise<Blob> {
  const writer = new ZipWriter(new BlobWriter('application/zip'), { useWebWorkers: false, ...options });
  for (const { name, data, options: entryOptions } of entries) {
    const reader = data instanceof ReadableStream ? data : data === undefined ? undefined : new Uint8ArrayReader(data);
    await writer.add(name, reader, entryOptions);
  }
  return writer.close();
}

/** `size` zero bytes streamed from one reused chunk, so building a bomb never holds it in memory. */
export function zeroStream(size: number, chunkSize = 1 << 20): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(chunkSize);
  let left = size;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left <= 0) {
        controller.close();
        return;
      }
      const length = Math.min(left, chunkSize);
      left -= length;
      controller.enqueue(length === chunkSize ? chunk : chunk.subarray(0, length));
    },
  });
}

/** The whole archive as bytes, for patching. */
export async function bytesOfBlob(blob: Blob): Promise<Bytes> {
  return new Uint8Array(await blob.arrayBuffer());
}

/** Offsets of every occurrence of a record signature. */
export function findRecords(bytes: Uint8Array, signature: number): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets: number[] = [];
  for (let offset = 0; offset + 4 <= bytes.length; offset += 1) {
    if (view.getUint32(offset, true) === signature) offsets.push(offset);
  }
  return offsets;
}

export function readUint16(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(offset, true);
}

export function readUint32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, true);
}

export function writeUint16(bytes: Uint8Array, offset: number, value: number): void {
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint16(offset, value, true);
}

export function writeUint32(bytes: Uint8Array, offset: number, value: number): void {
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint32(offset, value >>> 0, true);
}

/** Field offsets inside the records (APPNOTE 4.3.7, 4.3.12, 4.3.16). */
export const FIELDS = {
  local: { method: 8, crc: 14, compressed: 18, uncompressed: 22, nameLength: 26, extraLength: 28, name: 30 },
  central: {
    method: 10,
    crc: 16,
    compressed: 20,
    uncompressed: 24,
    nameLength: 28,
    extraLength: 30,
    commentLength: 32,
    localOffset: 42,
    name: 46,
  },
  end: { diskEntries: 8, entries: 10, directorySize: 12, directoryOffset: 16, commentLength: 20 },
} as const;

/** Sets a field in every local and central header, so the two still agree and zip.js's cross-check passes. */
export function patchBothHeaders(
  bytes: Uint8Array,
  field: 'method' | 'crc' | 'compressed' | 'uncompressed',
  value: number,
  width: 2 | 4 = 4,
): void {
  const write = width === 2 ? writeUint16 : writeUint32;
  for (const offset of findRecords(bytes, LOCAL_FILE_HEADER)) write(bytes, offset + FIELDS.local[field], value);
  for (const offset of findRecords(bytes, CENTRAL_FILE_HEADER)) write(bytes, offset + FIELDS.central[field], value);
}

/** Replaces every occurrence of one name's bytes with another's of the same length (both headers). */
export function renameInPlace(bytes: Uint8Array, from: string, to: string): void {
  const source = bytesOf(from);
  const target = bytesOf(to);
  if (source.length !== target.length) throw new Error('renameInPlace needs names of equal byte length');
  for (let offset = 0; offset + source.length <= bytes.length; offset += 1) {
    if (source.every((byte, index) => bytes[offset + index] === byte)) bytes.set(target, offset);
  }
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same archive, so failures reproduce. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
