import { useState } from 'preact/hooks';
import type { ImportFailure, ImportPlan, InvalidItemReason, PlannedItem } from '../lib/archive/import-archive.ts';
import { formatFingerprint } from '../lib/archive/signing.ts';
import { t } from '../lib/i18n.ts';
import type { EvidenceActions } from './actions.ts';
import { errorMessage } from './error-message.ts';

type ImportState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'refused'; failure: ImportFailure }
  | { status: 'planned'; token: string; plan: ImportPlan }
  | { status: 'adding'; plan: ImportPlan }
  | { status: 'done'; imported: number }
  | { status: 'failed'; message: string };

/** The verdict on an archive refused as a whole, in plain words; file names from the archive stay text. */
export function failureText(failure: ImportFailure): string {
  switch (failure.reason) {
    case 'not-a-safelog-archive':
      return t('importReasonNotSafelog');
    case 'needs-password':
      return t('importReasonNeedsPassword');
    case 'wrong-password':
      return t('importReasonWrongPassword');
    case 'damaged':
      return t('importReasonDamaged');
    case 'too-large':
      return t('importReasonTooLarge');
    case 'unsafe':
      return t('importReasonUnsafe', failure.path);
    case 'cancelled':
      return t('importReasonCancelled');
    case 'tampered':
      return t('importReasonTampered', failure.files.map((file) => file.path).join(', '));
    case 'signature-invalid':
      return t('importReasonSignatureInvalid');
    case 'signature-unsupported':
      return t('importReasonSignatureUnsupported');
    case 'chain-broken':
      return t('importReasonChainBroken', String(failure.line));
    case 'schema-invalid':
      return t('importReasonSchemaInvalid');
  }
}

function invalidText(reason: InvalidItemReason): string {
  switch (reason.problem) {
    case 'artifact-hash':
      return t('importInvalidArtifactHash', reason.path);
    case 'artifact-size':
      return t('importInvalidArtifactSize', reason.path);
    case 'artifact-missing':
      return t('importInvalidArtifactMissing');
    case 'unknown-artifact':
      return t('importInvalidUnknownArtifact');
    case 'duplicate-in-archive':
      return t('importInvalidDuplicate');
    case 'artifact-id-taken':
      return t('importInvalidIdTaken');
    case 'record-changed':
      return t('importInvalidRecordChanged');
  }
}

function itemText(item: PlannedItem, why: string): string {
  const author = item.record.meta.author.handle ?? item.record.meta.author.displayName ?? t('importUnknownAuthor');
  return t('importItem', String(item.index), author, item.record.meta.platform, why);
}

function Verdict({ plan }: { plan: ImportPlan }) {
  const invalid = plan.items.filter((item) => item.status === 'invalid');
  return (
    <div role="status" data-testid="import-verdict">
      <p class="message">{t('importIntact')}</p>
      <p class="message" data-testid="import-signer" data-signer={plan.signer.kind}>
        {plan.signer.kind === 'this-safelog' ? t('importSignedByThis') : t('importSignedByOther', formatFingerprint(plan.signer.fingerprint))}
      </p>
      <ul data-testid="import-counts">
        <li data-status="new">{t('importCountNew', String(plan.counts.new))}</li>
        <li data-status="duplicate">{t('importCountDuplicate', String(plan.counts.duplicate))}</li>
        {plan.counts.conflict > 0 && <li data-status="conflict">{t('importCountConflict', String(plan.counts.conflict))}</li>}
        {plan.counts.invalid > 0 && <li data-status="invalid">{t('importCountInvalid', String(plan.counts.invalid))}</li>}
      </ul>
      {invalid.length > 0 && (
        <ul data-testid="import-invalid">
          {invalid.map((item) => (
            <li key={item.index}>{itemText(item, item.reasons.map(invalidText).join('; '))}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Import of a Safelog archive: choose it, check it, see what is new, then add those items all at once. */
export function ImportPanel({ actions }: { actions: EvidenceActions }) {
  const [state, setState] = useState<ImportState>({ status: 'idle' });
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');

  async function check(event: Event) {
    event.preventDefault();
    if (!file) return;
    setState({ status: 'checking' });
    try {
      const result = await actions.inspectImport(file, password || undefined);
      setState(result.ok ? { status: 'planned', token: result.token, plan: result.plan } : { status: 'refused', failure: result.failure });
    } catch (error) {
      setState({ status: 'failed', message: t('importCheckFailed', errorMessage(error)) });
    }
  }

  async function add(token: string, plan: ImportPlan) {
    setState({ status: 'adding', plan });
    try {
      const { imported } = await actions.applyImport(token);
      setState({ status: 'done', imported });
    } catch (error) {
      setState({ status: 'failed', message: t('importFailed', errorMessage(error)) });
    }
  }

  const busy = state.status === 'checking' || state.status === 'adding';
  return (
    <section class="export" aria-labelledby="import-heading" data-testid="import-panel">
      <h2 id="import-heading">{t('importHeading')}</h2>
      <p>{t('importIntro')}</p>
      <form class="export__form" onSubmit={check}>
        <label>
          {t('importFile')}
          <input
            name="archive"
            type="file"
            accept=".zip,application/zip"
            disabled={busy}
            data-testid="import-file"
            onChange={(event) => {
              setFile((event.currentTarget as HTMLInputElement).files?.[0] ?? null);
              setState({ status: 'idle' });
            }}
          />
        </label>
        <label>
          {t('importPassword')}
          <input
            name="password"
            type="password"
            autoComplete="off"
            disabled={busy}
            value={password}
            onInput={(event) => setPassword((event.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <div class="export__actions">
          <button type="submit" class="button" disabled={busy || !file}>
            {t('importCheck')}
          </button>
        </div>
      </form>
      {state.status === 'checking' && (
        <p class="message" role="status">
          {t('importChecking')}
        </p>
      )}
      {state.status === 'refused' && (
        <p class="message message--error" role="alert" data-testid="import-refused" data-reason={state.failure.reason}>
          {failureText(state.failure)}
        </p>
      )}
      {(state.status === 'planned' || state.status === 'adding') && (
        <>
          <Verdict plan={state.plan} />
          {state.plan.counts.new === 0 && <p class="message">{t('importNothingNew')}</p>}
          <button
            type="button"
            class="button button--primary"
            disabled={state.status === 'adding' || state.plan.counts.new === 0}
            onClick={() => state.status === 'planned' && add(state.token, state.plan)}
          >
            {state.status === 'adding' ? t('importAdding') : t('importAdd', String(state.plan.counts.new))}
          </button>
        </>
      )}
      {state.status === 'done' && (
        <p class="message" role="status" data-testid="import-done">
          {t('importDone', String(state.imported))}
        </p>
      )}
      {state.status === 'failed' && (
        <p class="message message--error" role="alert">
          {state.message}
        </p>
      )}
    </section>
  );
}
