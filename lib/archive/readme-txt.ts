import type { CaptureTime } from '../evidence/record.ts';
import type { Locale, MessageKey } from '../i18n.ts';
import { translatorFor } from '../i18n.ts';
import { csvSeparatorFor } from './csv.ts';
import type { ToolInfo } from './evidence-json.ts';
import { formatFingerprint, type SigningAlgorithm } from './signing.ts';

/** Every entry of the archive layout (FORMAT.md) with what README.txt says about it. */
export const ARCHIVE_LAYOUT: readonly (readonly [path: string, description: MessageKey])[] = [
  ['README.txt', 'archiveReadmeFileReadme'],
  ['report.html', 'archiveReadmeFileReport'],
  ['report.pdf', 'archiveReadmeFileReportPdf'],
  ['evidence.csv', 'archiveReadmeFileCsv'],
  ['evidence.json', 'archiveReadmeFileJson'],
  ['schema.json', 'archiveReadmeFileSchema'],
  ['custody-log.jsonl', 'archiveReadmeFileCustodyLog'],
  ['public-key.jwk', 'archiveReadmeFilePublicKey'],
  ['items/', 'archiveReadmeFileItems'],
  ['verify.html', 'archiveReadmeFileVerify'],
  ['manifest-sha256.txt', 'archiveReadmeFileManifest'],
  ['manifest.sig', 'archiveReadmeFileSignature'],
];

/*
 * The commands are code, not translated text: they must be copied exactly. Each is tested against
 * a real archive folder (readme-txt.test.ts) where the tool exists.
 */
export const CHECK_LINUX = 'sha256sum -c manifest-sha256.txt';
export const CHECK_MACOS = 'shasum -a 256 -c manifest-sha256.txt';
/** Get-FileHash gives upper-case hex; PowerShell's -eq ignores case. Paths are ASCII and use `/`, which Windows accepts. */
export const CHECK_POWERSHELL =
  "Get-Content -Encoding UTF8 manifest-sha256.txt | ForEach-Object { $hash, $path = $_ -split '  ', 2; if ((Get-FileHash -Algorithm SHA256 -LiteralPath $path).Hash -eq $hash) { \"OK      $path\" } else { \"FAILED  $path\" } }";
/**
 * An Ed25519 public key in SPKI DER is a fixed 12-byte prefix (base64 `MCowBQYDK2VwAyEA`, a whole
 * number of base64 blocks) followed by the 32 key bytes, so the PEM is that prefix plus the JWK's x
 * turned from base64url into base64 (43 characters plus one `=`).
 */
export const VERIFY_OPENSSL_ED25519 = [
  `x=$(grep -o '"x" *: *"[^"]*"' public-key.jwk | cut -d'"' -f4 | tr '_-' '/+')`,
  `printf '%s\\n' '-----BEGIN PUBLIC KEY-----' "MCowBQYDK2VwAyEA$x=" '-----END PUBLIC KEY-----' > pub.pem`,
  'openssl base64 -d -A -in manifest.sig -out manifest.sig.bin',
  'openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in manifest-sha256.txt -sigfile manifest.sig.bin',
].join('\n');
/** Node's own crypto, both algorithms; `ieee-p1363` because the ECDSA signature is raw r‖s, not DER. */
export const VERIFY_NODE =
  `node -e "const fs=require('fs'),c=require('crypto');const j=JSON.parse(fs.readFileSync('public-key.jwk','utf8'));` +
  `const k=c.createPublicKey({key:{kty:j.kty,crv:j.crv,x:j.x,y:j.y},format:'jwk'});` +
  `const ok=c.verify(j.kty==='OKP'?null:'sha256',fs.readFileSync('manifest-sha256.txt'),{key:k,dsaEncoding:'ieee-p1363'},Buffer.from(fs.readFileSync('manifest.sig','utf8').trim(),'base64'));` +
  // The RFC 7638 thumbprint is computed from the key itself, not read from the archive: compare it
  // with the fingerprint the person gave beforehand, or a forger's own key would pass.
  `const m=j.kty==='OKP'?{crv:j.crv,kty:j.kty,x:j.x}:{crv:j.crv,kty:j.kty,x:j.x,y:j.y};` +
  `console.log('Key fingerprint: '+c.createHash('sha256').update(JSON.stringify(m)).digest('hex'));` +
  `console.log(ok?'Signature OK':'Signature FAILED');process.exit(ok?0:1)"`;

