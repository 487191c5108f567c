// Grouping a query result's shared passages by the page paragraph they fall in: one badge each.
import type { Passage, QueryResult, ReuseMatch } from '../index/types';
import { MAX_GAP_WORDS } from '../match/params';

/** A paragraph span of the page text (what extraction reports, without the DOM). */
export interface ParagraphSpan {
  index: number;
  start: number;
  end: number;
}

/** One story's share of one paragraph. */
export interface ParagraphStory {
  match: ReuseMatch;
  /** The story's passages clipped to the paragraph, page-text offsets, in page order. */
  passages: Passage[];
  /** Characters of the paragraph these passages cover. */
  covered: number;
}

/** What one inline badge shows. */
export interface ParagraphMatches {
  paragraph: number;
  start: number;
  end: number;
  /** Strongest first: duplicates before partial reuse, then by how much of the paragraph is shared. */
  stories: ParagraphStory[];
  /** Union of all the stories' passages in the paragraph, merged, in page order. */
  ranges: [start: number, end: number][];
}

export interface GroupOptions {
  /** Fewest words a clipped passage needs to count in a paragraph, unless it covers all of it. */
  minWords?: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

function countWords(s: string): number {
  let n = 0;
  for (const _ of s.matchAll(WORD)) n++;
  return n;
}

/**
 * Assigns every shared passage of `result` (duplicates and partial reuse) to the paragraphs it
 * overlaps. A passage that only grazes a paragraph (fewer than `minWords` words of it, and not the
 * whole paragraph) does not badge that paragraph: the aligner may run a word or two past a break.
 * Nor does a paragraph of a gap's length that a passage spans from both sides (see below).
 */
export function groupByParagraph(
  text: string,
  paragraphs: ParagraphSpan[],
  result: Pick<QueryResult, 'duplicates' | 'partial'>,
  opts: GroupOptions = {},
): ParagraphMatches[] {
  const minWords = opts.minWords ?? 4;
  const byPara = new Map<number, Map<ReuseMatch, Passage[]>>();
  const matches = [...result.duplicates, ...result.partial];
  const sorted = [...paragraphs].sort((a, b) => a.start - b.start);
  for (const m of matches) {
    for (const p of m.passages) {
      // Untrusted ranges (they crossed a message boundary): clamp, and drop inverted or empty ones.
      const a = Math.max(0, p.pageStart);
      const b = Math.min(text.length, p.pageEnd);
      if (!(b > a)) continue;
      for (const para of overlapping(sorted, a, b)) {
        const s = Math.max(a, para.start);
        const e = Math.min(b, para.end);
        const piece = text.slice(s, e);
        const whole = countWords(text.slice(para.start, para.end));
        const words = countWords(piece);
        if (words === 0 || (words < minWords && words < whole)) continue;
        // The aligner bridges gaps of a few words, so a short paragraph lying strictly inside a
        // passage (an inserted subhead or caption) may not be shared at all: no badge on a guess.
        if (a < para.start && b > para.end && whole <= MAX_GAP_WORDS) continue;
        let stories = byPara.get(para.index);
        if (!stories) byPara.set(para.index, (stories = new Map()));
        const list = stories.get(m) ?? [];
        // Story offsets are only exact for an unclipped passage; clipped ones keep the story range.
        list.push({ pageStart: s, pageEnd: e, storyStart: p.storyStart, storyEnd: p.storyEnd });
        stories.set(m, list);
      }
    }
  }

  const out: ParagraphMatches[] = [];
  for (const para of sorted) {
    const stories = byPara.get(para.index);
    if (!stories) continue;
    const list: ParagraphStory[] = [];
    for (const [match, passages] of stories) {
      passages.sort((x, y) => x.pageStart - y.pageStart);
      list.push({ match, passages, covered: coverage(merge(passages.map((q) => [q.pageStart, q.pageEnd]))) });
    }
    list.sort(
      (x, y) => rank(x.match) - rank(y.match) || y.covered - x.covered || y.match.pageShare - x.match.pageShare,
    );
    const ranges = merge(list.flatMap((s) => s.passages.map((q) => [q.pageStart, q.pageEnd] as [number, number])));
    out.push({ paragraph: para.index, start: para.start, end: para.end, stories: list, ranges });
  }
  return out;
}

function rank(m: ReuseMatch): number {
  return m.kind === 'duplicate' ? 0 : 1;
}

function* overlapping(sorted: ParagraphSpan[], a: number, b: number): Generator<ParagraphSpan> {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].end <= a) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length && sorted[i].start < b; i++) yield sorted[i];
}

/** Merges overlapping or touching ranges. */
export function merge(ranges: [number, number][]): [number, number][] {
  const s = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of s) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function coverage(ranges: [number, number][]): number {
  return ranges.reduce((n, [a, b]) => n + (b - a), 0);
}
