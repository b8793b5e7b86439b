// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, expect, test } from 'vitest';
import { UrlText, isWebUrl } from './url-text.tsx';

afterEach(cleanup);

test.each([
  ['https://x.com/a', true],
  ['http://example.org/', true],
  ['HTTPS://EXAMPLE.ORG/', true],
  ['javascript:alert(1)', false],
  [' javascript:alert(1)', false],
  ['JaVaScRiPt:alert(1)', false],
  ['data:text/html,<script>', false],
  ['file:///etc/passwd', false],
  ['/relative/path', false],
  ['', false],
])('%s is a web URL: %s', (url, expected) => {
  expect(isWebUrl(url)).toBe(expected);
  const { container } = render(<UrlText url={url} />);
  expect(container.querySelector('a') !== null).toBe(expected);
  expect(container.textContent).toBe(url);
});
