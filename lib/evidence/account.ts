import type { PostMeta } from './schema.ts';

/** One account as the evidence knows it: a key that stays put when the handle changes, where it can. */
export interface AccountSummary {
  key: string;
  platform: PostMeta['platform'];
  /** What a person recognises: "Name (@handle)" or what the page gave. */
  label: string;
  count: number;
}

/**
 * The account a post is from, as a stable key: the platform's account id where the page showed
 * one (handles change, ids don't), else the handle, else the display name.
 */
export function accountKey(meta: Pick<PostMeta, 'platform' | 'author'>): string {
  const { accountId, handle, displayName } = meta.author;
  if (accountId) return `${meta.platform}:id:${accountId}`;
  if (handle) return `${meta.platform}:handle:${handle.replace(/^@/, '').toLowerCase()}`;
  return `${meta.platform}:name:${displayName ?? ''}`;
}

/** Every account in the records, most posts first, with how it is shown. */
export function summariseAccounts(metas: readonly Pick<PostMeta, 'platform' | 'author'>[]): AccountSummary[] {
  const byKey = new Map<string, AccountSummary>();
  for (const meta of metas) {
    const key = accountKey(meta);
    const existing = byKey.get(key);
    if (existing) {
      existing.count += 1;
      continue;
    }
    const { displayName, handle } = meta.author;
    const name = handle ? `@${handle.replace(/^@/, '')}` : '';
    const label = displayName && name ? `${displayName} (${name})` : displayName || name || '?';
    byKey.set(key, { key, platform: meta.platform, label, count: 1 });
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}
