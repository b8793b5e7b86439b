import type { Locale, LocaleMessages } from '../i18n.ts';
import core from './verify/verify-core.js?raw';
import ui from './verify/verify-ui.js?raw';
import { sha256 } from '@noble/hashes/sha2.js';

/** The locale keys verify.html uses all start with this. */
export const VERIFY_MESSAGE_PREFIX = 'archiveVerify';

/** The page's own strings, both languages: the person reading it chooses, not the exporter. */
export interface VerifyPageMessages {
  en: Record<string, string>;
  nl: Record<string, string>;
}

/** The `archiveVerify…` messages of both locales, Dutch falling back to English key by key. */
export function verifyPageMessages(locales: Readonly<Record<Locale, LocaleMessages>>): VerifyPageMessages {
  const pick = (messages: LocaleMessages): Record<string, string> =>
    Object.fromEntries(
      Object.entries(messages)
        .filter(([key]) => key.startsWith(VERIFY_MESSAGE_PREFIX))
        .map(([key, entry]) => [key, entry.message]),
    );
  const en = pick(locales.en);
  return { en, nl: { ...en, ...pick(locales.nl) } };
}

// The UI imports the core for type checking and tests; on the page both share one module scope.
const CORE_IMPORT = /^import \{[^}]*\} from '\.\/verify-core\.js';\n/m;

/**
 * The two modules as one inline module script: the core first, then the UI without its import
 * (an inline script opened from file:// cannot import anything), then the call that starts it.
 */
function pageScript(messages: VerifyPageMessages): string {
  const uiCode = ui.replace(CORE_IMPORT, '');
  // Programmer errors: an import left in would fail on the page with no network and no files to load.
  if (/^\s*import[\s{*]/m.test(core) || /^\s*import[\s{*]/m.test(uiCode)) {
    throw new Error('verify.html: verify-core.js and verify-ui.js must not import anything but each other');
  }
  return [
    core,
    uiCode,
    `startVerifyPage(document, ${JSON.stringify(messages)});`,
  ].join('\n');
}

/**
 * Keeps a script's text from ending the element or switching the HTML parser into its escaped
 * state; the replacements mean the same in JavaScript strings, comments and regular expressions.
 */
function escapeScript(code: string): string {
  return code
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '<\\!--')
    .replace(/<(script)/gi, '\\x3C$1');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
:root { color-scheme: light; --ok: #116329; --bad: #b3261e; --warn: #8a5300; --ink: #1b1b1f; --muted: #4a4a52; --line: #c8c8d0; --focus: #0b57d0; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.0625rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 68rem; margin: 0 auto; padding: 1.5rem; }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; }
h1 { font-size: 1.75rem; margin: 0.5rem 0; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
button, input { font: inherit; }
.languages { display: flex; gap: 0.25rem; }
.language { padding: 0.35rem 0.8rem; border: 1px solid var(--line); border-radius: 0.4rem; background: #fff; color: var(--ink); cursor: pointer; }
.language[aria-pressed="true"] { background: var(--ink); color: #fff; border-color: var(--ink); }
.drop-zone { margin: 1.25rem 0; padding: 1.25rem; border: 2px dashed var(--line); border-radius: 0.75rem; }
.drop-zone.dragging { border-color: var(--focus); background: #eef3fd; }
.drop-zone label { display: block; font-weight: 600; margin-bottom: 0.5rem; }
.hint { margin: 0.5rem 0 0; color: var(--muted); }
.status { min-height: 1.5em; color: var(--muted); }
.summary { border: 2px solid var(--line); border-left-width: 0.6rem; border-radius: 0.5rem; padding: 1rem 1.25rem; margin: 1rem 0 1.5rem; }
.summary:focus { outline: none; }
.summary:focus-visible { outline: 3px solid var(--focus); }
.summary h2 { font-size: 1.4rem; margin: 0 0 0.75rem; }
.summary-intact { border-color: var(--ok); }
.summary-problems, .summary-unreadable { border-color: var(--bad); }
.summary-incomplete { border-color: var(--warn); }
.findings { list-style: none; padding: 0; margin: 0; }
.findings li { margin: 0.35rem 0; padding-left: 1.6rem; text-indent: -1.6rem; overflow-wrap: anywhere; }
.mark { display: inline-block; width: 1.6rem; text-indent: 0; font-weight: 700; }
.finding-ok .mark, .file-ok .mark { color: var(--ok); }
.finding-problem .mark, .file-changed .mark, .file-missing .mark, .file-unlisted .mark { color: var(--bad); }
.advice { color: var(--muted); margin-bottom: 0; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; font-size: 1.15rem; padding: 0.5rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--line); }
thead th { border-bottom-width: 2px; }
th.path { font-weight: 400; overflow-wrap: anywhere; }
td.file-status { white-space: nowrap; }
tr.file-changed, tr.file-missing, tr.file-unlisted { background: #fdf0ef; font-weight: 600; }
td.hash { font: 0.8rem/1.4 ui-monospace, Menlo, Consolas, monospace; word-break: break-all; color: var(--muted); }
footer { margin-top: 2rem; color: var(--muted); font-size: 0.95rem; }
@media print { .drop-zone, .languages, .status { display: none; } }
`;

/**
 * verify.html: one self-contained page with inline CSS and one inline module script, no external
 * resource and a CSP that forbids fetching anything, so it opens offline from the unzipped archive.
 */
/**
 * The page's CSP: only the one script whose hash it names may run (not any inline script an edited
 * copy might add), nothing may be fetched, no form sent, no base URL changed.
 */
export function verifyPageCsp(script: string): string {
  const digest = sha256(new TextEncoder().encode(script));
  const hash = btoa(String.fromCharCode(...digest));
  return `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
}

export function buildVerifyPage(messages: VerifyPageMessages): string {
  const text = (key: string): string => escapeHtml(messages.en[key] ?? key);
  const bilingual = (key: string): string => `${text(key)}<br>${escapeHtml(messages.nl[key] ?? messages.en[key] ?? key)}`;
  const script = `\n${escapeScript(pageScript(messages))}\n`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${verifyPageCsp(script)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${text('archiveVerifyTitle')}</title>
<style>${STYLE}</style>
</head>
<body>
<main id="verify-app">
<h1>${text('archiveVerifyTitle')}</h1>
<noscript><p>${bilingual('archiveVerifyNoScript')}</p></noscript>
</main>
<script type="module">${script}</script>
</body>
</html>
`;
}
