// Final ranking of related candidates (already found by term postings, lib/match/related.ts): the
// tf-idf cosine over the whole key-term vectors of page and story, weighed by how many terms they
// share and by how close in time they were published, and the rule that lists a candidate.
import type { TermPostings } from '../index/types';
import { idf } from './related';

/** A candidate as the ranking needs it: its key terms with weights and its ISO publication time. */
export interface RankCandidate {
  terms: [string, number][];
  published?: string;
}

/** A candidate's score (0..1) and the shared terms that explain it, strongest first. */
export interface RelatedScore {
  score: number;
  terms: string[];
}

export interface RankOptions {
  corpusSize: number;
  /** The page's ISO publication time, when known (PageInput.published). */
  published?: string;
  /** Smallest score listed (per sensitivity, story-index.ts). */
  minScore: number;
  /** Shared key terms needed at least. */
  minShared: number;
}

/** One shared term scores a story down to nothing, each further one brings it up, and from
 *  1 + SHARED_FULL shared terms on the cosine counts in full: same-event stories share several names
 *  and key terms (median 6–8 of those listed by `npm run eval:ndcg`), a coincidence one or two, but
 *  one rare name shared alone makes a high cosine. */
const SHARED_FULL = 3;
/** Date proximity: stories of one event are published within days of each other. The score of a
 *  story published Δ days from the page is multiplied by FAR + (1 − FAR)·exp(−Δ / DAYS); undated
 *  stories (or an undated page) are not weighed. FAR keeps a strong match found months later. */
const DAYS = 3;
const FAR = 0.5;
/** A story published within NEAR_DAYS of the page is listed from NEAR_SHARE of the minimum score:
 *  closeness in time is evidence of the same event in itself. */
const NEAR_DAYS = 3;
const NEAR_SHARE = 0.6;

function days(a: string | undefined, b: string | undefined): number {
  if (!a || !b) return NaN;
  return Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
}

/**
 * Cosine of the page's and a story's tf-idf vectors over all their stored key terms. Terms with a
 * looked-up document frequency get its idf; others (story terms the page lacks, page terms beyond
 * those looked up) the mean idf of the looked-up ones, a fair stand-in that keeps the score in 0..1.
 */
export function termCosine(
  pageTerms: [string, number][],
  idfOf: Map<string, number>,
  meanIdf: number,
  storyTerms: [string, number][],
): RelatedScore & { shared: number } {
  const page = new Map(pageTerms);
  let dot = 0;
  let pageNorm = 0;
  let storyNorm = 0;
  const shared: [string, number][] = [];
  for (const [t, w] of pageTerms) pageNorm += (w * (idfOf.get(t) ?? meanIdf)) ** 2;
  for (const [t, wd] of storyTerms) {
    const v = idfOf.get(t) ?? meanIdf;
    storyNorm += (wd * v) ** 2;
    const wq = page.get(t);
    if (wq !== undefined) {
      const c = wq * wd * v * v;
      dot += c;
      shared.push([t, c]);
    }
  }
  if (dot === 0) return { score: 0, terms: [], shared: 0 };
  shared.sort((a, b) => b[1] - a[1]);
  // A name's words also appear as single terms; show the name, not its parts again.
  const names = shared.filter(([t]) => t.includes(' ')).map(([t]) => t);
  const terms = shared.map(([t]) => t).filter((t) => t.includes(' ') || !names.some((n) => n.split(' ').includes(t)));
  return { score: dot / Math.sqrt(pageNorm * storyNorm), terms: terms.slice(0, 8), shared: shared.length };
}

/**
 * The candidates worth listing, best first, each with its score (0..1) and the shared terms that
 * explain it. `pageTerms`: all the page's key terms; `queried`: those whose postings were looked up
 * (their document frequencies are in `postings`).
 */
export function rankRelated<S extends RankCandidate>(
  pageTerms: [string, number][],
  queried: [string, number][],
  postings: Map<string, TermPostings>,
  stories: S[],
  opts: RankOptions,
): { story: S; score: number; terms: string[] }[] {
  const idfOf = new Map<string, number>();
  let idfSum = 0;
  for (const [t] of queried) {
    const p = postings.get(t);
    const v = idf(p ? p.df : 1, opts.corpusSize);
    idfOf.set(t, v);
    idfSum += v;
  }
  const meanIdf = queried.length ? idfSum / queried.length : 1;
  const out: { story: S; score: number; terms: string[] }[] = [];
  for (const story of stories) {
    const c = termCosine(pageTerms, idfOf, meanIdf, story.terms);
    if (c.shared < opts.minShared) continue;
    const evidence = c.score * Math.min(1, (c.shared - 1) / SHARED_FULL);
    const d = days(opts.published, story.published);
    const near = d <= NEAR_DAYS;
    if (evidence < (near ? opts.minScore * NEAR_SHARE : opts.minScore)) continue;
    const score = Number.isFinite(d) ? evidence * (FAR + (1 - FAR) * Math.exp(-d / DAYS)) : evidence;
    out.push({ story, score, terms: c.terms });
  }
  return out.sort((x, y) => y.score - x.score);
}
