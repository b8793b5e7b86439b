import { z } from 'zod';
import { canonicalJson } from '../evidence/canonical-json.ts';
import { custodyEntrySchema, GENESIS_HASH, hashCustodyDetails, hashCustodyEntry, type CustodyEntry } from '../evidence/custody.ts';
import { sha256HexSchema } from '../evidence/schema.ts';

/** A full entry, or one about an item outside the archive with its details replaced by their hash. */
const fullLineSchema = z.strictObject(custodyEntrySchema.shape);
const redactedLineSchema = z.strictObject({ ...custodyEntrySchema.omit({ details: true }).shape, detailsSha256: sha256HexSchema });
const logLineSchema = z.union([fullLineSchema, redactedLineSchema]);
export type CustodyLogEntry = z.infer<typeof logLineSchema>;

/**
 * custody-log.jsonl: one canonical-JSON entry per line, oldest first, each line ending in `\n`.
 * Entries whose subject is not in `includedSubjects` keep everything but their details, which
 * become `detailsSha256`, so the chain still verifies without telling anything about other items.
 * The last entry is kept whole when it is an `exported` entry: that is this export's own entry
 * (FORMAT.md), and its details (file name, item ids) are what the archive is.
 */
export function custodyLogLines(chain: readonly CustodyEntry[], includedSubjects: ReadonlySet<string>): string {
  return chain
    .map((entry, index) => {
      const isThisExport = index === chain.length - 1 && entry.action === 'exported';
      if (isThisExport || includedSubjects.has(entry.subject)) return `${canonicalJson(entry)}\n`;
      const { details, ...rest } = entry;
      return `${canonicalJson({ ...rest, detailsSha256: hashCustodyDetails(details) })}\n`;
    })
    .join('');
}

export type CustodyLogProblem =
  | 'empty' // no entry at all: an archive always holds at least its own export entry
  | 'line-end' // the last line lacks its `\n`
  | 'json' // not JSON
  | 'not-canonical' // JSON, but not written the canonical way (keys sorted, no spaces)
  | 'schema' // not an entry of either form
  | 'sequence' // seq is not the line number: a line was removed, inserted or moved
  | 'link' // prevHash is not the previous line's hash
  | 'hash'; // the entry's content does not give its hash: it was edited

export type CustodyLogVerdict =
  | { ok: true; entries: CustodyLogEntry[] }
  | { ok: false; line: number; problem: CustodyLogProblem; entries: CustodyLogEntry[] };

/**
 * Checks a custody-log.jsonl text: every line a full or redacted entry in canonical JSON, seq
 * 1, 2, 3, …, each prevHash the hash before, each hash recomputed (a redacted entry through its
 * detailsSha256). Names the first broken line (1-based); `entries` holds the good ones before it.
 */
export function verifyCustodyLog(text: string): CustodyLogVerdict {
  const entries: CustodyLogEntry[] = [];
  if (text === '') return { ok: false, line: 1, problem: 'empty', entries };
  const lines = text.split('\n');
  // A final `\n` leaves one empty string at the end; anything else there is a line without its end.
  const endsWell = lines.at(-1) === '';
  if (endsWell) lines.pop();
  const broken = (line: number, problem: CustodyLogProblem): CustodyLogVerdict => ({ ok: false, line, problem, entries });
  for (const [index, line] of lines.entries()) {
    const checked = checkLine(line, index, entries.at(-1));
    if (typeof checked === 'string') return broken(index + 1, checked);
    entries.push(checked);
  }
  if (!endsWell) return broken(lines.length, 'line-end');
  return { ok: true, entries };
}

function checkLine(line: string, index: number, previous: CustodyLogEntry | undefined): CustodyLogEntry | CustodyLogProblem {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return 'json'; // the parser's message adds nothing for the person reading the verdict
  }
  if (canonicalJson(json) !== line) return 'not-canonical';
  const parsed = logLineSchema.safeParse(json);
  if (!parsed.success) return 'schema';
  const entry = parsed.data;
  if (entry.seq !== index + 1) return 'sequence';
  if (entry.prevHash !== (previous ? previous.hash : GENESIS_HASH)) return 'link';
  const detailsSha256 = 'details' in entry ? hashCustodyDetails(entry.details) : entry.detailsSha256;
  if (hashCustodyEntry({ ...entry, detailsSha256 }) !== entry.hash) return 'hash';
  return entry;
}
