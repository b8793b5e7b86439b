// @ts-check
/**
 * The page part of verify.html: choosing or dropping the unzipped folder, then the verdict in plain
 * English or Dutch. Every text is set with textContent: file names and messages come from the archive,
 * which may have been tampered with, so nothing here ever parses a string as HTML.
 *
 * verify-page.ts inlines this file after verify-core.js in one module script and removes the import
 * below (the core's functions are then in the same scope); the import is here for type checking and tests.
 */
import { formatFingerprint, rebaseArchiveFiles, verifyArchive } from './verify-core.js';

/** @typedef {'en' | 'nl'} VerifyLocale */
/** @typedef {Record<VerifyLocale, Record<string, string>>} VerifyMessages */
/** @import { ArchiveFiles, Verdict } from './verify-core.js' */

/** How many file names a summary line names before "and n more" (the table lists them all). */
const NAMED_IN_SUMMARY = 10;

/** Problems first, in the order an officer needs them. */
const STATUS_ORDER = { missing: 0, changed: 1, unlisted: 2, ok: 3 };

/**
 * The message's `$1`..`$9` filled in, `$$` a dollar sign (as chrome.i18n and lib/i18n.ts do).
 * @param {string} text
 * @param {readonly string[]} substitutions
 * @returns {string}
 */
export function fillMessage(text, substitutions) {
  return text.replace(/\$(\$|[1-9])/g, (_match, token) => (token === '$' ? '$' : (substitutions[Number(token) - 1] ?? '')));
}

/**
 * The page's language from the browser's: Dutch for any `nl`, English otherwise.
 * @param {string | undefined} language
 * @returns {VerifyLocale}
 */
