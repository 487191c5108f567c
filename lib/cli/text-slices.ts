// Large plain-text and Markdown files read from disk a slice of whole paragraphs at a time, each
// segmented on its own, as parseFile already segments a big text in memory part by part
// (formats/text-chunks.ts). Read whole, a 110 MB scraped dump held its bytes, its UTF-16 text, the
// cut parts and all its stories at once: 1.3 GB before anything was indexed.
import { open } from 'node:fs/promises';
import { detectFormat, MAX_STORY_CHARS, parseFile } from '../corpus/parse-file';
import { problemText } from '../corpus/problem';
import type { ParseResult } from '../corpus/story';
import { isBlank, SLICE_BYTES } from './jsonl-chunks';

/** A run without a blank line this long (bytes) is longer than any story in any encoding: UTF-8
 *  spends at most 4 bytes a character, so it holds over MAX_STORY_CHARS characters. */
const RUN_LIMIT_BYTES = 4 * MAX_STORY_CHARS;

/** True when `file` is plain text or Markdown that can be segmented slice by slice: not UTF-16 (a
 *  byte scan for blank lines would misread it) and not binary (left to parseFile's one refusal). */
export function textSliceable(file: string, head: Uint8Array): boolean {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return false;
  if (head.subarray(0, 4096).includes(0)) return false;
  const format = detectFormat(file, head);
  return format === 'text' || format === 'markdown';
}

/** Index just past the last blank line (a newline, spaces or tabs, a newline) in `b`, or 0. */
export function lastBlankLine(b: Uint8Array): number {
  for (let j = b.length - 1; j > 0; j--) {
    if (b[j] !== 0x0a) continue;
    let k = j - 1;
    while (k >= 0 && (b[k] === 0x20 || b[k] === 0x09 || b[k] === 0x0d || b[k] === 0x0c)) k--;
    if (k >= 0 && b[k] === 0x0a) return j + 1;
  }
  return 0;
}

/** Characters in UTF-8 bytes (every byte but continuation bytes); a single-byte encoding's count is
 *  close enough for a problem's "at character" offset. */
function charCount(b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) if ((b[i] & 0xc0) !== 0x80) n++;
  return n;
}

/** What the reader gives: a slice of whole paragraphs, or a run left out (characters). */
export type TextSlice = { bytes: Uint8Array } | { skipped: { at: number; length: number } };

/**
 * The file's bytes in slices of about `sliceBytes`, each ending at a blank line (the last one at
 * the file's end). A paragraph longer than a slice extends its slice; one of `runLimit` bytes or
 * more with no blank line is left out whole and said as `skipped`, and reading goes on after it.
 */
export async function* textSlices(file: string, sliceBytes = SLICE_BYTES, runLimit = RUN_LIMIT_BYTES): AsyncGenerator<TextSlice> {
  const handle = await open(file, 'r');
  try {
    let carry = new Uint8Array(0);
    /** Characters before `carry` (for a skipped run's offset). */
    let chars = 0;
    /** A run being left out: where it began (characters) and its length so far. */
    let skipping: { at: number; length: number } | null = null;
    for (;;) {
      const buf = new Uint8Array(carry.length + sliceBytes);
      buf.set(carry);
      const { bytesRead } = await handle.read(buf, carry.length, sliceBytes, null);
      const filled = buf.subarray(0, carry.length + bytesRead);
      // A short read of a regular file is its end: the file's last paragraphs stay with their story.
      const eof = bytesRead < sliceBytes;
      if (skipping) {
        // Inside an over-long run: drop bytes up to its first blank line, then read on as before.
        const close = firstBlankLine(filled);
        const cut = close < 0 ? filled.length : close;
        skipping.length += charCount(filled.subarray(0, cut));
        carry = filled.slice(cut);
        if (close >= 0 || eof) {
          chars += skipping.length;
          yield { skipped: skipping };
          skipping = null;
        }
        if (eof && carry.length === 0) break;
        continue; // at the file's end the next read gives nothing and the rest is read below
      }
      const end = eof ? filled.length : lastBlankLine(filled);
      if (!eof && end === 0) {
        if (filled.length < runLimit) carry = filled.slice(); // a paragraph longer than a slice
        else {
          skipping = { at: chars, length: charCount(filled) };
          carry = new Uint8Array(0);
        }
        continue;
      }
      const slice = filled.subarray(0, end);
      carry = filled.slice(end);
      if (slice.length > 0) yield { bytes: slice };
      chars += charCount(slice);
      if (eof) break;
    }
  } finally {
    await handle.close();
  }
}

/** Segments a text or Markdown file slice by slice (textSlices); a run left out gets the problem
 *  parseFile gives it, and a file with no story at all says so once. */
export async function* parseTextSlices(file: string, sliceBytes = SLICE_BYTES, runLimit = RUN_LIMIT_BYTES): AsyncGenerator<ParseResult> {
  let stories = 0;
  let problemsSaid = 0;
  // A slice with no story (site chrome between two stories) is not a file with none.
  const empty = new Set([problemText('problem_no_stories').reason, problemText('problem_no_text').reason]);
  for await (const s of textSlices(file, sliceBytes, runLimit)) {
    if ('skipped' in s) {
      problemsSaid++;
      yield { stories: [], problems: [{ file, ...problemText('problem_text_no_break', s.skipped.length, s.skipped.at) }] };
      continue;
    }
    if (isBlank(s.bytes)) continue;
    const r = parseFile(file, s.bytes);
    stories += r.stories.length;
    const problems = r.problems.filter((p) => !empty.has(p.reason));
    problemsSaid += problems.length;
    if (r.stories.length || problems.length) yield { stories: r.stories, problems };
  }
  if (stories === 0 && problemsSaid === 0) yield { stories: [], problems: [{ file, ...problemText('problem_no_stories') }] };
}

/** Index just past the first blank line in `b`, or -1. */
function firstBlankLine(b: Uint8Array): number {
  for (let j = 0; j < b.length; j++) {
    if (b[j] !== 0x0a) continue;
    let k = j + 1;
    while (k < b.length && (b[k] === 0x20 || b[k] === 0x09 || b[k] === 0x0d || b[k] === 0x0c)) k++;
    if (k < b.length && b[k] === 0x0a) return k + 1;
  }
  return -1;
}
