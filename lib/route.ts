/** Where the options page is: the list, or one capture's detail. */
export interface Route {
  captureId?: string;
}

// Capture ids are UUIDs; anything else in the hash is ignored rather than passed on to storage.
const CAPTURE_ID = /^[A-Za-z0-9-]{1,64}$/;

/** Reads a `location.hash` such as `#capture=<id>`; anything unrecognised is the list. */
export function parseRoute(hash: string): Route {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const captureId = params.get('capture');
  return captureId !== null && CAPTURE_ID.test(captureId) ? { captureId } : {};
}

/** The hash (with `#`) that `parseRoute` reads back as `route`. */
export function formatRoute(route: Route): string {
  return route.captureId === undefined ? '#' : `#capture=${encodeURIComponent(route.captureId)}`;
}