export function localeFromLanguage(language) {
  return language?.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {Document} doc
 * @param {K} tag
 * @param {{ className?: string, text?: string, attributes?: Record<string, string> }} [options]
 * @param {(Node | null)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
function element(doc, tag, options = {}, children = []) {
  const node = doc.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attributes ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

/**
 * Reads a dropped folder (or dropped files) into paths relative to the archive's root.
 * The entries must be taken from the drop event synchronously; this walks them afterwards.
 * @param {FileSystemEntry[]} entries
 * @returns {Promise<ArchiveFiles>}
 */
export async function readDroppedEntries(entries) {
  /** @type {ArchiveFiles} */
  const files = new Map();
  // One dropped folder is the archive itself: its name is not part of the paths inside it.
  const root = entries.length === 1 && entries[0]?.isDirectory ? entries[0].fullPath : '';
  /** @param {FileSystemEntry} entry @returns {Promise<void>} */
  const walk = async (entry) => {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => /** @type {FileSystemFileEntry} */ (entry).file(resolve, reject));
      files.set(relativeTo(root, entry.fullPath), file);
    } else if (entry.isDirectory) {
      const reader = /** @type {FileSystemDirectoryEntry} */ (entry).createReader();
      // readEntries hands back a batch at a time (100 in Chrome) until an empty one.
      for (;;) {
        /** @type {FileSystemEntry[]} */
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return files;
}

/**
 * @param {string} root A dropped folder's fullPath, or '' for loose files.
 * @param {string} fullPath
 * @returns {string}
 */
function relativeTo(root, fullPath) {
  const path = root && fullPath.startsWith(`${root}/`) ? fullPath.slice(root.length + 1) : fullPath;
  return path.replace(/^\/+/, '');
}

/**
 * Files chosen with `<input webkitdirectory>` by path inside the chosen folder (the first segment of
 * webkitRelativePath is the folder's own name).
 * @param {Iterable<File>} chosen
 * @returns {ArchiveFiles}
 */
export function filesFromInput(chosen) {
  /** @type {ArchiveFiles} */
  const files = new Map();
  for (const file of chosen) {
    const relative = file.webkitRelativePath;
    files.set(relative ? relative.slice(relative.indexOf('/') + 1) : file.name, file);
  }
  return files;
}

/**
 * Builds the page inside `root` and checks whatever folder the person chooses or drops.
 * @param {Document} doc
 * @param {VerifyMessages} messages
 * @param {{ root?: HTMLElement, language?: string }} [options]
 */
export function startVerifyPage(doc, messages, options = {}) {
  const root = options.root ?? doc.getElementById('verify-app') ?? doc.body;
  /** @type {VerifyLocale} */
  let locale = localeFromLanguage(options.language ?? doc.defaultView?.navigator.language);
  /** @type {Verdict | null} */
  let verdict = null;
  /** @type {{ key: string, substitutions: string[] } | null} */
  let status = null;
  /** @type {{ node: HTMLElement, key: string }[]} */
  const fixedTexts = [];

  /** @param {string} key @param {...string} substitutions @returns {string} */
  const msg = (key, ...substitutions) => fillMessage(messages[locale][key] ?? messages.en[key] ?? key, substitutions);
  /**
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag @param {string} key @param {{ className?: string, attributes?: Record<string, string> }} [opts]
   */
  const fixed = (tag, key, opts = {}) => {
    const node = element(doc, tag, opts);
    fixedTexts.push({ node, key });
    return node;
  };

  const languageButtons = /** @type {const} */ (['en', 'nl']).map((code) => {
    const button = element(doc, 'button', {
      className: 'language',
      text: messages[code].archiveVerifyLanguageName ?? code,
      attributes: { type: 'button', lang: code, 'data-locale': code },
    });
    button.addEventListener('click', () => setLocale(code));
    return button;
  });
  const languageGroup = element(doc, 'div', { className: 'languages', attributes: { role: 'group' } }, languageButtons);

  const input = element(doc, 'input', {
    attributes: { type: 'file', id: 'verify-folder', 'data-testid': 'verify-folder', webkitdirectory: '', multiple: '' },
  });
  const dropZone = element(doc, 'div', { className: 'drop-zone' }, [
    fixed('label', 'archiveVerifyChooseFolder', { attributes: { for: 'verify-folder' } }),
    input,
    fixed('p', 'archiveVerifyDropHint', { className: 'hint' }),
  ]);
  const statusLine = element(doc, 'p', { className: 'status', attributes: { role: 'status', 'aria-live': 'polite' } });
  const results = element(doc, 'div', { className: 'results' });

  root.textContent = '';
  root.append(
    element(doc, 'header', {}, [fixed('h1', 'archiveVerifyTitle'), languageGroup]),
    fixed('p', 'archiveVerifyIntro'),
    fixed('p', 'archiveVerifyHowTo'),
    dropZone,
    statusLine,
    results,
    element(doc, 'footer', {}, [fixed('p', 'archiveVerifyByHand')]),
  );

  /** @param {VerifyLocale} next */
  function setLocale(next) {
    locale = next;
    render();
  }

  function render() {
    doc.documentElement.lang = locale;
    doc.title = msg('archiveVerifyTitle');
    for (const { node, key } of fixedTexts) node.textContent = msg(key);
    languageGroup.setAttribute('aria-label', msg('archiveVerifyLanguage'));
    for (const button of languageButtons) button.setAttribute('aria-pressed', String(button.dataset.locale === locale));
    statusLine.textContent = status ? msg(status.key, ...status.substitutions) : '';
    results.textContent = '';
    if (verdict) results.append(...renderVerdict(verdict));
  }

  /**
   * @param {Verdict} shown
   * @returns {HTMLElement[]}
   */
  function renderVerdict(shown) {
    const summary = element(doc, 'section', {
      className: `summary summary-${shown.overall}`,
      attributes: { 'data-testid': 'verify-summary', 'data-overall': shown.overall, tabindex: '-1', 'aria-labelledby': 'verify-headline' },
    });
    summary.append(element(doc, 'h2', { text: headline(shown), attributes: { id: 'verify-headline' } }));
    const findings = element(doc, 'ul', { className: 'findings' });
    for (const { ok, text } of findingsOf(shown)) {
      findings.append(
        element(doc, 'li', { className: ok ? 'finding-ok' : 'finding-problem' }, [
          element(doc, 'span', { className: 'mark', text: ok ? '✓' : '✗', attributes: { 'aria-hidden': 'true' } }),
          doc.createTextNode(text),
        ]),
      );
    }
    summary.append(findings);
    if (shown.fingerprint && shown.signature === 'valid') {
      summary.append(element(doc, 'p', { className: 'advice', text: msg('archiveVerifyFingerprintAdvice') }));
    }
    return [summary, ...(shown.files.length + shown.ignored.length > 0 ? [fileTable(shown)] : [])];
  }

  /** @param {Verdict} shown @returns {string} */
  function headline(shown) {
    const okFiles = shown.files.filter((file) => file.status === 'ok').length;
    if (shown.overall === 'intact') return msg('archiveVerifyIntact', String(okFiles), formatFingerprint(shown.fingerprint ?? ''));
    if (shown.overall === 'incomplete') return msg('archiveVerifyIncomplete', String(okFiles));
    if (shown.overall === 'problems') return msg('archiveVerifyProblems');
    if (shown.unreadableReason === 'no-crypto') return msg('archiveVerifyUnreadableNoCrypto');
    if (shown.unreadableReason === 'manifest' && shown.manifest && !shown.manifest.ok) {
      return msg('archiveVerifyUnreadableManifest', String(shown.manifest.line));
    }
    return msg('archiveVerifyUnreadableNoManifest');
  }

  /** @param {string[]} paths @returns {string} */
  function nameList(paths) {
    const named = paths.slice(0, NAMED_IN_SUMMARY).join(', ');
    return paths.length > NAMED_IN_SUMMARY ? `${named} ${msg('archiveVerifyAndMore', String(paths.length - NAMED_IN_SUMMARY))}` : named;
  }

  /**
   * Each check as one line, problems first.
   * @param {Verdict} shown
   * @returns {{ ok: boolean, text: string }[]}
   */
  function findingsOf(shown) {
    // Without WebCrypto nothing was checked: listing "missing" signatures would only mislead.
    if (shown.unreadableReason === 'no-crypto') return [];
    /** @type {{ ok: boolean, text: string }[]} */
    const lines = [];
    const pathsWith = (/** @type {string} */ wanted) => shown.files.filter((file) => file.status === wanted).map((file) => file.path);
    if (shown.overall !== 'unreadable' || shown.files.length > 0) {
      const missing = pathsWith('missing');
      const changed = pathsWith('changed');
      const unlisted = pathsWith('unlisted');
      if (changed.length) lines.push({ ok: false, text: msg('archiveVerifyFilesChanged', String(changed.length), nameList(changed)) });
      if (missing.length) lines.push({ ok: false, text: msg('archiveVerifyFilesMissing', String(missing.length), nameList(missing)) });
      if (unlisted.length) lines.push({ ok: false, text: msg('archiveVerifyFilesUnlisted', String(unlisted.length), nameList(unlisted)) });
      if (!changed.length && !missing.length && !unlisted.length) {
        lines.push({ ok: true, text: msg('archiveVerifyFilesOk', String(shown.files.length)) });
      }
    }
    lines.push(signatureFinding(shown));
    if (shown.key.status === 'kid-mismatch') {
      lines.push({ ok: false, text: msg('archiveVerifyKidMismatch', shown.key.kid ?? '', formatFingerprint(shown.key.fingerprint ?? '')) });
    }
    lines.push(chainFinding(shown));
    lines.push(...recordFindings(shown));
    if (shown.ignored.length) lines.push({ ok: true, text: msg('archiveVerifyIgnored', String(shown.ignored.length), nameList(shown.ignored)) });
    return lines.sort((a, b) => Number(a.ok) - Number(b.ok));
  }

  /** @param {Verdict} shown @returns {{ ok: boolean, text: string }} */
  function signatureFinding(shown) {
    const fingerprint = formatFingerprint(shown.fingerprint ?? '');
    if (shown.signature === 'valid') return { ok: true, text: msg('archiveVerifySignatureValid', fingerprint) };
    if (shown.signature === 'unsupported') return { ok: false, text: msg('archiveVerifySignatureUnsupported') };
    if (shown.signature === 'missing') return { ok: false, text: msg('archiveVerifySignatureMissing') };
    if (shown.key.status === 'unreadable') return { ok: false, text: msg('archiveVerifyKeyUnreadable') };
    return { ok: false, text: msg('archiveVerifySignatureInvalid') };
  }

  /** @param {Verdict} shown @returns {{ ok: boolean, text: string }} */
  function chainFinding({ chain }) {
    if (chain.ok) return { ok: true, text: msg('archiveVerifyChainOk', String(chain.length)) };
    if ('brokenAtLine' in chain) {
      const reasonKeys = {
        format: 'archiveVerifyChainReasonFormat',
        sequence: 'archiveVerifyChainReasonSequence',
        link: 'archiveVerifyChainReasonLink',
        hash: 'archiveVerifyChainReasonHash',
      };
      return { ok: false, text: msg('archiveVerifyChainBroken', String(chain.brokenAtLine), msg(reasonKeys[chain.reason])) };
    }
    const keys = {
      missing: 'archiveVerifyChainMissing',
      empty: 'archiveVerifyChainEmpty',
      encoding: 'archiveVerifyChainUnreadable',
      unterminated: 'archiveVerifyChainUnterminated',
    };
    return { ok: false, text: msg(keys[chain.reason]) };
  }

  /** @param {Verdict} shown @returns {{ ok: boolean, text: string }[]} */
  function recordFindings({ records }) {
    if (records.status === 'unchecked') return [];
    if (records.status === 'ok') return [{ ok: true, text: msg('archiveVerifyRecordsOk', String(records.artifacts)) }];
    if (records.status === 'missing') return [{ ok: false, text: msg('archiveVerifyRecordsMissing') }];
    if (records.status === 'unreadable') return [{ ok: false, text: msg('archiveVerifyRecordsUnreadable') }];
    const keys = {
      hash: 'archiveVerifyRecordsMismatch',
      'not-in-manifest': 'archiveVerifyRecordsNotInManifest',
      'unknown-artifact': 'archiveVerifyRecordsUnknownArtifact',
      'not-exported': 'archiveVerifyRecordsNotExported',
      'record-changed': 'archiveVerifyRecordsRecordChanged',
      'not-as-exported': 'archiveVerifyRecordsNotAsExported',
    };
    return records.problems.map((problem) => ({
      ok: false,
      text:
        problem.path === null
          ? msg(keys[problem.reason], problem.artifactId, String(problem.item))
          : msg(keys[problem.reason], problem.path, problem.artifactId, String(problem.item)),
    }));
  }

  /** @param {Verdict} shown @returns {HTMLElement} */
  function fileTable(shown) {
    const statusKeys = {
      ok: 'archiveVerifyStatusOk',
      changed: 'archiveVerifyStatusChanged',
      missing: 'archiveVerifyStatusMissing',
      unlisted: 'archiveVerifyStatusUnlisted',
    };
    const body = element(doc, 'tbody');
    const sorted = [...shown.files].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
    for (const file of sorted) {
      const hashes = element(doc, 'td', { className: 'hash' });
      if (file.status === 'changed') {
        hashes.append(element(doc, 'div', { text: msg('archiveVerifyExpected', file.expected ?? '') }));
        hashes.append(element(doc, 'div', { text: msg('archiveVerifyFound', file.actual ?? '') }));
      } else {
        hashes.textContent = file.expected ?? file.actual ?? '';
      }
      body.append(row(file.path, file.status, msg(statusKeys[file.status]), hashes));
    }
    for (const path of shown.ignored) body.append(row(path, 'ignored', msg('archiveVerifyStatusIgnored'), element(doc, 'td')));
    return element(doc, 'table', { className: 'files' }, [
      element(doc, 'caption', { text: msg('archiveVerifyTableCaption') }),
      element(doc, 'thead', {}, [
        element(doc, 'tr', {}, [
          element(doc, 'th', { text: msg('archiveVerifyColumnStatus'), attributes: { scope: 'col' } }),
          element(doc, 'th', { text: msg('archiveVerifyColumnFile'), attributes: { scope: 'col' } }),
          element(doc, 'th', { text: msg('archiveVerifyColumnHash'), attributes: { scope: 'col' } }),
        ]),
      ]),
      body,
    ]);
  }

  /**
   * @param {string} path @param {string} fileStatus @param {string} label @param {HTMLElement} hashCell
   * @returns {HTMLElement}
   */
  function row(path, fileStatus, label, hashCell) {
    return element(doc, 'tr', { className: `file-${fileStatus}`, attributes: { 'data-testid': 'verify-file', 'data-path': path, 'data-status': fileStatus } }, [
      element(doc, 'td', { className: 'file-status' }, [
        element(doc, 'span', { className: 'mark', text: fileStatus === 'ok' ? '✓' : fileStatus === 'ignored' ? '–' : '✗', attributes: { 'aria-hidden': 'true' } }),
        doc.createTextNode(label),
      ]),
      element(doc, 'th', { className: 'path', text: path, attributes: { scope: 'row' } }),
      hashCell,
    ]);
  }

  /**
   * Checks one chosen or dropped folder and shows the verdict, moving focus to it.
   * @param {() => Promise<ArchiveFiles>} read
   */
  async function check(read) {
    verdict = null;
    status = { key: 'archiveVerifyReading', substitutions: [] };
    render();
    try {
      const files = rebaseArchiveFiles(await read());
      status = { key: 'archiveVerifyChecking', substitutions: ['0', String(files.size)] };
      render();
      verdict = await verifyArchive(files, {
        onProgress: (done, total) => {
          status = { key: 'archiveVerifyChecking', substitutions: [String(done), String(total)] };
          statusLine.textContent = msg(status.key, ...status.substitutions);
        },
      });
      status = null;
    } catch (error) {
      // A folder the browser cannot read (permissions, a file removed meanwhile): say so, in words.
      status = { key: 'archiveVerifyReadFailed', substitutions: [error instanceof Error ? error.message : String(error)] };
    }
    render();
    results.querySelector('section')?.focus();
  }

  input.addEventListener('change', () => {
    const chosen = [...(input.files ?? [])];
    if (chosen.length > 0) void check(async () => filesFromInput(chosen));
  });

  // The whole page takes a drop, so it need not land exactly on the box.
  doc.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropZone.classList.add('dragging');
  });
  doc.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) dropZone.classList.remove('dragging');
  });
  doc.addEventListener('drop', (event) => {
    event.preventDefault();
    dropZone.classList.remove('dragging');
    const transfer = event.dataTransfer;
    if (!transfer) return;
    // Entries must be taken now: the DataTransfer is emptied once this handler returns.
    const entries = [...transfer.items]
      .map((item) => (typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null))
      .filter((entry) => entry !== null);
    const loose = [...transfer.files];
    if (entries.length > 0) void check(() => readDroppedEntries(entries));
    else if (loose.length > 0) void check(async () => filesFromInput(loose));
  });

  render();
}
