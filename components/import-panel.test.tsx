// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ImportFailure, ImportPlan, PlannedItem } from '../lib/archive/import-archive.ts';
import { setLocale } from '../lib/i18n.ts';
import { createFakeActions, createRecord, withMeta } from './fake-evidence-actions.ts';
import { ImportPanel } from './import-panel.tsx';

const OTHER_KID = '0123456789abcdef'.repeat(4);

function planned(index: number, status: 'new' | 'duplicate' | 'conflict', handle = 'someone'): PlannedItem {
  const record = withMeta(createRecord({ id: `00000000-0000-4000-8000-00000000000${index}` }), { author: { handle } });
  return { index, captureId: record.id, record, files: {}, archiveRecordSha256: null, status };
}

function createPlan(items: PlannedItem[], signer: ImportPlan['signer'] = { kind: 'this-safelog', fingerprint: OTHER_KID, algorithm: 'Ed25519' }): ImportPlan {
  const counts = { new: 0, duplicate: 0, conflict: 0, invalid: 0 };
  for (const item of items) counts[item.status] += 1;
  return {
    archiveName: 'safelog-evidence-2026-12-01.zip',
    signer,
    exportedAt: '2026-12-01T08:00:00.000Z',
    tool: { name: 'Safelog', version: '0.1.0', browser: 'Chromium 156' },
    custody: [],
    custodyLogSha256: 'a'.repeat(64),
    manifestSha256: 'b'.repeat(64),
    items,
    counts,
  };
}

const ZIP = new File([new Uint8Array([0x50, 0x4b, 5, 6])], 'safelog-evidence-2026-12-01.zip', { type: 'application/zip' });

/** Chooses the file and presses Check, as a person does. */
async function check(password?: string): Promise<void> {
  fireEvent.change(screen.getByLabelText('Archive (.zip)'), { target: { files: [ZIP] } });
  if (password) fireEvent.input(screen.getByLabelText('Password (only if the archive has one)'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Check' }));
}

beforeEach(() => setLocale('en'));
afterEach(cleanup);

describe('ImportPanel', () => {
  test('Check stays disabled until a file is chosen', () => {
    render(<ImportPanel actions={createFakeActions()} />);

    const button = screen.getByRole('button', { name: 'Check' }) as HTMLButtonElement;

    expect(button.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Archive (.zip)'), { target: { files: [ZIP] } });
    expect(button.disabled).toBe(false);
  });

  test.each<[string, ImportFailure, string]>([
    ['tampered', { reason: 'tampered', files: [{ path: 'items/a/post-image.png', status: 'changed' }] }, 'Changed, added or missing: items/a/post-image.png'],
    ['needs a password', { reason: 'needs-password', path: 'evidence.json' }, 'This archive is locked with a password.'],
    ['signature invalid', { reason: 'signature-invalid', detail: 'invalid' }, 'The signature does not match the archive'],
    ['chain broken', { reason: 'chain-broken', line: 3, problem: 'hash' }, 'broken at line 3'],
    ['unsafe', { reason: 'unsafe', path: '../evil.txt' }, 'not opened: ../evil.txt'],
    ['not an archive', { reason: 'not-a-safelog-archive' }, 'not a Safelog archive'],
  ])('a refused archive (%s) is explained in plain words, and nothing can be added', async (_name, failure, expected) => {
    const actions = createFakeActions({ inspectImport: vi.fn(async () => ({ ok: false as const, failure })) });
    render(<ImportPanel actions={actions} />);

    await check();

    const alert = await screen.findByTestId('import-refused');
    expect(alert.textContent).toContain(expected);
    expect(screen.queryByRole('button', { name: /^Add/ })).toBeNull();
  });

  test('passes the password along', async () => {
    const actions = createFakeActions();
    render(<ImportPanel actions={actions} />);

    await check('secret');

    await waitFor(() => expect(actions.inspectImport).toHaveBeenCalledWith(ZIP, 'secret'));
  });

  test('shows who signed it and how many are new, here, conflicting or invalid, each invalid with why', async () => {
    const invalid: PlannedItem = { ...planned(4, 'new', '<img src=x onerror=alert(1)>'), status: 'invalid', reasons: [{ problem: 'artifact-hash', artifactId: 'a', path: 'items/x/post-image.png' }] };
    const plan = createPlan([planned(1, 'new'), planned(2, 'duplicate'), planned(3, 'conflict'), invalid], { kind: 'other', fingerprint: OTHER_KID, algorithm: 'Ed25519' });
    const actions = createFakeActions({ inspectImport: vi.fn(async () => ({ ok: true as const, token: 't1', plan })) });
    render(<ImportPanel actions={actions} />);

    await check();

    const verdict = await screen.findByTestId('import-verdict');
    expect(screen.getByTestId('import-signer').textContent).toBe(
      'It was signed by another Safelog, with fingerprint 0123 4567 89ab cdef 0123 4567 89ab cdef 0123 4567 89ab cdef 0123 4567 89ab cdef. Compare it with the fingerprint the sender gave you.',
    );
    expect([...screen.getByTestId('import-counts').querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'New: 1',
      'Already here: 1',
      'Same item, different content (not added): 1',
      'Invalid (not added): 1',
    ]);
    // Page content is shown as text, never as markup.
    expect(screen.getByTestId('import-invalid').textContent).toBe(
      'Item 4 (<img src=x onerror=alert(1)> on x): the file items/x/post-image.png does not match the hash taken when it was saved',
    );
    expect(verdict.querySelector('img')).toBeNull();
    expect((screen.getByRole('button', { name: 'Add 1 items' }) as HTMLButtonElement).disabled).toBe(false);
  });

  test('Add is disabled when nothing is new', async () => {
    const plan = createPlan([planned(1, 'duplicate')]);
    render(<ImportPanel actions={createFakeActions({ inspectImport: vi.fn(async () => ({ ok: true as const, token: 't1', plan })) })} />);

    await check();

    expect(((await screen.findByRole('button', { name: 'Add 0 items' })) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Nothing new to add.')).toBeTruthy();
    expect(screen.getByTestId('import-signer').textContent).toBe('It was signed by this Safelog.');
  });

  test('Add writes with the token from the check, then says done', async () => {
    const plan = createPlan([planned(1, 'new'), planned(2, 'new')]);
    const actions = createFakeActions({
      inspectImport: vi.fn(async () => ({ ok: true as const, token: 'token-1', plan })),
      applyImport: vi.fn(async () => ({ imported: 2 })),
    });
    render(<ImportPanel actions={actions} />);
    await check();

    fireEvent.click(await screen.findByRole('button', { name: 'Add 2 items' }));

    expect((await screen.findByTestId('import-done')).textContent).toBe('Added 2 items to your evidence.');
    expect(actions.applyImport).toHaveBeenCalledWith('token-1');
  });

  test('a failed write says that nothing was added', async () => {
    const plan = createPlan([planned(1, 'new')]);
    const actions = createFakeActions({
      inspectImport: vi.fn(async () => ({ ok: true as const, token: 'token-1', plan })),
      applyImport: vi.fn(async () => {
        throw new Error('Storage is full.');
      }),
    });
    render(<ImportPanel actions={actions} />);
    await check();

    fireEvent.click(await screen.findByRole('button', { name: 'Add 1 items' }));

    expect((await screen.findByRole('alert')).textContent).toBe('The items could not be added: Storage is full. Nothing was added.');
  });
});
