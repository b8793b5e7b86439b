import type { CaptureRecord } from './record.ts';

/** A valid capture record for tests; override what a test is about. */
export function createTestRecord(overrides: Partial<CaptureRecord> = {}): CaptureRecord {
  const id = overrides.id ?? crypto.randomUUID();
  return {
    id,
    schemaVersion: 1,
    kind: 'post',
    trigger: 'shortcut',
    capturedAt: { utc: '2026-11-28T09:30:00.000Z', zone: 'Europe/Amsterdam', offset: '+01:00', local: '2026-11-28T10:30:00.000+01:00' },
    page: { url: 'https://x.com/home', title: 'Home / X' },
    meta: {
      platform: 'x',
      adapter: { id: 'x', version: '1' },
      permalink: 'https://x.com/someone/status/1862000000000000001',
      postId: '1862000000000000001',
      author: { displayName: 'Someone', handle: '@someone', profileUrl: 'https://x.com/someone' },
      postTime: { shown: 'Nov 27', iso: '2026-11-27T18:02:11.000Z', source: 'datetime-attribute', precision: 'second' },
      text: 'I know where you live 👀',
      mediaUrls: [],
      isReply: false,
      missing: [{ field: 'author.accountId', reason: 'not on the page' }],
    },
    artifacts: [
      { id: `${id}-raw-0`, kind: 'raw-screenshot', mime: 'image/png', size: 3, sha256: 'a'.repeat(64), width: 1280, height: 720, imageSource: 'pixels' },
    ],
    viewport: { width: 1280, height: 720, devicePixelRatio: 1 },
    snapshot: { method: 'mhtml', attempts: 1 },
    environment: { browser: 'Chromium 156', userAgent: 'test', extensionVersion: '0.1.0' },
    ...overrides,
  };
}
