/** One hook on X's page. `why` explains hooks that are not a `data-testid`, role, href or datetime. */
export interface XSelector {
  readonly css: string;
  readonly why?: string;
}

/**
 * X's selectors as data, one table (after control-panel-for-twitter's). X ships hashed class names that
 * change with every build, so nothing here uses a class. Match counts per fixture are pinned in
 * `selector-expectations.ts`.
 */
export const xSelectors = {
  appRoot: { css: '#react-root', why: "the id X's web app mounts into; unchanged since the 2019 redesign" },
  primaryColumn: { css: '[data-testid="primaryColumn"]' },
  post: { css: 'article[data-testid="tweet"]' },
  userName: { css: '[data-testid="User-Name"]' },
  profileLink: { css: 'a[role="link"][href^="/"]' },
  text: { css: '[data-testid="tweetText"]' },
  showMore: { css: '[data-testid="tweet-text-show-more-link"]' },
  statusTime: { css: 'a[href*="/status/"] time[datetime]' },
  anyTime: { css: 'time[datetime]' },
  statusLink: { css: 'a[href*="/status/"]' },
  photo: { css: '[data-testid="tweetPhoto"] img' },
  videoPoster: { css: '[data-testid="videoPlayer"] video[poster]' },
  quoteCard: {
    css: 'div[role="link"][tabindex="0"]',
    why: 'a quoted post is a focusable div with role link and no href; told apart by the User-Name inside it',
  },
  socialContext: { css: '[data-testid="socialContext"]' },
  followButton: {
    css: 'button[data-testid$="-follow"], button[data-testid$="-unfollow"]',
    why: 'X names follow buttons after the numeric account id ("1455…-follow"): the one place its DOM shows that id',
  },
  userIdLink: { css: 'a[href*="user_id="]', why: 'intent links carry the account id as a query parameter' },
} as const satisfies Record<string, XSelector>;

export type XSelectorName = keyof typeof xSelectors;

/** Labels X puts before the handles a post answers; matched text belongs to the adapter, not our locales. */
export const replyingToLabels: readonly string[] = ['Replying to'];

/** X's status path: `/<handle>/status/<id>`, also `/i/web/status/<id>`; photo and analytics links add a suffix. */
export const statusPathPattern = /^\/(?:([A-Za-z0-9_]{1,15})|i\/web)\/status\/(\d{1,19})(?:\/|$)/;

/** A follow button's test id, which carries the account id. */
export const followTestIdPattern = /^(\d{1,20})-(?:un)?follow$/;

/** Hosts X's web app is served from; only a hint, the DOM decides. */
export const xHosts: readonly string[] = ['x.com', 'twitter.com', 'mobile.x.com', 'mobile.twitter.com'];
