import { useRef, useState } from 'preact/hooks';
import type { ExportProgress, ExportRequest } from '../lib/archive/export-archive.ts';
import { formatFingerprint } from '../lib/archive/signing.ts';
import { getLocale, t, type Locale } from '../lib/i18n.ts';
import type { EvidenceActions, ExportSummary } from './actions.ts';
import { errorMessage } from './error-message.ts';
import { useLoad } from './use-load.ts';

type ExportState =
  | { status: 'idle' }
  | { status: 'running'; progress?: ExportProgress }
  | { status: 'done'; summary: ExportSummary }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

function progressText(progress: ExportProgress | undefined): string {
  if (!progress || progress.phase === 'items') return t('exportProgressItems', String(progress?.done ?? 0), String(progress?.total ?? 0));
  return progress.phase === 'documents' ? t('exportProgressDocuments') : t('exportProgressFinishing');
}

/** The export form: what to include, an optional password, progress with a cancel button, and the key's fingerprint. */
export function ExportPanel({ actions }: { actions: EvidenceActions }) {
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const [passwordMismatch, setPasswordMismatch] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const fingerprint = useLoad(() => actions.signingFingerprint(), [actions]);
  const accounts = useLoad(() => actions.listAccounts(), [actions]);

  async function start(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('password-repeat') ?? '')) {
      setPasswordMismatch(true);
      return;
    }
    setPasswordMismatch(false);
    const request: ExportRequest = {
      locale: (text('locale') === 'nl' ? 'nl' : 'en') satisfies Locale,
      ...(text('label') ? { label: text('label') } : {}),
      ...(text('case') ? { caseDescription: text('case') } : {}),
      ...(password ? { password } : {}),
      ...(text('from') || text('to') ? { period: { ...(text('from') ? { from: text('from') } : {}), ...(text('to') ? { to: text('to') } : {}) } } : {}),
      ...(form.getAll('account').length > 0 ? { accounts: form.getAll('account').map(String) } : {}),
    };
    controller.current = new AbortController();
    setState({ status: 'running' });
    try {
      const summary = await actions.exportArchive(request, (progress) => setState({ status: 'running', progress }), controller.current.signal);
      setState({ status: 'done', summary });
    } catch (error) {
      setState(controller.current.signal.aborted ? { status: 'cancelled' } : { status: 'failed', message: errorMessage(error) });
    }
  }

  const running = state.status === 'running';
  return (
    <section class="export" aria-labelledby="export-heading" data-testid="export-panel">
      <h2 id="export-heading">{t('exportHeading')}</h2>
      <p>{t('exportIntro')}</p>
      <form class="export__form" onSubmit={start}>
        <label>
          {t('exportLanguage')}
          <select name="locale" defaultValue={getLocale()} disabled={running}>
            <option value="en">{t('languageNameEn')}</option>
            <option value="nl">{t('languageNameNl')}</option>
          </select>
        </label>
        <label>
          {t('exportLabel')}
          <input name="label" type="text" maxLength={80} disabled={running} />
        </label>
        <label>
          {t('exportCase')}
          <textarea name="case" rows={3} disabled={running} />
        </label>
        <div class="export__period">
          <label>
            {t('exportFrom')}
            <input name="from" type="date" disabled={running} />
          </label>
          <label>
            {t('exportTo')}
            <input name="to" type="date" disabled={running} />
          </label>
        </div>
        {accounts.status === 'ready' && accounts.value.length > 1 && (
          <fieldset class="export__accounts">
            <legend>{t('exportAccounts')}</legend>
            <p class="hint">{t('exportAccountsHint')}</p>
            {accounts.value.map((account) => (
              <label key={account.key} class="export__account">
                <input type="checkbox" name="account" value={account.key} disabled={running} />
                {t('exportAccountLabel', account.label, String(account.count))}
              </label>
            ))}
          </fieldset>
        )}
        <label>
          {t('exportPassword')}
          <input name="password" type="password" autoComplete="new-password" disabled={running} aria-describedby="export-password-note" />
        </label>
        <label>
          {t('exportPasswordRepeat')}
          <input name="password-repeat" type="password" autoComplete="new-password" disabled={running} aria-invalid={passwordMismatch} />
        </label>
        <p id="export-password-note" class="hint">
          {t('exportPasswordNote')}
        </p>
        {passwordMismatch && (
          <p class="message message--error" role="alert">
            {t('exportPasswordMismatch')}
          </p>
        )}
        <div class="export__actions">
          <button type="submit" class="button button--primary" disabled={running}>
            {t('exportStart')}
          </button>
          {running && (
            <button type="button" class="button" onClick={() => controller.current?.abort()}>
              {t('exportCancel')}
            </button>
          )}
        </div>
      </form>
      {running && (
        <div class="export__progress" role="status">
          <progress max={state.progress?.total ?? 1} value={state.progress?.phase === 'items' ? state.progress.done : undefined} />
          <span>{progressText(state.progress)}</span>
        </div>
      )}
      {state.status === 'done' && (
        <div role="status" data-testid="export-result">
          <p class="message">
            {state.summary.itemCount === 1 ? t('exportDoneOne', state.summary.fileName) : t('exportDone', state.summary.fileName, String(state.summary.itemCount))}
          </p>
          {state.summary.mismatches > 0 && <p class="message message--error">{t('exportMismatches', String(state.summary.mismatches))}</p>}
        </div>
      )}
      {state.status === 'cancelled' && (
        <p class="message" role="status">
          {t('exportCancelled')}
        </p>
      )}
      {state.status === 'failed' && (
        <p class="message message--error" role="alert">
          {t('exportFailed', state.message)}
        </p>
      )}
      <h3>{t('exportFingerprint')}</h3>
      <p class="hint">{t('exportFingerprintNote')}</p>
      {fingerprint.status === 'ready' && (
        <p>
          <code class="fingerprint" data-testid="signing-fingerprint">
            {formatFingerprint(fingerprint.value)}
          </code>
        </p>
      )}
      {fingerprint.status === 'error' && (
        <p class="message message--error" role="alert">
          {t('loadFailed', fingerprint.message)}
        </p>
      )}
    </section>
  );
}
