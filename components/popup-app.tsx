import { useEffect, useRef, useState } from 'preact/hooks';
import type { EvidenceActions } from './actions.ts';
import type { CaptureRecord } from '../lib/evidence/record.ts';
import { t } from '../lib/i18n.ts';
import { CaptureItem } from './capture-item.tsx';
import { errorMessage } from './error-message.ts';
import { useLoad } from './use-load.ts';

/** How many recent captures the popup lists. */
export const POPUP_RECENT_LIMIT = 10;

export interface PopupAppProps {
  actions: EvidenceActions;
}

interface PopupData {
  records: CaptureRecord[];
  count: number;
}

/**
 * The toolbar popup: save buttons first (Save this post has focus, so toolbar click then Enter
 * saves), then the latest captures with blurred previews. Closing the popup is the wiring's job.
 */
export function PopupApp({ actions }: PopupAppProps) {
  const data = useLoad<PopupData>(
    async () => {
      const [records, count] = await Promise.all([actions.listRecent(POPUP_RECENT_LIMIT), actions.countCaptures()]);
      return { records, count };
    },
    [actions],
  );
  const [actionError, setActionError] = useState<string | undefined>(undefined);
  const busy = useRef(false);
  const saveButton = useRef<HTMLButtonElement>(null);

  // `autofocus` alone is not honoured everywhere a popup opens, so focus explicitly as well.
  useEffect(() => saveButton.current?.focus(), []);

  const run = async (action: () => Promise<void>): Promise<void> => {
    // A second press while the first save runs would take a second, different screenshot.
    if (busy.current) return;
    busy.current = true;
    setActionError(undefined);
    try {
      await action();
    } catch (error) {
      setActionError(t('actionFailed', errorMessage(error)));
    } finally {
      busy.current = false;
    }
  };

  return (
    <main class="popup">
      <header class="popup__header">
        <h1 class="popup__title">{t('extName')}</h1>
        <button type="button" class="link-button" onClick={() => run(() => actions.openDashboard())}>
          {t('popupOpenDashboard')}
        </button>
      </header>

      <div class="popup__actions" role="group" aria-label={t('popupActionsLabel')}>
        <button type="button" class="button button--primary" ref={saveButton} autoFocus onClick={() => run(() => actions.savePost())}>
          {t('popupSavePost')}
        </button>
        <button type="button" class="button" onClick={() => run(() => actions.pickPost())}>
          {t('popupPickPost')}
        </button>
        <button type="button" class="button" onClick={() => run(() => actions.savePage())}>
          {t('popupSavePage')}
        </button>
      </div>

      {actionError !== undefined ? (
        <p class="message message--error" role="alert">
          {actionError}
        </p>
      ) : null}

      <section class="popup__recent" aria-labelledby="popup-recent-heading">
        <div class="section-heading">
          <h2 id="popup-recent-heading">{t('popupRecentHeading')}</h2>
          {data.status === 'ready' ? <span class="count" data-testid="capture-count">{t('captureCount', String(data.value.count))}</span> : null}
        </div>
        {data.status === 'loading' ? <p class="message">{t('loading')}</p> : null}
        {data.status === 'error' ? (
          <p class="message message--error" role="alert">
            {t('loadFailed', data.message)}
          </p>
        ) : null}
        {data.status === 'ready' && data.value.records.length === 0 ? <p class="message">{t('popupEmpty')}</p> : null}
        {data.status === 'ready' && data.value.records.length > 0 ? (
          <ul class="capture-list">
            {data.value.records.map((record) => (
              <CaptureItem
                key={record.id}
                record={record}
                actions={actions}
                onOpen={(captureId) => void run(() => actions.openCapture(captureId))}
              />
            ))}
          </ul>
        ) : null}
      </section>
    </main>
  );
}
