import type { ArtifactKind, CaptureRecord, Trigger } from '../lib/evidence/record.ts';
import type { CustodyAction } from '../lib/evidence/custody.ts';
import type { Platform, PostTime, TimeSource } from '../lib/evidence/schema.ts';
import type { MessageKey } from '../lib/i18n.ts';

// Records hold stable enum values; these tables turn them into words. `Record<…>` makes
// the compiler flag a value added to a schema without a label here.

export const PLATFORM_LABELS: Readonly<Record<Platform, MessageKey>> = {
  x: 'platformX',
  bluesky: 'platformBluesky',
  mastodon: 'platformMastodon',
  reddit: 'platformReddit',
  facebook: 'platformFacebook',
  instagram: 'platformInstagram',
  threads: 'platformThreads',
  tiktok: 'platformTiktok',
  youtube: 'platformYoutube',
  linkedin: 'platformLinkedin',
  discord: 'platformDiscord',
  whatsapp: 'platformWhatsapp',
  telegram: 'platformTelegram',
  web: 'platformWeb',
};

export const TRIGGER_LABELS: Readonly<Record<Trigger, MessageKey>> = {
  'context-menu': 'triggerContextMenu',
  shortcut: 'triggerShortcut',
  toolbar: 'triggerToolbar',
  popup: 'triggerPopup',
  picker: 'triggerPicker',
};

export const TIME_SOURCE_LABELS: Readonly<Record<TimeSource, MessageKey>> = {
  'datetime-attribute': 'timeSourceDatetimeAttribute',
  'json-ld': 'timeSourceJsonLd',
  'meta-tag': 'timeSourceMetaTag',
  microdata: 'timeSourceMicrodata',
  readability: 'timeSourceReadability',
  label: 'timeSourceLabel',
  id: 'timeSourceId',
  none: 'timeSourceNone',
};

export const PRECISION_LABELS: Readonly<Record<NonNullable<PostTime['precision']>, MessageKey>> = {
  millisecond: 'precisionMillisecond',
  second: 'precisionSecond',
  minute: 'precisionMinute',
  hour: 'precisionHour',
  day: 'precisionDay',
  month: 'precisionMonth',
};

export const ARTIFACT_KIND_LABELS: Readonly<Record<ArtifactKind, MessageKey>> = {
  'raw-screenshot': 'artifactRawScreenshot',
  'post-image': 'artifactPostImage',
  'page-snapshot': 'artifactPageSnapshot',
  thumbnail: 'artifactThumbnail',
};

export const CUSTODY_ACTION_LABELS: Readonly<Record<CustodyAction, MessageKey>> = {
  captured: 'custodyActionCaptured',
  edited: 'custodyActionEdited',
  deleted: 'custodyActionDeleted',
  restored: 'custodyActionRestored',
  exported: 'custodyActionExported',
  'export-failed': 'custodyActionExportFailed',
  imported: 'custodyActionImported',
};

export const SNAPSHOT_METHOD_LABELS: Readonly<Record<CaptureRecord['snapshot']['method'], MessageKey>> = {
  mhtml: 'snapshotMhtml',
  html: 'snapshotHtml',
  none: 'snapshotNone',
};

export const CAPTURE_KIND_LABELS: Readonly<Record<CaptureRecord['kind'], MessageKey>> = {
  post: 'captureKindPost',
  page: 'captureKindPage',
};
