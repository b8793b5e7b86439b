import { spawnSync } from 'node:child_process';

/** Whether poppler's pdftotext is installed (`apt-get install poppler-utils`): checks that read PDF text need it. */
export function hasPdftotext(): boolean {
  return spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).status === 0;
}

/** The text of a PDF in reading order, as pdftotext extracts it. */
export function pdfText(path: string): string {
  const result = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftotext failed on ${path}: ${result.stderr}`);
  return result.stdout;
}
