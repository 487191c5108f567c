// Relatedness: same-event stories told in other words, scored by tf-idf cosine over key terms and
// names, found through term postings (never by scanning the corpus); lib/match/related-rank.ts ranks them.
import type { TermPostings } from '../index/types';
import { QUERY_TERMS, RELATED_CANDIDATES } from './params';

/** Inverse document frequency: rare terms say more. */
export function idf(df: number, corpusSize: number): number {
  return Math.log(1 + corpusSize / Math.max(1, df));
}

/** A term present in more than this share of a corpus of at least MIN_CORPUS stories is too common to
 *  retrieve by (its postings are long and its weight small). */
const MAX_DF_SHARE = 0.1;
const MIN_CORPUS = 50;

/** The page's terms worth looking up: its strongest, at most QUERY_TERMS. */
export function queryTerms(pageTerms: [string, number][]): [string, number][] {
  return pageTerms.slice(0, QUERY_TERMS);
}

/** First pass: accumulate scores over the postings of the page's terms; returns the best keys. Terms
 *  are strings, or term ids on the team server (which never sees the page's words). */
export function rankByPostings<T = string>(
  pageTerms: [T, number][],
  postings: Map<T, TermPostings>,
  corpusSize: number,
  exclude: Set<number>,
  limit = RELATED_CANDIDATES,
): number[] {
  const scores = new Map<number, number>();
  for (const [term, wq] of pageTerms) {
    const p = postings.get(term);
    if (!p) continue;
    if (corpusSize >= MIN_CORPUS && p.df > corpusSize * MAX_DF_SHARE) continue;
    const w = idf(p.df, corpusSize);
    for (let i = 0; i < p.keys.length; i++) {
      const key = p.keys[i];
      if (exclude.has(key)) continue;
      scores.set(key, (scores.get(key) ?? 0) + wq * p.weights[i] * w * w);
    }
  }
  return [...scores.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([k]) => k);
}
