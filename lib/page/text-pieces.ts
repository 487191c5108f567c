// Cutting a text into plain and marked pieces (for rendering highlights as text, never HTML), and a
// word-level comparison of two aligned passages.

/** A piece of a text; `mark` is the index of the range it lies in, if any. */
export interface TextPiece {
  text: string;
  start: number;
  mark?: number;
}

/**
 * Splits `text` at the given ranges (half-open, may be unsorted, overlapping or out of bounds).
 * Where ranges overlap, the earlier-starting one wins.
 */
export function textPieces(text: string, ranges: [start: number, end: number][]): TextPiece[] {
  const marks = ranges
    .map(([a, b], i) => ({ a: Math.max(0, Math.min(a, text.length)), b: Math.max(0, Math.min(b, text.length)), i }))
    .filter((r) => r.b > r.a)
    .sort((x, y) => x.a - y.a || x.i - y.i);
  const out: TextPiece[] = [];
  let at = 0;
  for (const r of marks) {
    const a = Math.max(r.a, at);
    if (a >= r.b) continue;
    if (a > at) out.push({ text: text.slice(at, a), start: at });
    out.push({ text: text.slice(a, r.b), start: a, mark: r.i });
    at = r.b;
  }
  if (at < text.length) out.push({ text: text.slice(at), start: at });
  return out;
}

/** A word (with the spacing after it) of one side of a compared passage. */
export interface DiffWord {
  text: string;
  /** True when the word is not matched on the other side (changed, added or dropped). */
  changed: boolean;
}

const WORDS = /\S+\s*/gu;
const KEY = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Longest-common-subsequence comparison of two passages by words (case and punctuation ignored),
 * so the viewer can show what a rewrite changed. Long passages are compared in bounded time: past
 * `maxCells` the words are simply marked unchanged.
 */
export function diffWords(a: string, b: string, maxCells = 400_000): { a: DiffWord[]; b: DiffWord[] } {
  const wa = a.match(WORDS) ?? [];
  const wb = b.match(WORDS) ?? [];
  if (wa.length * wb.length > maxCells) {
    return { a: wa.map((text) => ({ text, changed: false })), b: wb.map((text) => ({ text, changed: false })) };
  }
  const ka = wa.map(KEY);
  const kb = wb.map(KEY);
  const n = wa.length;
  const m = wb.length;
  // lcs[i][j] = LCS length of wa[i..] and wb[j..], row-major in one typed array.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] =
        ka[i] === kb[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
    }
  }
  const outA: DiffWord[] = [];
  const outB: DiffWord[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (ka[i] === kb[j]) {
      outA.push({ text: wa[i++], changed: false });
      outB.push({ text: wb[j++], changed: false });
    } else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) outA.push({ text: wa[i++], changed: true });
    else outB.push({ text: wb[j++], changed: true });
  }
  while (i < n) outA.push({ text: wa[i++], changed: true });
  while (j < m) outB.push({ text: wb[j++], changed: true });
  return { a: outA, b: outB };
}

/** Ranges of the whole-word, case-insensitive occurrences of `terms` in `text`. */
export function termRanges(text: string, terms: string[]): [number, number][] {
  const words = terms.map((t) => t.trim()).filter((t) => t.length > 1).slice(0, 50);
  if (words.length === 0) return [];
  const escaped = words.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const out: [number, number][] = [];
  for (const m of text.matchAll(re)) out.push([m.index!, m.index! + m[0].length]);
  return out;
}
