// Is a page a translation of a story in another language? The evidence is what translation keeps:
// numbers and names (anchors) in the same order, at the same relative places, paragraph by
// paragraph. Two stories of one event share names and numbers too, but not their order and
// places through the whole text: that is what tells a translation from a same-event story.
import { anchoredParagraphs, type AnchoredParagraph } from './anchors';
import type { Sensitivity } from '../index/types';

/** A page paragraph and the story paragraph it translates (character ranges in each text). */
export interface ParagraphPair {
  pageStart: number;
  pageEnd: number;
  storyStart: number;
  storyEnd: number;
}

export interface TranslationVerdict {
  kind: 'duplicate' | 'partial' | 'none';
  /** Share of the page's letters in translated paragraphs. */
  pageShare: number;
  /** Share of the story's letters in translated paragraphs. */
  storyShare: number;
  /** Weighted anchors shared in order (the evidence), and that over the fewer of the two texts. */
  evidence: number;
  ratio: number;
  pairs: ParagraphPair[];
}

/** Evidence needed, shared in order, and its share of the sparser text's anchors, per sensitivity.
 *  Set with `npm run eval:translation` to keep same-event pairs under the false-flag target. */
const MIN_EVIDENCE: Record<Sensitivity, number> = { strict: 8, normal: 6, loose: 4.5 };
const MIN_RATIO: Record<Sensitivity, number> = { strict: 0.7, normal: 0.6, loose: 0.5 };
/** A duplicate translates most of the shorter text. */
const DUPLICATE_SHARE = 0.6;
/** Paragraphs a partial translation holds at least, and the evidence inside them. */
const PARTIAL_PARAGRAPHS = 2;
const PARTIAL_EVIDENCE: Record<Sensitivity, number> = { strict: 6, normal: 5, loose: 4 };
/** How far (share of the text) a translated anchor may sit from where its original sits, relative
 *  to the translated stretch: translators reorder within sentences, not across the story. */
const MAX_DRIFT = 0.12;

interface Anchor {
  key: string;
  para: number;
  /** Relative position in the text (0..1), by paragraph shares. */
  at: number;
  weight: number;
}

/** Weight of an anchor: a long number is near proof, a repeated name near none. */
function weigh(key: string, seen: Map<string, number>): number {
  const n = (seen.get(key) ?? 0) + 1;
  seen.set(key, n);
  let w: number;
  if (key[0] === '#') w = key.length >= 4 ? 1.2 : key.length === 3 ? 0.9 : 0.4;
  else w = 0.7;
  return n === 1 ? w : w / (1 + n);
}

function flatten(paras: AnchoredParagraph[]): Anchor[] {
  const out: Anchor[] = [];
  const seen = new Map<string, number>();
  let before = 0;
  paras.forEach((p, i) => {
    p.anchors.forEach((key, j) => {
      out.push({ key, para: i, at: before + (p.share * (j + 0.5)) / p.anchors.length, weight: weigh(key, seen) });
    });
    before += p.share;
  });
  return out;
}

/** Weighted longest common subsequence of two anchor sequences: the pairs (i, j) it keeps. */
function orderedPairs(a: Anchor[], b: Anchor[]): [number, number][] {
  const inB = new Set(b.map((x) => x.key));
  const ai = a.map((_, i) => i).filter((i) => inB.has(a[i].key));
  const inA = new Set(ai.map((i) => a[i].key));
  const bi = b.map((_, j) => j).filter((j) => inA.has(b[j].key));
  const n = ai.length;
  const m = bi.length;
  if (n === 0 || m === 0) return [];
  const w = m + 1;
  const d = new Float64Array((n + 1) * w);
  for (let x = 1; x <= n; x++)
    for (let y = 1; y <= m; y++) {
      const A = a[ai[x - 1]];
      const B = b[bi[y - 1]];
      let best = Math.max(d[(x - 1) * w + y], d[x * w + y - 1]);
      if (A.key === B.key) best = Math.max(best, d[(x - 1) * w + y - 1] + Math.min(A.weight, B.weight));
      d[x * w + y] = best;
    }
  const pairs: [number, number][] = [];
  for (let x = n, y = m; x > 0 && y > 0; ) {
    const A = a[ai[x - 1]];
    const B = b[bi[y - 1]];
    if (A.key === B.key && d[x * w + y] === d[(x - 1) * w + y - 1] + Math.min(A.weight, B.weight)) {
      pairs.push([ai[x - 1], bi[y - 1]]);
      x--;
      y--;
    } else if (d[(x - 1) * w + y] >= d[x * w + y - 1]) x--;
    else y--;
  }
  return pairs.reverse();
}

/** Keeps the ordered pairs whose places agree with their neighbours' (a translated stretch keeps
 *  the proportions of its original, wherever it sits on the page). */
