// Large JSON Lines files read a slice of whole lines at a time, each parsed on its own, so one file's
// bytes, its decoded text and all its parsed stories never sit in memory together. Read whole, a
// 200 MB corpus file held its bytes, its text decoded as UTF-16 (curly quotes make V8 strings two
// bytes a character) and its stories at once: about 5× its text before anything was indexed.
import { open } from 'node:fs/promises';
import { parseFile } from '../corpus/parse-file';
import type { ParseResult } from '../corpus/story';

/** Bytes read per slice; a line longer than this extends its slice to the line's end. */
export const SLICE_BYTES = 4 * 2 ** 20;
const JSONL_EXTENSIONS = /\.(?:jsonl|ndjson|jsonlines)$/i;

/**
 * True when `file` is JSON Lines whose records can be parsed slice by slice: a .jsonl-like name, no
 * UTF-16 (its newlines are two bytes), and a first line that is a JSON value of its own (a file of
 * pretty-printed objects is parsed whole, as parseFile falls back to for it).
 */
export function sliceable(file: string, head: Uint8Array): boolean {
  if (!JSONL_EXTENSIONS.test(file)) return false;
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return false;
  if (head.subarray(0, 4096).includes(0)) return false;
  const text = new TextDecoder().decode(head).replace(/^\uFEFF/, '');
  const line = text.split('\n').find((l) => l.trim());
  if (line === undefined || text.indexOf(line) + line.length === text.length) return false;
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/** Parses a JSON Lines file slice by slice; line and record numbers in problems count from the
 *  file's start. Each slice is decoded on its own (UTF-8, else Windows-1252, as parseFile does). */
export async function* parseJsonlSlices(file: string, sliceBytes = SLICE_BYTES): AsyncGenerator<ParseResult> {
  const handle = await open(file, 'r');
  try {
    let carry = new Uint8Array(0);
    let lines = 0;
    let records = 0;
    let stories = 0;
    for (;;) {
      const buf = new Uint8Array(carry.length + sliceBytes);
      buf.set(carry);
      const { bytesRead } = await handle.read(buf, carry.length, sliceBytes, null);
      const filled = buf.subarray(0, carry.length + bytesRead);
      const eof = bytesRead === 0;
      const end = eof ? filled.length : filled.lastIndexOf(0x0a) + 1;
      if (!eof && end === 0) {
        carry = filled; // one line longer than a slice: read on to its end
        continue;
      }
      const slice = filled.subarray(0, end);
      carry = filled.slice(end);
      if (slice.length > 0 && !isBlank(slice)) {
        const r = parseFile(file, slice);
        stories += r.stories.length;
        const problems = r.problems
          .filter((p) => p.reason !== 'no stories found')
          .map((p) => ({ ...p, line: p.line === undefined ? undefined : p.line + lines, record: p.record === undefined ? undefined : p.record + records }));
        yield { stories: r.stories, problems };
      }
      const counts = countLines(slice);
      lines += counts.lines;
      records += counts.records;
      if (eof) break;
    }
    if (stories === 0) yield { stories: [], problems: [{ file, reason: 'no stories found' }] };
  } finally {
    await handle.close();
  }
}

/** Newlines in the slice, and lines holding anything but ASCII white space (the parser's records). */
function countLines(b: Uint8Array): { lines: number; records: number } {
  let lines = 0;
  let records = 0;
  let content = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0x0a) {
      lines++;
      if (content) records++;
      content = false;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) content = true;
  }
  if (content) records++;
  return { lines, records };
}

/** Only ASCII white space in `b`. */
export function isBlank(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0x20 && b[i] !== 0x09 && b[i] !== 0x0d && b[i] !== 0x0a) return false;
  return true;
}
