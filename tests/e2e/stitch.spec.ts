import { expect, test } from './fixtures.ts';
import { SafelogDriver } from './safelog-driver.ts';

interface Band {
  top: number;
  height: number;
  rgb: number[];
}

for (const deviceScaleFactor of [1, 1.5, 2]) {
  test.describe(`at device pixel ratio ${deviceScaleFactor}`, () => {
    test.use({ screenScale: deviceScaleFactor });

    test('a post taller than the viewport is stitched whole, with no header in the seams', async ({ page, worker, server }) => {
      // Arrange
      await page.goto(`${server.origin}/generic/long-post.html`);
      const safelog = new SafelogDriver(worker, page);
      const layout = await page.evaluate(() => {
        const post = document.querySelector('#post')!.getBoundingClientRect();
        const bands = [...document.querySelectorAll('#post .band')].map((band) => {
          const box = band.getBoundingClientRect();
          const rgb = getComputedStyle(band).backgroundColor.match(/\d+/g)!.slice(0, 3).map(Number);
          return { top: box.top - post.top, height: box.height, rgb };
        });
        return { width: post.width, height: post.height, innerHeight, dpr: devicePixelRatio, bands };
      });
      expect(layout.dpr).toBe(deviceScaleFactor);
      expect(layout.height).toBeGreaterThan(3 * layout.innerHeight);

      // Act
      await safelog.shortcut();
      const finished = await safelog.outcome(1);

      // Assert
      expect(finished.outcome).toMatchObject({ status: 'saved' });
      const { captures } = await safelog.store();
      const record = captures[0]!;
      const raws = record.artifacts.filter((artifact) => artifact.kind === 'raw-screenshot');
      const [image] = record.artifacts.filter((artifact) => artifact.kind === 'post-image');
      expect(raws.length).toBeGreaterThan(3);
      expect(image!.derivedFrom).toEqual(raws.map((raw) => raw.sha256));
      expect(image!.width).toBe(Math.round(layout.width * layout.dpr));
      expect(Math.abs(image!.height! - layout.height * layout.dpr)).toBeLessThanOrEqual(1);

      // Every band, near its top, middle and bottom edge, has its own colour: a skipped or doubled
      // strip, or the fixed header, at any seam would put another colour there.
      const bands: Band[] = layout.bands;
      const points = bands.flatMap((band) =>
        [2, band.height / 2, band.height - 2].map((offset) => ({ x: 4, y: Math.round((band.top + offset) * layout.dpr) })),
      );
      const actual = await safelog.pixels(image!.id, points);
      const expected = bands.flatMap((band) => [band.rgb, band.rgb, band.rgb]);
      const wrong = actual.rgb
        .map((rgb, index) => ({ at: points[index]!.y, rgb, expected: expected[index]! }))
        .filter(({ rgb, expected: want }) => rgb.some((value, channel) => Math.abs(value - want[channel]!) > 3));
      expect(wrong).toEqual([]);
    });
  });
}
