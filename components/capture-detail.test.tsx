// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { EvidenceActions } from './actions.ts';
import { CaptureDetail } from './capture-detail.tsx';
import { HASH_A, HASH_B, createCustodyEntry, createFakeActions, createRecord, stubObjectUrls, withMeta } from './fake-evidence-actions.ts';
import type { CaptureRecord } from '../lib/evidence/record.ts';
import { setLocale } from '../lib/i18n.ts';

const RECORD = createRecord();

beforeEach(() => {
  setLocale('en');
  stubObjectUrls();
});
afterEach(cleanup);

function actionsFor(record: CaptureRecord | undefined, overrides: Partial<EvidenceActions> = {}): EvidenceActions {
  return createFakeActions({
    getCapture: vi.fn(async () => record),
    getArtifactBlob: vi.fn(async () => new Blob(['bytes'], { type: 'image/png' })),
    listCustody: vi.fn(async () => [createCustodyEntry(1, RECORD.id), createCustodyEntry(2, RECORD.id)]),
    verifyCustody: vi.fn(async () => ({ ok: true, brokenAt: null, length: 7 })),
    ...overrides,
  });
}

/** The value cell of the row labelled `label`. */
function cell(label: string): HTMLElement {
  const header = screen.getByRole('rowheader', { name: label });
  const value = header.nextElementSibling;
  if (!(value instanceof HTMLElement)) throw new Error(`no value for ${label}`);
  return value;
}

async function renderDetail(record: CaptureRecord | undefined, overrides: Partial<EvidenceActions> = {}) {
  const actions = actionsFor(record, overrides);
  const view = render(<CaptureDetail actions={actions} captureId={record?.id ?? 'missing'} />);
  await screen.findByTestId('capture-detail');
  return { actions, ...view };
}

