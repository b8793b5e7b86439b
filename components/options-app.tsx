import { useEffect, useRef } from 'preact/hooks';
import type { EvidenceActions } from './actions.ts';
import type { CaptureRecord } from '../lib/evidence/record.ts';
import { t } from '../lib/i18n.ts';
import type { Route } from '../lib/route.ts';
import { formatRoute } from '../lib/route.ts';
import { CaptureDetail } from './capture-detail.tsx';
import { CaptureItem } from './capture-item.tsx';
import { ExportPanel } from './export-panel.tsx';
import { ImportPanel } from './import-panel.tsx';
import { LoadStatus } from './load-status.tsx';
import { useLoad } from './use-load.ts';

/** The most captures the list renders at once; the count says when there are more. */
export const OPTIONS_LIST_LIMIT = 500;

export interface OptionsAppProps {
  actions: EvidenceActions;
  /** From `parseRoute(location.hash)`: the list, or one capture. */
  route: Route;
}

interface ListData {
  records: CaptureRecord[];
  count: number;
}

function CaptureList({ actions }: { actions: EvidenceActions }) {
  // Re-read on every visit to the list, so a capture saved in another tab meanwhile shows up.
  const data = useLoad<ListData>(
    async () => {
      const [records, count] = await Promise.all([actions.listRecent(OPTIONS_LIST_LIMIT), actions.countCaptures()]);
      return { records, count };
    },
    [actions],
  );
  if (data.status !== 'ready') return <LoadStatus state={data} />;
  const { records, count } = data.value;
  if (records.length === 0) return <p class="message">{t('optionsEmpty')}</p>;
  return (
    <>
      <p class="count" data-testid="capture-count">
        {records.length < count ? t('optionsShowing', String(records.length), String(count)) : t('captureCount', String(count))}
      </p>
      <ul class="capture-list capture-list--wide">
        {records.map((record) => (
          <CaptureItem key={record.id} record={record} actions={actions} href={formatRoute({ captureId: record.id })} />
        ))}
      </ul>
    </>
  );
}

/** The options page: every capture, newest first, or one capture's full detail. */
export function OptionsApp({ actions, route }: OptionsAppProps) {
  const listHeading = useRef<HTMLHeadingElement>(null);
  const wasDetail = useRef(false);
  const isDetail = route.captureId !== undefined;

  // Coming back from a detail, the link that had focus is gone; put focus somewhere sensible.
  useEffect(() => {
    if (!isDetail && wasDetail.current) listHeading.current?.focus();
    wasDetail.current = isDetail;
  }, [isDetail]);

  return (
    <main class="options">
      <header class="options__header">
        <h1 ref={listHeading} tabIndex={-1}>
          {t('optionsHeading')}
        </h1>
      </header>
      {route.captureId !== undefined ? (
        <>
          <nav>
            <a class="back-link" href={formatRoute({})}>
              {t('optionsBack')}
            </a>
          </nav>
          <CaptureDetail key={route.captureId} actions={actions} captureId={route.captureId} />
        </>
      ) : (
        <>
          <CaptureList actions={actions} />
          <ExportPanel actions={actions} />
          <ImportPanel actions={actions} />
        </>
      )}
    </main>
  );
}
