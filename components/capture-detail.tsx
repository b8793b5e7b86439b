import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { EvidenceActions } from './actions.ts';
import type { CustodyEntry } from '../lib/evidence/custody.ts';
import type { Artifact, CaptureRecord } from '../lib/evidence/record.ts';
import type { PostRef } from '../lib/evidence/schema.ts';
import { artifactFileName } from '../lib/artifact-file-name.ts';
import { formatBytes } from '../lib/format-bytes.ts';
import { formatCaptureTime, formatInstant, formatUtc } from '../lib/format-time.ts';
import { getLocale, t } from '../lib/i18n.ts';
import { BlurredImage } from './blurred-image.tsx';
import { captureSubject, formatHandle } from './capture-item.tsx';
import {
  ARTIFACT_KIND_LABELS,
  CAPTURE_KIND_LABELS,
  CUSTODY_ACTION_LABELS,
  PLATFORM_LABELS,
  PRECISION_LABELS,
  SNAPSHOT_METHOD_LABELS,
  TIME_SOURCE_LABELS,
  TRIGGER_LABELS,
} from './labels.ts';
import { UrlText } from './url-text.tsx';
import { useLoad } from './use-load.ts';
import { LoadStatus } from './load-status.tsx';
import { useObjectUrl } from './use-object-url.ts';

export interface CaptureDetailProps {
  actions: Pick<EvidenceActions, 'getCapture' | 'listCustody' | 'verifyCustody' | 'getArtifactBlob'>;
  captureId: string;
}

interface DetailData {
  record: CaptureRecord | undefined;
  custody: CustodyEntry[];
}

/** One labelled row; an absent value says so, because an empty cell reads like an error. */
function Row({ label, children }: { label: string; children?: ComponentChildren }) {
  const empty = children === undefined || children === null || children === '' || children === false;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{empty ? <span class="not-recorded">{t('detailNotRecorded')}</span> : children}</td>
    </tr>
  );
}

function MetaTable({ caption, children }: { caption: string; children: ComponentChildren }) {
  return (
    <table class="meta-table">
      <caption>{caption}</caption>
      <tbody>{children}</tbody>
    </table>
  );
}

function Hash({ value }: { value: string }) {
  return <code class="hash">{value}</code>;
}

/** A reply's parent or a quoted post, or null when the page showed nothing of it (so the row says so). */
function postRefText(postRef: PostRef | undefined) {
  if (!postRef || (!postRef.permalink && !postRef.postId && !postRef.handle)) return null;
  return (
    <ul class="plain-list">
      {postRef.permalink ? <li><UrlText url={postRef.permalink} /></li> : null}
      {postRef.postId ? <li>{t('fieldPostId')}: {postRef.postId}</li> : null}
      {postRef.handle ? <li>{formatHandle(postRef.handle)}</li> : null}
    </ul>
  );
}

/** One stored file: what it is, its hash, a download link and, for images, a blurred preview. */
function ArtifactView({ artifact, actions }: { artifact: Artifact; actions: CaptureDetailProps['actions'] }) {
  // Anything but an image is offered as plain bytes: a saved page opened from an extension URL
  // would otherwise render there, and its links and refreshes could reach the network.
  const blob = useLoad(
    async () => {
      const stored = await actions.getArtifactBlob(artifact.id);
      return stored && !artifact.mime.startsWith('image/') ? new Blob([stored], { type: 'application/octet-stream' }) : stored;
    },
    [actions, artifact.id],
  );
  const url = useObjectUrl(blob.status === 'ready' ? blob.value : undefined);
  const locale = getLocale();
  const kind = t(ARTIFACT_KIND_LABELS[artifact.kind]);
  const fileName = artifactFileName(artifact);
  const isImage = artifact.mime.startsWith('image/');

  return (
    <section class="artifact" data-testid="artifact">
      <h4>{kind}</h4>
      <table class="meta-table">
        <tbody>
          <Row label={t('fieldMime')}>{artifact.mime}</Row>
          <Row label={t('fieldSize')}>{formatBytes(artifact.size, locale)}</Row>
          {artifact.width !== undefined && artifact.height !== undefined ? (
            <Row label={t('fieldDimensions')}>{t('dimensionsValue', String(artifact.width), String(artifact.height))}</Row>
          ) : null}
          {artifact.imageSource ? (
            <Row label={t('fieldImageSource')}>
              <span class={`image-source image-source--${artifact.imageSource}`} data-testid="image-source">
                {artifact.imageSource === 'rendered' ? t('imageSourceRendered') : t('imageSourcePixels')}
              </span>
            </Row>
          ) : null}
          {artifact.tile ? <Row label={t('fieldTile')}>{t('tileValue', String(artifact.tile.index + 1), String(artifact.tile.count))}</Row> : null}
          <Row label={t('fieldSha256')}>
            <Hash value={artifact.sha256} />
          </Row>
          {artifact.derivedFrom?.length ? (
            <Row label={t('fieldDerivedFrom')}>
              <ul class="plain-list">
                {artifact.derivedFrom.map((hash) => (
                  <li key={hash}>
                    <Hash value={hash} />
                  </li>
                ))}
              </ul>
            </Row>
          ) : null}
        </tbody>
      </table>
      {blob.status === 'loading' ? <p class="message">{t('loading')}</p> : null}
      {blob.status === 'error' ? <p class="message message--error">{t('loadFailed', blob.message)}</p> : null}
      {blob.status === 'ready' && !blob.value ? <p class="message message--error">{t('artifactMissing')}</p> : null}
      {url ? (
        <>
          {isImage ? <BlurredImage src={url} alt={kind} variant="full" subject={kind} /> : null}
          <p>
            <a class="button" href={url} download={fileName}>
              {t('artifactDownload', fileName)}
            </a>
          </p>
        </>
      ) : null}
    </section>
  );
}

