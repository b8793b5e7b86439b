import { afterEach, describe, expect, test, vi } from 'vitest';
import { cropImage, dataUrlToBytes, decodePng, makeThumbnail, stitchImage } from './compose.ts';
import type { Segment } from './compose.ts';

// Node has neither OffscreenCanvas nor createImageBitmap: these fakes record what would be drawn.
interface Call {
  op: string;
  args: unknown[];
}

class FakeCanvas {
  static created: FakeCanvas[] = [];
  readonly calls: Call[] = [];
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    FakeCanvas.created.push(this);
  }
  getContext(): object {
    const calls = this.calls;
    return {
      imageSmoothingEnabled: true,
      imageSmoothingQuality: 'low',
      fillStyle: '#000',
      fillRect: (...args: unknown[]) => calls.push({ op: 'fillRect', args }),
      drawImage: (image: { name: string }, ...args: unknown[]) => calls.push({ op: 'drawImage', args: [image.name, ...args] }),
    };
  }
  async convertToBlob(options: { type: string }): Promise<Blob> {
    return new Blob([`${this.width}x${this.height}`], { type: options.type });
  }
}

const bitmap = (name: string, width = 1600, height = 1200) => ({ name, width, height, close: vi.fn() }) as unknown as ImageBitmap & { name: string };

function stubImaging(): void {
  FakeCanvas.created = [];
  vi.stubGlobal('OffscreenCanvas', FakeCanvas);
  vi.stubGlobal('createImageBitmap', vi.fn(async () => bitmap('decoded', 1000, 4000)));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('without OffscreenCanvas or createImageBitmap', () => {
  test.each<[string, () => Promise<unknown>]>([
    ['decodePng', () => decodePng(new Uint8Array([1]))],
    ['cropImage', () => cropImage(bitmap('a'), { sx: 0, sy: 0, sw: 1, sh: 1 })],
    ['stitchImage', () => stitchImage([], 1, 1)],
    ['makeThumbnail', () => makeThumbnail(new Blob([]))],
  ])('%s says what is missing', async (_name, run) => {
    await expect(run()).rejects.toThrow('Cutting screenshots needs OffscreenCanvas and createImageBitmap, which this context lacks');
  });
});

describe('with a canvas', () => {
  test('decodePng keeps the file pixels, without colour conversion', async () => {
    stubImaging();

    await decodePng(new Uint8Array([0x89, 0x50]));

    expect(createImageBitmap).toHaveBeenCalledWith(expect.any(Blob), { colorSpaceConversion: 'none' });
  });

  test('cropImage draws the crop 1:1 into a canvas of its size', async () => {
    stubImaging();

    const actual = await cropImage(bitmap('screen'), { sx: 150, sy: 80, sw: 900, sh: 821 });

    expect(actual.type).toBe('image/png');
    expect(FakeCanvas.created.map((c) => [c.width, c.height, c.calls])).toEqual([
      [900, 821, [{ op: 'drawImage', args: ['screen', 150, 80, 900, 821, 0, 0, 900, 821] }]],
    ]);
  });

  test('cropImage refuses a crop larger than a canvas may be', async () => {
    stubImaging();

    await expect(cropImage(bitmap('screen'), { sx: 0, sy: 0, sw: 100, sh: 20000 })).rejects.toThrow(RangeError);
  });

  test('stitchImage draws every segment into the tiles it overlaps', async () => {
    stubImaging();
    const segments: Segment[] = [
      { bitmap: bitmap('one'), crop: { sx: 10, sy: 100, sw: 50, sh: 60 }, destY: 0 },
      { bitmap: bitmap('two'), crop: { sx: 10, sy: 100, sw: 50, sh: 60 }, destY: 60 },
    ];
    const limits = { maxSide: 100, maxArea: 50 * 100 };

    const actual = await stitchImage(segments, 50, 120, limits);

    expect(actual.map(({ width, height, tile, blob }) => ({ width, height, tile, type: blob.type }))).toEqual([
      { width: 50, height: 60, tile: { index: 0, count: 2 }, type: 'image/png' },
      { width: 50, height: 60, tile: { index: 1, count: 2 }, type: 'image/png' },
    ]);
    expect(FakeCanvas.created.map((c) => c.calls)).toEqual([
      [{ op: 'drawImage', args: ['one', 10, 100, 50, 60, 0, 0, 50, 60] }],
      [{ op: 'drawImage', args: ['two', 10, 100, 50, 60, 0, 0, 50, 60] }],
    ]);
  });

  test('stitchImage splits a segment across a tile boundary', async () => {
    stubImaging();
    const segments: Segment[] = [{ bitmap: bitmap('one'), crop: { sx: 0, sy: 0, sw: 40, sh: 90 }, destY: 0 }];

    await stitchImage(segments, 40, 90, { maxSide: 50, maxArea: 40 * 50 });

    expect(FakeCanvas.created.map((c) => [c.height, c.calls])).toEqual([
      [45, [{ op: 'drawImage', args: ['one', 0, 0, 40, 45, 0, 0, 40, 45] }]],
      [45, [{ op: 'drawImage', args: ['one', 0, 45, 40, 45, 0, 0, 40, 45] }]],
    ]);
  });

  test('makeThumbnail shrinks the top of a tall post onto white, as JPEG, and frees what it decoded', async () => {
    stubImaging();

    const actual = await makeThumbnail(new Blob(['png']));

    expect({ width: actual.width, height: actual.height, type: actual.blob.type }).toEqual({ width: 320, height: 320, type: 'image/jpeg' });
    expect(FakeCanvas.created[0]?.calls).toEqual([
      { op: 'fillRect', args: [0, 0, 320, 320] },
      { op: 'drawImage', args: ['decoded', 0, 0, 1000, 1000, 0, 0, 320, 320] },
    ]);
    const decoded = await vi.mocked(createImageBitmap).mock.results[0]?.value;
    expect(decoded.close).toHaveBeenCalled();
  });

  test("makeThumbnail leaves the caller's bitmap open", async () => {
    stubImaging();
    const source = bitmap('mine', 640, 200);

    await makeThumbnail(source);

    expect(source.close).not.toHaveBeenCalled();
  });
});

test('compose re-exports dataUrlToBytes for the service worker', () => {
  const actual = dataUrlToBytes('data:image/png;base64,AQID');

  expect(Array.from(actual)).toEqual([1, 2, 3]);
});
