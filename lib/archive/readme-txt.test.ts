import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { sha256HexSync } from '../evidence/hash.ts';
import { buildManifest } from './manifest.ts';
import {
  ARCHIVE_LAYOUT, buildReadmeTxt, CHECK_LINUX, CHECK_MACOS, CHECK_POWERSHELL, VERIFY_NODE, VERIFY_OPENSSL_ED25519, type ReadmeInput,
} from './readme-txt.ts';
import { generateSigningKey, publicJwk, signManifest, type SigningAlgorithm } from './signing.ts';

const FINGERPRINT = '90facafea9b1556698540f70c0117a22ea37bd5cf3ed3c47093c1707282b4b89';
const LAYOUT_FILES = ['README.txt', 'report.html', 'report.pdf', 'evidence.csv', 'evidence.json', 'schema.json', 'custody-log.jsonl', 'public-key.jwk', 'items/', 'verify.html', 'manifest-sha256.txt', 'manifest.sig'];

function readme(locale: 'en' | 'nl', algorithm: SigningAlgorithm): string {
  const input: ReadmeInput = {
    locale,
    fileName: 'safelog-evidence-2026-12-01-aangifte.zip',
    exportedAt: { utc: '2026-12-01T10:00:00.000Z', zone: 'Europe/Amsterdam', offset: '+01:00', local: '2026-12-01T11:00:00.000+01:00' },
    tool: { name: 'Safelog', version: '0.1.0', browser: 'Chromium 156' },
    itemCount: 12,
    fingerprint: FINGERPRINT,
    algorithm,
  };
  return buildReadmeTxt(input);
}

const CASES = [['en', 'EdDSA'], ['en', 'ES256'], ['nl', 'EdDSA'], ['nl', 'ES256']] as const;

describe('buildReadmeTxt', () => {
  test('the layout list is the one FORMAT.md gives', () => {
    expect(ARCHIVE_LAYOUT.map(([path]) => path)).toEqual(LAYOUT_FILES);
  });

  test.each(CASES)('%s, %s: names every file of the layout as its own line', (locale, algorithm) => {
    const lines = readme(locale, algorithm).split('\n');
    const missing = LAYOUT_FILES.filter((file) => !lines.includes(file));
    expect(missing).toEqual([]);
  });

  test.each(CASES)('%s, %s: the facts, the by-hand commands, LF only, no untranslated key', (locale, algorithm) => {
    const text = readme(locale, algorithm);
    for (const expected of ['safelog-evidence-2026-12-01-aangifte.zip', '2026-12-01T10:00:00.000Z', '2026-12-01T11:00:00.000+01:00', 'Europe/Amsterdam', '12', 'Chromium 156', '90fa cafe a9b1 5566', 'verify.html', CHECK_LINUX, CHECK_MACOS, CHECK_POWERSHELL, VERIFY_NODE.slice(0, 60)]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('\r');
    expect(text).not.toMatch(/archive(?:Readme|Csv)[A-Z]/);
    expect(text).not.toMatch(/\$\d/);
    expect(text.endsWith('\n')).toBe(true);
  });

  test.each(CASES)('%s, %s: OpenSSL steps only for Ed25519, the DER note for ECDSA', (locale, algorithm) => {
    const text = readme(locale, algorithm);
    expect(text.includes('openssl pkeyutl -verify')).toBe(algorithm === 'EdDSA');
    expect(text.includes('DER')).toBe(algorithm === 'ES256');
  });

  test.each([['en', 'a comma (,)'], ['nl', 'een puntkomma (;)']] as const)('%s: says which CSV separator is used', (locale, expected) => {
    expect(readme(locale, 'EdDSA').replaceAll('\n', ' ')).toContain(expected);
  });

  test('prose lines stay within 78 columns', () => {
    // Commands and the fingerprint are kept whole on purpose.
    const commands = [CHECK_POWERSHELL, ...VERIFY_OPENSSL_ED25519.split('\n'), VERIFY_NODE, '90fa cafe'];
    const long = readme('nl', 'EdDSA').split('\n').filter((line) => [...line].length > 78 && !commands.some((command) => line.includes(command)));
    expect(long).toEqual([]);
  });
});

const has = (command: string, args: string[]): boolean => spawnSync(command, args).status === 0;
const hasOpenssl3 = /^OpenSSL 3/.test(spawnSync('openssl', ['version'], { encoding: 'utf8' }).stdout ?? '');

// The README's own commands, run on a real archive folder: a README whose commands fail is worse
// than none. Each is skipped (with the reason in its name) where its tool is missing.
describe('the README commands work on a real archive folder', () => {
  const dirs: string[] = [];
  afterAll(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

  async function archiveFolder(algorithm: SigningAlgorithm): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'safelog-readme-'));
    dirs.push(dir);
    const pair = await generateSigningKey(algorithm);
    const files: Record<string, string> = {
      'README.txt': readme('en', algorithm),
      'public-key.jwk': `${JSON.stringify(await publicJwk(pair.publicKey), null, 2)}\n`,
      'evidence.json': '{}\n',
    };
    for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content);
    const manifest = buildManifest(Object.entries(files).map(([path, content]) => ({ path, sha256: sha256HexSync(content) })));
    writeFileSync(join(dir, 'manifest-sha256.txt'), manifest);
    writeFileSync(join(dir, 'manifest.sig'), `${await signManifest(pair.privateKey, new TextEncoder().encode(manifest))}\n`);
    return dir;
  }

  const run = (command: string, cwd: string) => spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8' });

  test.skipIf(!has('sha256sum', ['--version']))('sha256sum -c (skipped: no GNU coreutils)', async () => {
    const dir = await archiveFolder('EdDSA');
    expect(run(CHECK_LINUX, dir)).toMatchObject({ status: 0 });
  });

  test.skipIf(!hasOpenssl3)('OpenSSL 3 verifies an Ed25519 signature, and rejects a changed manifest (skipped: no OpenSSL 3)', async () => {
    const dir = await archiveFolder('EdDSA');
    const good = run(VERIFY_OPENSSL_ED25519, dir);
    expect(good.stdout).toContain('Signature Verified Successfully');
    expect(good.status).toBe(0);
    writeFileSync(join(dir, 'manifest-sha256.txt'), '0'.repeat(64));
    expect(run(VERIFY_OPENSSL_ED25519, dir).status).not.toBe(0);
  });

  test.each(['EdDSA', 'ES256'] as const)('the Node.js line verifies %s, and rejects a changed manifest', async (algorithm) => {
    const dir = await archiveFolder(algorithm);
    const good = run(VERIFY_NODE, dir);
    const jwk = JSON.parse(readFileSync(join(dir, 'public-key.jwk'), 'utf8'));
    expect(good).toMatchObject({ status: 0, stdout: `Key fingerprint: ${jwk.kid}\nSignature OK\n` });
    writeFileSync(join(dir, 'manifest-sha256.txt'), '0'.repeat(64));
    expect(run(VERIFY_NODE, dir)).toMatchObject({ status: 1, stdout: `Key fingerprint: ${jwk.kid}\nSignature FAILED\n` });
  });
});
