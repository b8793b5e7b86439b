/** One line of manifest-sha256.txt. */
export interface ManifestEntry {
  path: string;
  sha256: string;
}

export type ManifestPathProblem = 'empty' | 'absolute' | 'backslash' | 'control-character' | 'dot-segment' | 'empty-segment';

/** Thrown by buildManifest for a path `sha256sum -c` could not read back as written. */
export class ManifestPathError extends Error {
  constructor(
    readonly path: string,
    readonly problem: ManifestPathProblem | 'duplicate' | 'bad-hash',
  ) {
    super(`manifest: ${problem}: ${JSON.stringify(path)}`);
    this.name = 'ManifestPathError';
  }
}

const HASH = /^[0-9a-f]{64}$/;

/**
 * Why `path` cannot be in the manifest, or undefined when it can. Newlines would make
 * sha256sum escape the line (and the verifier read a different path); backslashes are the escape
 * character and a Windows separator; absolute and `..` paths would check files outside the archive.
 */
export function manifestPathProblem(path: string): ManifestPathProblem | undefined {
  if (path === '') return 'empty';
  if (path.startsWith('/')) return 'absolute';
  if (path.includes('\\')) return 'backslash';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it must refuse
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'control-character';
  const segments = path.split('/');
  if (segments.some((segment) => segment === '.' || segment === '..')) return 'dot-segment';
  if (segments.some((segment) => segment === '')) return 'empty-segment';
  return undefined;
}

/**
 * Compares by Unicode code point, which is the byte order of UTF-8 (and of `LC_ALL=C sort`);
 * JavaScript's `<` compares UTF-16 units and would put some characters above U+FFFF first.
 */
export function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const difference = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/**
 * manifest-sha256.txt exactly as `sha256sum -c` reads it: `<64 hex>  <path>\n` per file, sorted by
 * path in byte order. Throws ManifestPathError for a path that cannot be written faithfully, a
 * duplicate path or a malformed hash: those are bugs in the exporter, never the person's doing.
 */
export function buildManifest(files: readonly ManifestEntry[]): string {
  const sorted = [...files].sort((a, b) => compareCodePoints(a.path, b.path));
  return sorted
    .map(({ path, sha256 }, index) => {
      const problem = manifestPathProblem(path);
      if (problem) throw new ManifestPathError(path, problem);
      if (!HASH.test(sha256)) throw new ManifestPathError(path, 'bad-hash');
      if (index > 0 && sorted[index - 1]!.path === path) throw new ManifestPathError(path, 'duplicate');
      return `${sha256}  ${path}\n`;
    })
    .join('');
}

export type ManifestProblem = ManifestPathProblem | 'no-entries' | 'line-end' | 'format' | 'duplicate' | 'order';

export type ManifestParse =
  | { ok: true; entries: ManifestEntry[] }
  | { ok: false; line: number; problem: ManifestProblem };

/**
 * Reads manifest-sha256.txt strictly: only what buildManifest writes is accepted (lower-case hash,
 * two spaces, a safe path, `\n` after every line, sorted, no duplicates), so an archive whose
 * manifest was rewritten by hand or by another tool is reported, not half-read.
 */
export function parseManifest(text: string): ManifestParse {
  if (text === '') return { ok: false, line: 1, problem: 'no-entries' };
  const lines = text.split('\n');
  const endsWell = lines.at(-1) === '';
  if (endsWell) lines.pop();
  const entries: ManifestEntry[] = [];
  for (const [index, line] of lines.entries()) {
    const broken = (problem: ManifestProblem): ManifestParse => ({ ok: false, line: index + 1, problem });
    const match = /^([0-9a-f]{64}) {2}(.+)$/s.exec(line);
    if (!match) return broken('format');
    const [, sha256, path] = match as unknown as [string, string, string];
    const problem = manifestPathProblem(path);
    if (problem) return broken(problem);
    const previous = entries.at(-1);
    if (previous && previous.path === path) return broken('duplicate');
    if (previous && compareCodePoints(previous.path, path) > 0) return broken('order');
    entries.push({ path, sha256 });
  }
  if (!endsWell) return { ok: false, line: lines.length, problem: 'line-end' };
  return { ok: true, entries };
}