function CustodyVerdict({ actions }: { actions: CaptureDetailProps['actions'] }) {
  const verdict = useLoad(() => actions.verifyCustody(), [actions]);
  if (verdict.status === 'loading') return <p class="message">{t('custodyChecking')}</p>;
  if (verdict.status === 'error') {
    return (
      <p class="message message--error" data-testid="custody-verdict">
        {t('custodyCheckFailed', verdict.message)}
      </p>
    );
  }
  const { ok, brokenAt, length } = verdict.value;
  return ok ? (
    <p class="message message--ok" data-testid="custody-verdict">
      {t('custodyIntact', String(length))}
    </p>
  ) : (
    <p class="message message--error" role="alert" data-testid="custody-verdict">
      {t('custodyBroken', String((brokenAt ?? 0) + 1), String(length))}
    </p>
  );
}

/**
 * Everything Safelog knows about one capture, for the person and for whoever checks the evidence:
 * metadata, files with their hashes, and the custody log. Page text and URLs are rendered as data.
 */
export function CaptureDetail({ actions, captureId }: CaptureDetailProps) {
  const data = useLoad<DetailData>(
    async () => {
      const [record, custody] = await Promise.all([actions.getCapture(captureId), actions.listCustody(captureId)]);
      return { record, custody };
    },
    [actions, captureId],
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const ready = data.status === 'ready' && data.value.record !== undefined;

  // Move keyboard and screen-reader focus to the new content once it is there.
  useEffect(() => {
    if (ready) heading.current?.focus();
  }, [ready, captureId]);

  if (data.status !== 'ready') return <LoadStatus state={data} />;
  const { record, custody } = data.value;
  if (!record) {
    return (
      <p class="message message--error" role="alert">
        {t('detailNotFound')}
      </p>
    );
  }

  const locale = getLocale();
  const { meta, capturedAt } = record;
  const { author, postTime } = meta;
  const subject = captureSubject(record);

  return (
    <article class="capture-detail" data-testid="capture-detail">
      <h2 ref={heading} tabIndex={-1}>
        {record.kind === 'page' ? t('detailHeadingPage', subject) : t('detailHeadingPost', subject)}
      </h2>

      <MetaTable caption={t('detailSectionPost')}>
        <Row label={t('fieldKind')}>{t(CAPTURE_KIND_LABELS[record.kind])}</Row>
        <Row label={t('fieldPlatform')}>{t(PLATFORM_LABELS[meta.platform])}</Row>
        <Row label={t('fieldPermalink')}>{meta.permalink ? <UrlText url={meta.permalink} /> : null}</Row>
        <Row label={t('fieldPostId')}>{meta.postId}</Row>
        <Row label={t('fieldPostTimeShown')}>{postTime.shown}</Row>
        <Row label={t('fieldPostTimeIso')}>{postTime.iso}</Row>
        <Row label={t('fieldPostTimeLocal')}>{postTime.iso ? formatInstant(postTime.iso, { locale }) : null}</Row>
        <Row label={t('fieldPostTimeSource')}>{t(TIME_SOURCE_LABELS[postTime.source])}</Row>
        {postTime.precision ? <Row label={t('fieldPostTimePrecision')}>{t(PRECISION_LABELS[postTime.precision])}</Row> : null}
        <Row label={t('fieldText')}>{meta.text ? <p class="post-text">{meta.text}</p> : null}</Row>
        <Row label={t('fieldMedia')}>
          {meta.mediaUrls.length > 0 ? (
            <ul class="plain-list">
              {meta.mediaUrls.map((mediaUrl, index) => (
                <li key={index}>
                  <UrlText url={mediaUrl} />
                </li>
              ))}
            </ul>
          ) : null}
        </Row>
        <Row label={t('fieldIsReply')}>{meta.isReply ? t('valueYes') : t('valueNo')}</Row>
        <Row label={t('fieldParent')}>{postRefText(meta.parent)}</Row>
        <Row label={t('fieldQuoted')}>{postRefText(meta.quoted)}</Row>
      </MetaTable>

      <MetaTable caption={t('detailSectionAuthor')}>
        <Row label={t('fieldDisplayName')}>{author.displayName}</Row>
        <Row label={t('fieldHandle')}>{author.handle ? formatHandle(author.handle) : null}</Row>
        <Row label={t('fieldProfileUrl')}>{author.profileUrl ? <UrlText url={author.profileUrl} /> : null}</Row>
        <Row label={t('fieldAccountId')}>{author.accountId}</Row>
      </MetaTable>

      <section class="detail-section">
        <h3>{t('detailSectionMissing')}</h3>
        {meta.missing.length === 0 ? (
          <p class="message">{t('detailNoMissing')}</p>
        ) : (
          <table class="meta-table" data-testid="missing-fields">
            <thead>
              <tr>
                <th scope="col">{t('fieldMissingField')}</th>
                <th scope="col">{t('fieldMissingReason')}</th>
              </tr>
            </thead>
            <tbody>
              {meta.missing.map((missing, index) => (
                <tr key={index}>
                  <td>{missing.field}</td>
                  <td>{missing.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <MetaTable caption={t('detailSectionCapture')}>
        <Row label={t('fieldPageUrl')}>
          <UrlText url={record.page.url} />
        </Row>
        <Row label={t('fieldPageTitle')}>{record.page.title}</Row>
        <Row label={t('fieldCapturedUtc')}>{formatUtc(capturedAt.utc)}</Row>
        <Row label={t('fieldCapturedLocal')}>
          {formatCaptureTime(capturedAt, locale)} ({capturedAt.local})
        </Row>
        <Row label={t('fieldCapturedZone')}>{t('zoneValue', capturedAt.zone, capturedAt.offset)}</Row>
        <Row label={t('fieldTrigger')}>{t(TRIGGER_LABELS[record.trigger])}</Row>
        <Row label={t('fieldAdapter')}>{t('adapterValue', meta.adapter.id, meta.adapter.version)}</Row>
        <Row label={t('fieldBrowser')}>{record.environment.browser}</Row>
        <Row label={t('fieldUserAgent')}>{record.environment.userAgent}</Row>
        <Row label={t('fieldExtensionVersion')}>{record.environment.extensionVersion}</Row>
        <Row label={t('fieldSnapshot')}>
          {t(SNAPSHOT_METHOD_LABELS[record.snapshot.method])}
          {' · '}
          {t('snapshotAttempts', String(record.snapshot.attempts))}
          {record.snapshot.error ? ` · ${t('snapshotError', record.snapshot.error)}` : null}
        </Row>
        <Row label={t('fieldViewport')}>
          {t('viewportValue', String(record.viewport.width), String(record.viewport.height), String(record.viewport.devicePixelRatio))}
        </Row>
        <Row label={t('fieldCaptureId')}>
          <code>{record.id}</code>
        </Row>
      </MetaTable>

      <section class="detail-section">
        <h3>{t('detailSectionFiles')}</h3>
        {record.artifacts.map((artifact) => (
          <ArtifactView key={artifact.id} artifact={artifact} actions={actions} />
        ))}
      </section>

      <section class="detail-section">
        <h3>{t('detailSectionCustody')}</h3>
        <p class="hint">{t('custodyExplain')}</p>
        <CustodyVerdict actions={actions} />
        {custody.length === 0 ? (
          <p class="message">{t('custodyEmpty')}</p>
        ) : (
          <table class="meta-table custody-table" data-testid="custody-table">
            <thead>
              <tr>
                <th scope="col">{t('custodySeq')}</th>
                <th scope="col">{t('custodyTime')}</th>
                <th scope="col">{t('custodyAction')}</th>
                <th scope="col">{t('custodyHash')}</th>
              </tr>
            </thead>
            <tbody>
              {custody.map((entry) => (
                <tr key={entry.seq}>
                  <td>{entry.seq}</td>
                  <td>
                    {formatInstant(entry.at, { locale })}
                    <br />
                    <span class="hint">{formatUtc(entry.at)}</span>
                  </td>
                  <td>{t(CUSTODY_ACTION_LABELS[entry.action])}</td>
                  <td>
                    <Hash value={entry.hash} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}