export interface ReadmeInput {
  locale: Locale;
  fileName: string;
  exportedAt: CaptureTime;
  tool: ToolInfo;
  itemCount: number;
  /** The signing key's RFC 7638 thumbprint, hex. */
  fingerprint: string;
  algorithm: SigningAlgorithm;
  /** Why report.pdf could not be made, when it could not: the archive is complete without it. */
  reportPdfProblem?: string;
}

const WIDTH = 78;
const INDENT = '    ';

/**
 * README.txt: what the archive is, what each file is, how it was made and how to check it, with
 * verify.html and by hand. Lines end in LF, not CRLF: the commands in it are meant to be copied
 * into a terminal, and a CR copied along breaks them in bash (`manifest-sha256.txt\r: No such
 * file`); Notepad shows LF files properly since Windows 10 (1809), and the manifest is LF anyway.
 */
export function buildReadmeTxt(input: ReadmeInput): string {
  const t = translatorFor(input.locale);
  const { exportedAt, tool } = input;
  const algorithmName = input.algorithm === 'EdDSA' ? 'Ed25519' : 'ECDSA P-256';
  const fingerprint = formatFingerprint(input.fingerprint);
  const separator = t(csvSeparatorFor(input.locale) === ',' ? 'archiveReadmeCsvComma' : 'archiveReadmeCsvSemicolon');
  const blocks: string[] = [
    underline(t('archiveReadmeTitle'), '='),
    wrap(t('archiveReadmeIntro')),
    [
      t('archiveReadmeFactFile', input.fileName),
      t('archiveReadmeFactExported', exportedAt.utc, exportedAt.local, exportedAt.zone),
      t('archiveReadmeFactItems', String(input.itemCount)),
      t('archiveReadmeFactTool', tool.name, tool.version, tool.browser),
    ].map((fact) => wrap(fact, '', INDENT)).join('\n'),
    // The fingerprint on a line of its own, unbroken, so it can be read against the one given earlier.
    `${wrap(t('archiveReadmeFactFingerprint', algorithmName))}\n${INDENT}${fingerprint}`,
    underline(t('archiveReadmeFilesHeading'), '-'),
    ARCHIVE_LAYOUT.map(([path, key]) => `${path}\n${wrap(t(key), INDENT)}`).join('\n'),
    ...(input.reportPdfProblem ? [wrap(t('archiveReadmeReportPdfMissing', input.reportPdfProblem))] : []),
    underline(t('archiveReadmeMadeHeading'), '-'),
    wrap(t('archiveReadmeMadeSession')),
    wrap(t('archiveReadmeMadeOriginals')),
    wrap(t('archiveReadmeMadeHashes')),
    wrap(t('archiveReadmeMadeCustody')),
    underline(t('archiveReadmeCheckHeading'), '-'),
    wrap(t('archiveReadmeCheckUnpack')),
    wrap(t('archiveReadmeCheckVerifyHtml')),
    wrap(t('archiveReadmeCheckByHand')),
    `${t('archiveReadmeCheckLinux')}\n${INDENT}${CHECK_LINUX}`,
    `${t('archiveReadmeCheckMac')}\n${INDENT}${CHECK_MACOS}`,
    `${t('archiveReadmeCheckWindows')}\n${INDENT}${CHECK_POWERSHELL}`,
    wrap(t('archiveReadmeCheckExtra')),
    underline(t('archiveReadmeSignatureHeading'), '-'),
    `${wrap(t('archiveReadmeSignatureIntro'))}\n${INDENT}${fingerprint}`,
    input.algorithm === 'EdDSA'
      ? `${wrap(t('archiveReadmeSignatureOpenssl'))}\n\n${indent(VERIFY_OPENSSL_ED25519)}`
      : wrap(t('archiveReadmeSignatureEcdsa')),
    `${wrap(t('archiveReadmeSignatureNode'))}\n\n${indent(VERIFY_NODE)}`,
    underline(t('archiveReadmeCsvHeading'), '-'),
    wrap(t('archiveReadmeCsv', separator)),
  ];
  return `${blocks.join('\n\n')}\n`;
}

function underline(text: string, char: string): string {
  return `${text}\n${char.repeat([...text].length)}`;
}

function indent(lines: string): string {
  return lines.split('\n').map((line) => INDENT + line).join('\n');
}

/** Prose wrapped at WIDTH columns on spaces (later lines after `next`); a word longer than a line stays whole. */
function wrap(text: string, prefix = '', next = prefix): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    const lead = lines.length === 0 ? prefix : next;
    if (line && [...lead, ...line, ' ', ...word].length > WIDTH) {
      lines.push(lead + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push((lines.length === 0 ? prefix : next) + line);
  return lines.join('\n');
}