function consistent(pairs: [number, number][], a: Anchor[], b: Anchor[]): [number, number][] {
  if (pairs.length < 3) return pairs;
  return pairs.filter(([i, j], k) => {
    const lo = pairs[Math.max(0, k - 3)];
    const hi = pairs[Math.min(pairs.length - 1, k + 3)];
    const spanA = a[hi[0]].at - a[lo[0]].at;
    const spanB = b[hi[1]].at - b[lo[1]].at;
    if (spanA <= 0 || spanB <= 0) return true;
    // Where this anchor sits inside its neighbours' stretch, in each text.
    const fa = (a[i].at - a[lo[0]].at) / spanA;
    const fb = (b[j].at - b[lo[1]].at) / spanB;
    return Math.abs(fa - fb) * Math.max(spanA, spanB) <= MAX_DRIFT;
  });
}

/** Judges whether `page` translates `story` (texts in different languages; the caller checks that). */
export function judgeTranslation(pageText: string, storyText: string, sensitivity: Sensitivity = 'normal'): TranslationVerdict {
  const none: TranslationVerdict = { kind: 'none', pageShare: 0, storyShare: 0, evidence: 0, ratio: 0, pairs: [] };
  const pp = anchoredParagraphs(pageText);
  const sp = anchoredParagraphs(storyText);
  const a = flatten(pp);
  const b = flatten(sp);
  if (a.length === 0 || b.length === 0) return none;
  const pairs = consistent(orderedPairs(a, b), a, b);
  let evidence = 0;
  for (const [i, j] of pairs) evidence += Math.min(a[i].weight, b[j].weight);
  const total = (xs: Anchor[]) => xs.reduce((s, x) => s + x.weight, 0);
  const ratio = evidence / Math.max(1e-9, Math.min(total(a), total(b)));

  // Paragraph pairs: each story paragraph goes with the page paragraph holding most of its kept anchors.
  const votes = new Map<number, Map<number, number>>();
  for (const [i, j] of pairs) {
    const v = votes.get(b[j].para) ?? new Map<number, number>();
    v.set(a[i].para, (v.get(a[i].para) ?? 0) + Math.min(a[i].weight, b[j].weight));
    votes.set(b[j].para, v);
  }
  const linked: { page: number; story: number; evidence: number }[] = [];
  for (const [s, v] of [...votes.entries()].sort((x, y) => x[0] - y[0])) {
    let best = -1;
    let bestW = 0;
    for (const [p, wgt] of v)
      if (wgt > bestW) {
        best = p;
        bestW = wgt;
      }
    if (linked.length && best < linked[linked.length - 1].page) continue;
    linked.push({ page: best, story: s, evidence: bestW });
  }
  // Paragraphs without anchors between two linked ones go with them when their sizes agree.
  const storyIn = new Set(linked.map((l) => l.story));
  const pageIn = new Set(linked.map((l) => l.page));
  for (let k = 1; k < linked.length; k++) {
    const prev = linked[k - 1];
    const next = linked[k];
    const gapS = next.story - prev.story - 1;
    const gapP = next.page - prev.page - 1;
    if (gapS <= 0 || gapS !== gapP) continue;
    for (let g = 1; g <= gapS; g++) {
      const ps = pp[prev.page + g].share;
      const ss = sp[prev.story + g].share;
      if (Math.max(ps, ss) <= 2 * Math.min(ps, ss)) {
        storyIn.add(prev.story + g);
        pageIn.add(prev.page + g);
      }
    }
  }
  const shareOf = (paras: AnchoredParagraph[], set: Set<number>) => [...set].reduce((s, i) => s + paras[i].share, 0);
  const pageShare = shareOf(pp, pageIn);
  const storyShare = shareOf(sp, storyIn);
  const pairsOut = toRanges(linked, pp, sp);
  const verdict: TranslationVerdict = { kind: 'none', pageShare: round(pageShare), storyShare: round(storyShare), evidence: round(evidence), ratio: round(ratio), pairs: pairsOut };

  if (evidence >= MIN_EVIDENCE[sensitivity] && ratio >= MIN_RATIO[sensitivity] && Math.max(pageShare, storyShare) >= DUPLICATE_SHARE) {
    verdict.kind = 'duplicate';
    return verdict;
  }
  // A partial translation: a run of consecutive paragraph pairs dense in ordered anchors.
  let run = 0;
  let runEvidence = 0;
  for (let k = 0; k < linked.length; k++) {
    const adjacent = k > 0 && linked[k].story === linked[k - 1].story + 1 && linked[k].page <= linked[k - 1].page + 1;
    run = adjacent ? run + 1 : 1;
    runEvidence = adjacent ? runEvidence + linked[k].evidence : linked[k].evidence;
    if (run >= PARTIAL_PARAGRAPHS && runEvidence >= PARTIAL_EVIDENCE[sensitivity]) {
      verdict.kind = 'partial';
      return verdict;
    }
  }
  return verdict;
}

function toRanges(linked: { page: number; story: number }[], pp: AnchoredParagraph[], sp: AnchoredParagraph[]): ParagraphPair[] {
  return linked.map((l) => ({ pageStart: pp[l.page].start, pageEnd: pp[l.page].end, storyStart: sp[l.story].start, storyEnd: sp[l.story].end }));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
