import type { XSelectorName } from './selectors.ts';

/**
 * How many elements each X selector matches in each committed fixture (tests/fixtures/sites/x/<name>.html).
 * When X changes and a fixture is refreshed, a changed count here shows which hook moved.
 */
export const selectorExpectations: Record<string, Record<XSelectorName, number>> = {
  timeline: {
    appRoot: 1, primaryColumn: 1, post: 6, userName: 7, profileLink: 34, text: 7, showMore: 0, statusTime: 6,
    anyTime: 7, statusLink: 13, photo: 1, videoPoster: 1, quoteCard: 1, socialContext: 1, followButton: 0, userIdLink: 0,
  },
  post: {
    appRoot: 1, primaryColumn: 1, post: 3, userName: 3, profileLink: 16, text: 3, showMore: 0, statusTime: 3,
    anyTime: 3, statusLink: 7, photo: 1, videoPoster: 1, quoteCard: 0, socialContext: 0, followButton: 1, userIdLink: 0,
  },
  reply: {
    appRoot: 1, primaryColumn: 1, post: 3, userName: 3, profileLink: 15, text: 3, showMore: 0, statusTime: 3,
    anyTime: 3, statusLink: 6, photo: 0, videoPoster: 0, quoteCard: 0, socialContext: 0, followButton: 1, userIdLink: 0,
  },
  hostile: {
    appRoot: 1, primaryColumn: 1, post: 1, userName: 1, profileLink: 5, text: 1, showMore: 0, statusTime: 1,
    anyTime: 1, statusLink: 2, photo: 0, videoPoster: 0, quoteCard: 0, socialContext: 0, followButton: 0, userIdLink: 0,
  },
};

/** Selectors no fixture exercises yet, and why; every other selector must match in some fixture. */
export const selectorsWithoutFixture: Partial<Record<XSelectorName, string>> = {
  showMore: 'no saved post is long enough for X to shorten it on a timeline',
  userIdLink: 'a fallback for intent links; X shows none in the pages saved so far',
};