describe('CaptureDetail', () => {
  test.each([
    ['Platform', 'X (Twitter)'],
    ['Display name', 'Some One'],
    ['Username', '@someone'],
    ['Profile link', 'https://x.com/someone'],
    ['Account ID', '987654'],
    ['Link to the post', 'https://x.com/someone/status/123'],
    ['Post ID', '123'],
    ['Time as shown on the page', '3h'],
    ['Time (machine readable)', '2025-11-27T10:00:00.000Z'],
    ['Where the time was read', "The page's own machine time"],
    ['Precision of the time', 'To the second'],
    ['Text', 'I know where you live'],
    ['Links to media', 'https://pbs.example/media/1.jpg'],
    ['Is a reply', 'No'],
    ['Reply to', 'Not recorded'],
    ['Quotes', 'Not recorded'],
    ['Page address', 'https://x.com/someone/status/123'],
    ['Page title', 'someone on X'],
    ['Saved at (UTC)', '2025-11-27 13:03:12 UTC'],
    ['Time zone', 'Europe/Amsterdam (UTC+01:00)'],
    ['Saved via', 'Safelog window'],
    ['Site reader', 'x, version 1.0.0'],
    ['Browser', 'Chrome 142'],
    ['User agent', 'Mozilla/5.0 test'],
    ['Safelog version', '0.1.0'],
    ['Copy of the page', 'Full page archive (MHTML) · attempts: 1'],
  ])('shows %s', async (label, expected) => {
    await renderDetail(RECORD);

    expect(cell(label).textContent).toBe(expected);
  });

  test('shows the capture time in the capturing zone, with the recorded local time', async () => {
    await renderDetail(RECORD);

    expect(cell('Saved at (local time)').textContent).toMatch(/14:03:12 (CET|GMT\+1).*\(2025-11-27T14:03:12\.000\+01:00\)/);
  });

  test('links only http(s) URLs, without referrer or opener', async () => {
    const record = withMeta(RECORD, {
      permalink: 'javascript:alert(1)',
      author: { ...RECORD.meta.author, profileUrl: 'https://x.com/someone' },
      mediaUrls: ['data:text/html,<script>alert(1)</script>'],
    });
    await renderDetail(record);

    expect(within(cell('Link to the post')).queryByRole('link')).toBeNull();
    expect(cell('Link to the post').textContent).toBe('javascript:alert(1)');
    expect(within(cell('Links to media')).queryByRole('link')).toBeNull();
    const profile = within(cell('Profile link')).getByRole('link');
    expect(profile.getAttribute('href')).toBe('https://x.com/someone');
    expect(profile.getAttribute('rel')).toBe('noopener noreferrer');
  });

  test('renders page data as text, never as HTML', async () => {
    const record = withMeta(RECORD, {
      author: { displayName: '<img src=x onerror=alert(1)>' },
      text: '<script>alert(1)</script><b>bold</b>',
    });
    const { container } = await renderDetail(record, { getArtifactBlob: vi.fn(async () => undefined) });

    expect(cell('Display name').textContent).toBe('<img src=x onerror=alert(1)>');
    expect(cell('Text').textContent).toBe('<script>alert(1)</script><b>bold</b>');
    expect(container.querySelector('img, script, b')).toBeNull();
  });

  test('lists the fields that could not be read, with reasons', async () => {
    await renderDetail(withMeta(RECORD, { missing: [{ field: 'author.accountId', reason: 'not in the page' }] }));

    const table = screen.getByTestId('missing-fields');
    expect(within(table).getByText('author.accountId')).toBeTruthy();
    expect(within(table).getByText('not in the page')).toBeTruthy();
  });

  test('shows every artifact with its hash, size, dimensions and a download link', async () => {
    await renderDetail(RECORD);

    const artifacts = await screen.findAllByTestId('artifact');
    expect(artifacts).toHaveLength(2);
    const [shot, post] = artifacts as [HTMLElement, HTMLElement];
    expect(within(shot).getByRole('heading').textContent).toBe('Screenshot (original)');
    expect(within(shot).getByText(HASH_A).tagName).toBe('CODE');
    expect(within(shot).getByText('20 KB (20,480 B)')).toBeTruthy();
    expect(within(shot).getByText('1280 × 800 pixels')).toBeTruthy();
    expect(within(post).getByText(HASH_B).tagName).toBe('CODE');
    // The crop names the screenshot it was cut from.
    expect(within(post).getByText(HASH_A)).toBeTruthy();
    const download = await within(post).findByRole('link', { name: `Download post-image-${HASH_B.slice(0, 12)}.png` });
    expect(download.getAttribute('download')).toBe(`post-image-${HASH_B.slice(0, 12)}.png`);
    expect(download.getAttribute('href')).toMatch(/^blob:/);
  });

  test.each([
    ['pixels', "Screen pixels: cut from the browser's own screenshot"],
    ['rendered', 'Drawn by Safelog from the page, not screen pixels'],
  ] as const)('labels %s images', async (imageSource, expected) => {
    const record = createRecord({ artifacts: [{ ...RECORD.artifacts[1]!, imageSource }] });
    await renderDetail(record);

    expect(screen.getByTestId('image-source').textContent).toBe(expected);
  });

  test('evidence images stay blurred until revealed', async () => {
    await renderDetail(createRecord({ artifacts: [RECORD.artifacts[1]!] }));
    const image = await screen.findByTestId('blurred-image-img');

    expect(image.dataset.revealed).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'Show image: Image of the post' }));
    expect(image.dataset.revealed).toBe('true');
  });

  test('says when a stored file is missing', async () => {
    await renderDetail(RECORD, { getArtifactBlob: vi.fn(async () => undefined) });

    expect(await screen.findAllByText('This file is missing from storage.')).toHaveLength(2);
    expect(screen.queryByRole('link', { name: /Download/ })).toBeNull();
  });

  test('shows the custody entries and an intact chain', async () => {
    await renderDetail(RECORD);

    const rows = within(screen.getByTestId('custody-table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.querySelector('td')?.textContent)).toEqual(['1', '2']);
    expect(rows[0]?.textContent).toContain('Saved');
    expect(rows[1]?.textContent).toContain('Exported');
    expect(within(rows[0]!).getByText('c'.repeat(64)).tagName).toBe('CODE');
    expect((await screen.findByTestId('custody-verdict')).textContent).toBe('The log is intact: all 7 entries check out.');
  });

  test('says where the chain is broken', async () => {
    await renderDetail(RECORD, { verifyCustody: vi.fn(async () => ({ ok: false, brokenAt: 3, length: 9 })) });

    expect((await screen.findByTestId('custody-verdict')).textContent).toMatch(/^The log is broken at entry 4 of 9/);
  });

  test('says when the capture does not exist', async () => {
    render(<CaptureDetail actions={actionsFor(undefined)} captureId="gone" />);

    expect((await screen.findByRole('alert')).textContent).toBe("This item wasn't found. It may have been deleted.");
  });

  test('moves focus to the heading once loaded', async () => {
    await renderDetail(RECORD);

    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2 })));
    expect(document.activeElement?.textContent).toBe('Post by Some One');
  });

  test('shows the parent and quoted posts of a reply', async () => {
    const record = withMeta(RECORD, {
      isReply: true,
      parent: { permalink: 'https://x.com/me/status/1', handle: 'me' },
      quoted: { postId: '77' },
    });
    await renderDetail(record);

    expect(cell('Is a reply').textContent).toBe('Yes');
    expect(within(cell('Reply to')).getByRole('link').getAttribute('href')).toBe('https://x.com/me/status/1');
    expect(cell('Reply to').textContent).toContain('@me');
    expect(cell('Quotes').textContent).toBe('Post ID: 77');
  });
});
