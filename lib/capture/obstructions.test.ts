// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { measureObstructions } from './obstructions.ts';
import type { ObstructionOptions, Obstructions } from './obstructions.ts';

interface Box {
  id: string;
  position?: 'fixed' | 'sticky' | 'static' | 'absolute';
  rect: [left: number, top: number, width: number, height: number];
  attrs?: Record<string, string>;
  style?: string;
  parent?: string;
}

// jsdom has no layout: each element gets the box the test gives it.
function layout(boxes: readonly Box[]): void {
  for (const box of boxes) {
    const el = document.createElement('div');
    el.id = box.id;
    el.setAttribute('style', `position: ${box.position ?? 'static'}; ${box.style ?? ''}`);
    for (const [name, value] of Object.entries(box.attrs ?? {})) el.setAttribute(name, value);
    const [left, top, width, height] = box.rect;
    el.getBoundingClientRect = () => new DOMRect(left, top, width, height);
    (box.parent ? document.getElementById(box.parent) : document.body)?.append(el);
  }
}

beforeEach(() => {
  Object.assign(window, { innerWidth: 1000, innerHeight: 800 });
});

afterEach(() => {
  document.body.replaceChildren();
});

const post: Box = { id: 'post', rect: [300, 200, 600, 400] };

describe('measureObstructions', () => {
  // 'target' stands for the #post element, which exists only once the boxes are laid out.
  test.each<[string, Box[], ObstructionOptions | 'target' | undefined, Obstructions]>([
    ['nothing pinned', [{ id: 'main', rect: [0, -500, 1000, 5000] }], undefined, { top: 0, bottom: 0 }],
    ['a full-width fixed header', [{ id: 'header', position: 'fixed', rect: [0, 0, 1000, 53] }], undefined, { top: 53, bottom: 0 }],
    ['a stuck sticky header with fractional height', [{ id: 'header', position: 'sticky', rect: [0, 0, 1000, 52.4] }], undefined, { top: 53, bottom: 0 }],
    [
      "X's column header is too narrow to count without a target",
      [post, { id: 'header', position: 'sticky', rect: [300, 0, 450, 53] }],
      undefined,
      { top: 0, bottom: 0 },
    ],
    [
      "X's header counts once the post is the target",
      [post, { id: 'header', position: 'sticky', rect: [300, 0, 450, 53] }],
      'target',
      { top: 53, bottom: 0 },
    ],
    [
      'a sticky tab row stacked under the header adds up',
      [
        { id: 'header', position: 'fixed', rect: [0, 0, 1000, 53] },
        { id: 'tabs', position: 'sticky', rect: [0, 53, 1000, 40] },
      ],
      undefined,
      { top: 93, bottom: 0 },
    ],
    [
      'a cookie bar at the bottom',
      [{ id: 'cookies', position: 'fixed', rect: [0, 700, 1000, 100] }],
      undefined,
      { top: 0, bottom: 100 },
    ],
    [
      'a floating pill mid-screen does not count',
      [{ id: 'pill', position: 'fixed', rect: [0, 120, 1000, 40] }],
      undefined,
      { top: 0, bottom: 0 },
    ],
    [
      'a narrow button in a corner does not count',
      [{ id: 'chat', position: 'fixed', rect: [900, 740, 80, 60] }],
      undefined,
      { top: 0, bottom: 0 },
    ],
    [
      'a full-height side column is not a bar',
      [{ id: 'nav', position: 'fixed', rect: [0, 0, 1000, 800] }],
      undefined,
      { top: 0, bottom: 0 },
    ],
    [
      // Safelog's own UI is gone before layout is measured, so nothing is skipped by attribute: a page
      // element claiming to be Safelog's would otherwise have its bar left out of the seams check.
      "a page bar carrying Safelog's attribute is still a bar",
      [{ id: 'fake', position: 'fixed', rect: [0, 0, 1000, 60], attrs: { 'data-safelog-ui': '' } }],
      undefined,
      { top: 60, bottom: 0 },
    ],
    [
      'hidden bars are ignored',
      [
        { id: 'hidden', position: 'fixed', rect: [0, 0, 1000, 53], style: 'visibility: hidden' },
        { id: 'gone', position: 'fixed', rect: [0, 0, 0, 0], style: 'display: none' },
      ],
      undefined,
      { top: 0, bottom: 0 },
    ],
    [
      'a header scrolled half out of view counts for what shows',
      [{ id: 'header', position: 'fixed', rect: [0, -20, 1000, 53] }],
      undefined,
      { top: 33, bottom: 0 },
    ],
    [
      'a bar that is not fixed or sticky does not count',
      [{ id: 'banner', position: 'absolute', rect: [0, 0, 1000, 53] }],
      undefined,
      { top: 0, bottom: 0 },
    ],
    [
      'a modal containing the post is not an obstruction',
      [
        { id: 'modal', position: 'fixed', rect: [0, 0, 1000, 300] },
        { ...post, parent: 'modal' },
      ],
      'target',
      { top: 0, bottom: 0 },
    ],
  ])('%s', (_name, boxes, options, expected) => {
    layout(boxes);
    const resolved = options === 'target' ? { target: document.getElementById('post') ?? undefined } : options;

    const actual = measureObstructions(window, resolved);

    expect(actual).toEqual(expected);
  });
});
