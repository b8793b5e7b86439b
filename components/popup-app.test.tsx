// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { EvidenceActions } from './actions.ts';
import { createFakeActions, createRecord, stubObjectUrls, withMeta } from './fake-evidence-actions.ts';
import { POPUP_RECENT_LIMIT, PopupApp } from './popup-app.tsx';
import { formatInstant } from '../lib/format-time.ts';
import { setLocale } from '../lib/i18n.ts';

const NEWER = createRecord({ id: '00000000-0000-4000-8000-000000000002' });
const OLDER = withMeta(createRecord({ id: '00000000-0000-4000-8000-000000000001', capturedAt: { ...NEWER.capturedAt, utc: '2025-11-20T09:00:00.000Z' } }), {
  platform: 'bluesky',
  author: { displayName: 'Other Person', handle: '@other.bsky.social' },
});

let objectUrls: ReturnType<typeof stubObjectUrls>;

beforeEach(() => {
  setLocale('en');
  objectUrls = stubObjectUrls();
});
afterEach(cleanup);

function withCaptures(overrides: Partial<EvidenceActions> = {}): EvidenceActions {
  return createFakeActions({
    listRecent: vi.fn(async () => [NEWER, OLDER]),
    countCaptures: vi.fn(async () => 42),
    getThumbnail: vi.fn(async () => new Blob(['png'], { type: 'image/png' })),
    ...overrides,
  });
}

describe('PopupApp', () => {
  test('focuses "Save this post", so toolbar click then Enter saves', () => {
    render(<PopupApp actions={createFakeActions()} />);

    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Save this post' }));
  });

  test.each([
    ['Save this post', 'savePost'],
    ['Pick a post', 'pickPost'],
    ['Save whole page', 'savePage'],
    ['All evidence', 'openDashboard'],
  ] as const)('"%s" calls %s', async (label, action) => {
    const actions = createFakeActions();
    render(<PopupApp actions={actions} />);

    fireEvent.click(screen.getByRole('button', { name: label }));

    await waitFor(() => expect(actions[action]).toHaveBeenCalledTimes(1));
  });

  test('shows why an action failed', async () => {
    const actions = createFakeActions({ savePost: vi.fn(async () => Promise.reject(new Error('The tab must be visible'))) });
    render(<PopupApp actions={actions} />);

    fireEvent.click(screen.getByRole('button', { name: 'Save this post' }));

    expect(await screen.findByRole('alert')).toHaveProperty('textContent', "That didn't work: The tab must be visible");
  });

  test('ignores a second press while a save runs', async () => {
    let finish: () => void = () => undefined;
    const actions = createFakeActions({ savePost: vi.fn(() => new Promise<void>((resolve) => (finish = resolve))) });
    render(<PopupApp actions={actions} />);
    const button = screen.getByRole('button', { name: 'Save this post' });

    fireEvent.click(button);
    fireEvent.click(button);
    finish();

    await waitFor(() => expect(actions.savePost).toHaveBeenCalledTimes(1));
  });

  test('lists the latest captures newest first with count, account, platform and times', async () => {
    const actions = withCaptures();
    render(<PopupApp actions={actions} />);

    const items = await screen.findAllByTestId('capture-item');

    expect(actions.listRecent).toHaveBeenCalledWith(POPUP_RECENT_LIMIT);
    expect(screen.getByTestId('capture-count').textContent).toBe('Saved: 42');
    expect(items.map((item) => within(item).getByRole('button', { name: /Posted/ }).textContent)).toEqual([
      expect.stringContaining('Some One@someone'),
      expect.stringContaining('Other Person@other.bsky.social'),
    ]);
    const first = within(items[0]!).getByRole('button', { name: /Posted/ });
    expect(first.textContent).toContain('X (Twitter)');
    expect(first.textContent).toContain(`Posted: 3h · ${formatInstant(NEWER.meta.postTime.iso!, { locale: 'en' })}`);
    expect(first.textContent).toContain(`Saved: ${formatInstant(NEWER.capturedAt.utc, { locale: 'en' })}`);
    expect(within(items[1]!).getByRole('button', { name: /Posted/ }).textContent).toContain('Bluesky');
  });

  test('opening an item calls openCapture with its id', async () => {
    const actions = withCaptures();
    render(<PopupApp actions={actions} />);
    const [, older] = await screen.findAllByTestId('capture-item');
    const open = within(older!).getByRole('button', { name: /Posted/ });

    // A native <button>: Enter and Space activate it without extra key handling.
    expect(open.tagName).toBe('BUTTON');
    fireEvent.click(open);

    await waitFor(() => expect(actions.openCapture).toHaveBeenCalledWith(OLDER.id));
  });

  test('thumbnails stay blurred until the person chooses to look', async () => {
    render(<PopupApp actions={withCaptures()} />);
    const [item] = await screen.findAllByTestId('capture-item');
    const image = await within(item!).findByTestId('blurred-image-img');

    expect(image.dataset.revealed).toBe('false');
    expect(image.classList.contains('is-blurred')).toBe(true);
    expect(image.style.filter).toContain('blur');

    fireEvent.click(within(item!).getByRole('button', { name: 'Show image: Some One' }));

    expect(image.dataset.revealed).toBe('true');
    expect(image.style.filter).toBe('');
    expect(within(item!).getByRole('button', { name: 'Hide image: Some One' })).toBeTruthy();
  });

  test('revokes every thumbnail URL on unmount', async () => {
    const { unmount } = render(<PopupApp actions={withCaptures()} />);
    await waitFor(() => expect(screen.getAllByTestId('blurred-image-img')).toHaveLength(2));

    unmount();

    expect(objectUrls.created).toHaveLength(2);
    expect(objectUrls.revoked.sort()).toEqual(objectUrls.created.sort());
  });

  test('shows an empty state', async () => {
    render(<PopupApp actions={createFakeActions()} />);

    expect(await screen.findByText(/Nothing saved yet/)).toBeTruthy();
    expect(screen.getByTestId('capture-count').textContent).toBe('Saved: 0');
  });

  test('shows a loading error as text', async () => {
    render(<PopupApp actions={createFakeActions({ listRecent: vi.fn(async () => Promise.reject(new Error('database closed'))) })} />);

    expect((await screen.findByRole('alert')).textContent).toBe("Couldn't load your evidence: database closed");
  });

  test('renders page data as text, never as HTML', async () => {
    const hostile = withMeta(NEWER, { author: { displayName: '<img src=x onerror=alert(1)>', handle: '<b>h</b>' } });
    const { container } = render(<PopupApp actions={withCaptures({ listRecent: vi.fn(async () => [hostile]), getThumbnail: vi.fn(async () => undefined) })} />);

    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(screen.getByText('@<b>h</b>')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
  });

  test('speaks Dutch when the locale is nl', () => {
    setLocale('nl');
    render(<PopupApp actions={createFakeActions()} />);

    expect(screen.getByRole('button', { name: 'Dit bericht bewaren' })).toBeTruthy();
  });
});
