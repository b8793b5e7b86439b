import { t } from '../lib/i18n.ts';
import type { LoadState } from './use-load.ts';

/** What a page shows while its data loads, or why it could not be loaded. */
export function LoadStatus({ state }: { state: Exclude<LoadState<unknown>, { status: 'ready' }> }) {
  if (state.status === 'loading') return <p class="message">{t('loading')}</p>;
  return (
    <p class="message message--error" role="alert">
      {t('loadFailed', state.message)}
    </p>
  );
}
