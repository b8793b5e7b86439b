import { browser } from 'wxt/browser';
import type { EvidenceActions } from '../../components/actions.ts';
import {
  countCaptures,
  getArtifactBlob,
  getCapture,
  getThumbnail,
  listCustody,
  listAllCaptures,
  listCustodyFor,
  listRecentCaptures,
} from '../db/captures.ts';
import { summariseAccounts } from '../evidence/account.ts';
import { verifyCustodyChain } from '../evidence/custody.ts';
import { captureOutcomeSchema, type CaptureRequest } from '../messages.ts';
import { ERROR_MESSAGE_KEYS, toSafelogError } from '../errors.ts';
import { t } from '../i18n.ts';
import { exportArchive } from '../archive/export-archive.ts';
import { inspectArchive, type ImportPlan } from '../archive/import-archive.ts';
import { makeThumbnail } from '../capture/compose.ts';
import { getSigningKey } from '../db/keys.ts';
import { applyImport, findArtifactOwner } from '../db/import.ts';
import { getDb } from './db.ts';
import { createExportSource } from './export-source.ts';
import { saveFile } from './save-file.ts';
import { ensureSigningKey } from './signing-key.ts';

/**
 * The tab the popup acts on: the active tab of the popup's own window. The e2e build opens the
 * popup as a tab of its own and names the page's tab in `?tab=`; the release build ignores that.
 */
async function targetTabId(): Promise<number | undefined> {
  if (import.meta.env.MODE === 'e2e' || import.meta.env.MODE === 'bench') {
    const named = Number(new URLSearchParams(location.search).get('tab'));
    if (Number.isInteger(named) && named > 0) return named;
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** The real actions for Safelog's own pages: reads go straight to IndexedDB, captures to the background. */
export function createEvidenceActions(): EvidenceActions {
  async function requestCapture(what: CaptureRequest['what']): Promise<void> {
    const request: CaptureRequest = { type: 'capture', what, trigger: 'popup', tabId: await targetTabId() };
    const outcome = captureOutcomeSchema.safeParse(await browser.runtime.sendMessage(request));
    // No answer (the background was stopped midway) is no success either.
    if (!outcome.success) throw new Error(t('errorCaptureFailed'));
    if (outcome.data.status === 'failed') throw new Error(t(ERROR_MESSAGE_KEYS[outcome.data.code]));
  }

  async function openOptions(hash: string): Promise<void> {
    await browser.tabs.create({ url: browser.runtime.getURL(`/options.html${hash}`) });
  }

  // The checked archive's files stay in this page between the check and the write: one at a time.
  let pendingImport: { token: string; plan: ImportPlan; files: Map<string, Blob> } | undefined;

  return {
    listRecent: async (limit) => listRecentCaptures(await getDb(), limit),
    countCaptures: async () => countCaptures(await getDb()),
    getThumbnail: async (captureId) => (await getThumbnail(await getDb(), captureId))?.blob,
    getCapture: async (captureId) => getCapture(await getDb(), captureId),
    getArtifactBlob: async (artifactId) => getArtifactBlob(await getDb(), artifactId),
    listCustody: async (captureId) => listCustodyFor(await getDb(), captureId),
    verifyCustody: async () => {
      const verdict = verifyCustodyChain(await listCustody(await getDb()));
      return { ok: verdict.ok, brokenAt: verdict.ok ? null : verdict.brokenAt, length: verdict.length };
    },
    savePost: () => requestCapture('post'),
    pickPost: () => requestCapture('pick'),
    savePage: () => requestCapture('page'),
    openCapture: (captureId) => openOptions(`#capture=${encodeURIComponent(captureId)}`),
    openDashboard: () => openOptions(''),
    exportArchive: async (request, onProgress, signal) => {
      const result = await exportArchive(createExportSource(await getDb()), request, { signal, onProgress });
      saveFile(result.blob, result.fileName);
      return { fileName: result.fileName, itemCount: result.itemCount, mismatches: result.mismatches.length };
    },
    signingFingerprint: async () => (await ensureSigningKey(await getDb())).publicJwk.kid,
    listAccounts: async () => summariseAccounts((await listAllCaptures(await getDb())).map((record) => record.meta)),
    inspectImport: async (file, password) => {
      pendingImport = undefined;
      const db = await getDb();
      const result = await inspectArchive(file, {
        fileName: file.name,
        ...(password ? { password } : {}),
        // Read, never made here: checking an archive must not create a key as a side effect.
        ownKeyKid: (await getSigningKey(db))?.publicJwk.kid,
        existing: (captureId) => getCapture(db, captureId),
        artifactOwner: (artifactId) => findArtifactOwner(db, artifactId),
      });
      if (!result.ok) return { ok: false, failure: result.failure };
      pendingImport = { token: crypto.randomUUID(), plan: result.plan, files: result.files };
      return { ok: true, token: pendingImport.token, plan: result.plan };
    },
    applyImport: async (token) => {
      if (pendingImport?.token !== token) throw new Error(t('importExpired'));
      const { plan, files } = pendingImport;
      pendingImport = undefined;
      try {
        const result = await applyImport(await getDb(), plan, files, { makeThumbnail: (image) => makeThumbnail(image) });
        return { imported: result.imported.length };
      } catch (error) {
        console.error('Safelog: import failed', plan.archiveName, error);
        throw new Error(t(ERROR_MESSAGE_KEYS[toSafelogError(error, 'storage-failed').code]), { cause: error });
      }
    },
  };
}
