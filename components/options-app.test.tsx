// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createFakeActions, createRecord, stubObjectUrls } from './fake-evidence-actions.ts';
import { OPTIONS_LIST_LIMIT, OptionsApp } from './options-app.tsx';
import { setLocale } from '../lib/i18n.ts';

const FIRST = createRecord({ id: '00000000-0000-4000-8000-000000000002' });
const SECOND = createRecord({ id: '00000000-0000-4000-8000-000000000001' });

beforeEach(() => {
  setLocale('en');
  stubObjectUrls();
});
afterEach(cleanup);

describe('OptionsApp', () => {
  test('lists captures in the order given, each a link to its detail', async () => {
    const actions = createFakeActions({ listRecent: vi.fn(async () => [FIRST, SECOND]), countCaptures: vi.fn(async () => 2) });
    render(<OptionsApp actions={actions} route={{}} />);

    const items = await screen.findAllByTestId('capture-item');

    expect(actions.listRecent).toHaveBeenCalledWith(OPTIONS_LIST_LIMIT);
    expect(items.map((item) => within(item).getByRole('link').getAttribute('href'))).toEqual([`#capture=${FIRST.id}`, `#capture=${SECOND.id}`]);
    expect(screen.getByTestId('capture-count').textContent).toBe('Saved: 2');
  });

  test('says when only the newest part is shown', async () => {
    const actions = createFakeActions({ listRecent: vi.fn(async () => [FIRST, SECOND]), countCaptures: vi.fn(async () => 900) });
    render(<OptionsApp actions={actions} route={{}} />);

    expect((await screen.findByTestId('capture-count')).textContent).toBe('Showing the newest 2 of 900.');
  });

  test('shows an empty state', async () => {
    render(<OptionsApp actions={createFakeActions()} route={{}} />);

    expect(await screen.findByText(/Nothing saved yet/)).toBeTruthy();
  });

  test('shows the detail for a capture route, with a way back', async () => {
    const actions = createFakeActions({ getCapture: vi.fn(async () => FIRST) });
    render(<OptionsApp actions={actions} route={{ captureId: FIRST.id }} />);

    expect(await screen.findByTestId('capture-detail')).toBeTruthy();
    expect(actions.getCapture).toHaveBeenCalledWith(FIRST.id);
    expect(actions.listRecent).not.toHaveBeenCalled();
    expect(screen.getByRole('link', { name: 'Back to all evidence' }).getAttribute('href')).toBe('#');
  });

  test('returning to the list reloads it and puts focus on its heading', async () => {
    const actions = createFakeActions({ getCapture: vi.fn(async () => FIRST), listRecent: vi.fn(async () => [FIRST]), countCaptures: vi.fn(async () => 1) });
    const { rerender } = render(<OptionsApp actions={actions} route={{ captureId: FIRST.id }} />);
    await screen.findByTestId('capture-detail');

    rerender(<OptionsApp actions={actions} route={{}} />);

    expect(await screen.findAllByTestId('capture-item')).toHaveLength(1);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 })));
  });
});
