/** Twitter's snowflake epoch: 2010-11-04T01:42:54.657Z. */
export const TWITTER_EPOCH_MS = 1288834974657n;

// Ids below this were handed out in sequence before snowflakes (Nov 2010) and carry no time.
const FIRST_SNOWFLAKE = 10n ** 15n;
const MAX_ID = 2n ** 63n - 1n;

/**
 * The creation time encoded in an X (Twitter) post or account id: `(id >> 22) + epoch` milliseconds.
 * BigInt, because ids exceed 2^53 and a Number would round them. Undefined for anything not a snowflake.
 */
export function snowflakeToDate(id: string): Date | undefined {
  if (!/^\d{1,19}$/.test(id)) return undefined;
  const value = BigInt(id);
  if (value < FIRST_SNOWFLAKE || value > MAX_ID) return undefined;
  return new Date(Number((value >> 22n) + TWITTER_EPOCH_MS));
}
