import { vi } from 'vitest';
import type { EvidenceActions } from './actions.ts';
import type { CustodyEntry } from '../lib/evidence/custody.ts';
import type { CaptureRecord } from '../lib/evidence/record.ts';

// Test helpers for the component tests: a fake EvidenceActions and records to feed it.

export const HASH_A = 'a'.repeat(64);
export const HASH_B = 'b'.repeat(64);

/** A plausible post capture; `overrides` replace top-level fields. */
export function createRecord(overrides: Partial<CaptureRecord> = {}): CaptureRecord {
  return {
    id: '2b1f6c1e-6f0a-4c55-9b3e-0d7d8f1a2b3c',
    schemaVersion: 1,
    kind: 'post',
    trigger: 'popup',
    capturedAt: { utc: '2025-11-27T13:03:12.000Z', zone: 'Europe/Amsterdam', offset: '+01:00', local: '2025-11-27T14:03:12.000+01:00' },
    page: { url: 'https://x.com/someone/status/123', title: 'someone on X' },
    meta: {
      platform: 'x',
      adapter: { id: 'x', version: '1.0.0' },
      permalink: 'https://x.com/someone/status/123',
      postId: '123',
      author: { displayName: 'Some One', handle: 'someone', profileUrl: 'https://x.com/someone', accountId: '987654' },
      postTime: { shown: '3h', iso: '2025-11-27T10:00:00.000Z', source: 'datetime-attribute', precision: 'second' },
      text: 'I know where you live',
      mediaUrls: ['https://pbs.example/media/1.jpg'],
      isReply: false,
      missing: [],
    },
    artifacts: [
      { id: 'art-shot', kind: 'raw-screenshot', mime: 'image/png', size: 20480, sha256: HASH_A, width: 1280, height: 800, imageSource: 'pixels' },
      { id: 'art-post', kind: 'post-image', mime: 'image/png', size: 4096, sha256: HASH_B, width: 600, height: 300, imageSource: 'pixels', derivedFrom: [HASH_A] },
    ],
    viewport: { width: 1280, height: 800, devicePixelRatio: 1 },
    snapshot: { method: 'mhtml', attempts: 1 },
    environment: { browser: 'Chrome 142', userAgent: 'Mozilla/5.0 test', extensionVersion: '0.1.0' },
    ...overrides,
  };
}

/** `record` with its meta changed: most tests vary only what the page said. */
export function withMeta(record: CaptureRecord, meta: Partial<CaptureRecord['meta']>): CaptureRecord {
  return { ...record, meta: { ...record.meta, ...meta } };
}

/** A custody entry; the hashes are placeholders, the chain verdict comes from the fake. */
export function createCustodyEntry(seq: number, subject: string): CustodyEntry {
  return {
    seq,
    at: `2025-11-27T13:0${seq}:00.000Z`,
    action: seq === 1 ? 'captured' : 'exported',
    subject,
    details: {},
    prevHash: seq === 1 ? '0'.repeat(64) : HASH_A,
    hash: (seq === 1 ? 'c' : 'd').repeat(64),
  };
}

/** Every action a vi.fn with a harmless default; pass overrides for what a test looks at. */
export function createFakeActions(overrides: Partial<EvidenceActions> = {}): EvidenceActions {
  return {
    listRecent: vi.fn(async () => []),
    countCaptures: vi.fn(async () => 0),
    getThumbnail: vi.fn(async () => undefined),
    getCapture: vi.fn(async () => undefined),
    getArtifactBlob: vi.fn(async () => undefined),
    listCustody: vi.fn(async () => []),
    verifyCustody: vi.fn(async () => ({ ok: true, brokenAt: null, length: 0 })),
    savePost: vi.fn(async () => undefined),
    pickPost: vi.fn(async () => undefined),
    savePage: vi.fn(async () => undefined),
    openCapture: vi.fn(async () => undefined),
    openDashboard: vi.fn(async () => undefined),
    exportArchive: vi.fn(async () => ({ fileName: 'safelog-evidence-2026-11-28.zip', itemCount: 0, mismatches: 0 })),
    signingFingerprint: vi.fn(async () => 'a'.repeat(64)),
    listAccounts: vi.fn(async () => []),
    inspectImport: vi.fn(async () => ({ ok: false as const, failure: { reason: 'not-a-safelog-archive' as const } })),
    applyImport: vi.fn(async () => ({ imported: 0 })),
    ...overrides,
  };
}

/**
 * jsdom has no object URLs; this installs counting stand-ins and returns them,
 * so a test can check that every URL created is revoked.
 */
export function stubObjectUrls(): { created: string[]; revoked: string[] } {
  const created: string[] = [];
  const revoked: string[] = [];
  URL.createObjectURL = vi.fn(() => {
    const url = `blob:test/${created.length + 1}`;
    created.push(url);
    return url;
  });
  URL.revokeObjectURL = vi.fn((url: string) => {
    revoked.push(url);
  });
  return { created, revoked };
}
