/** Whether `url` is an absolute http(s) URL: the only kind we make clickable. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A URL read from a page. It is data: only http(s) becomes a link (never `javascript:` or
 * `data:`), opened without giving the site a referrer or a handle on this page.
 */
export function UrlText({ url }: { url: string }) {
  if (!isWebUrl(url)) return <span class="url-text">{url}</span>;
  return (
    <a class="url-text" href={url} target="_blank" rel="noopener noreferrer">
      {url}
    </a>
  );
}
