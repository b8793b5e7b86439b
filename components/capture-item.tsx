import type { EvidenceActions } from './actions.ts';
import type { CaptureRecord } from '../lib/evidence/record.ts';
import { formatInstant, formatPostTime } from '../lib/format-time.ts';
import { getLocale, t } from '../lib/i18n.ts';
import { BlurredImage } from './blurred-image.tsx';
import { PLATFORM_LABELS } from './labels.ts';
import { useLoad } from './use-load.ts';
import { useObjectUrl } from './use-object-url.ts';

export interface CaptureItemProps {
  record: CaptureRecord;
  actions: Pick<EvidenceActions, 'getThumbnail'>;
  /** Renders the item as a link (the options page routes by hash). */
  href?: string;
  /** Renders the item as a button that calls this (the popup asks the browser to open a tab). */
  onOpen?: (captureId: string) => void;
}

/** `@name` for a bare handle; handles that already carry their `@` (Mastodon's `@a@b`) stay as they are. */
export function formatHandle(handle: string): string {
  return handle.startsWith('@') ? handle : `@${handle}`;
}

/** Who a capture is about in a few words: the account, or for a page without one, its title. */
export function captureSubject(record: CaptureRecord): string {
  const { displayName, handle } = record.meta.author;
  return displayName || (handle ? formatHandle(handle) : '') || (record.kind === 'page' && record.page.title) || t('unknownAuthor');
}

/**
 * One saved item in a list: blurred preview, account, platform, post time and capture time.
 * Post text is left out on purpose: a list glanced at should not replay the abuse.
 */
export function CaptureItem({ record, actions, href, onOpen }: CaptureItemProps) {
  const thumbnail = useLoad(() => actions.getThumbnail(record.id), [actions, record.id]);
  const url = useObjectUrl(thumbnail.status === 'ready' ? thumbnail.value : undefined);
  const locale = getLocale();
  const { author } = record.meta;
  const postTime = formatPostTime(record.meta.postTime, { locale });
  const postTimeText = [postTime.shown, postTime.local].filter(Boolean).join(' · ') || t('postTimeUnknown');
  const subject = captureSubject(record);

  const body = (
    <>
      <span class="capture-item__author">
        <span class="capture-item__name">{subject}</span>
        {author.displayName && author.handle ? <span class="capture-item__handle">{formatHandle(author.handle)}</span> : null}
      </span>
      <span class="capture-item__line">
        {t(PLATFORM_LABELS[record.meta.platform])}
        {record.kind === 'page' ? ` · ${t('captureKindPage')}` : null}
      </span>
      <span class="capture-item__line">{t('itemPosted', postTimeText)}</span>
      <span class="capture-item__line">{t('itemSaved', formatInstant(record.capturedAt.utc, { locale }))}</span>
    </>
  );

  return (
    <li class="capture-item" data-testid="capture-item">
      {thumbnail.status === 'loading' ? (
        <div class="blurred-image blurred-image--thumb blurred-image--empty" aria-hidden="true" />
      ) : thumbnail.status === 'error' ? (
        <div class="blurred-image blurred-image--thumb blurred-image--empty">
          <span class="blurred-image__placeholder">{t('previewUnavailable')}</span>
        </div>
      ) : (
        <BlurredImage src={url} alt={t('thumbnailAlt')} variant="thumb" subject={subject} />
      )}
      {href !== undefined ? (
        <a class="capture-item__open" href={href}>
          {body}
        </a>
      ) : (
        <button type="button" class="capture-item__open" onClick={() => onOpen?.(record.id)}>
          {body}
        </button>
      )}
    </li>
  );
}
