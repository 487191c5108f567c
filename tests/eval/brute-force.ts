// The baselines related coverage must not fall behind: every story scored against the query in
// full, by TF-IDF cosine of whole-text word vectors and by BM25 with the whole story as the query.
// Exact over all stories (no candidate cut), so slow; for evaluation only.
import { tokenize } from '../../lib/text/normalize';
import { STOPWORDS } from '../../lib/text/stopwords';

type Vector = Map<string, number>;

function termCounts(text: string): Vector {
  const out: Vector = new Map();
  for (const w of tokenize(text).words) if (!STOPWORDS.has(w) && !/^\d+$/u.test(w)) out.set(w, (out.get(w) ?? 0) + 1);
  return out;
}

export class BruteForce {
  private counts: Vector[] = [];
  private lengths: number[] = [];
  private ids: string[] = [];
  private df = new Map<string, number>();
  private postings = new Map<string, number[]>();
  private norms: number[] = [];

  add(id: string, title: string, text: string): void {
    const c = termCounts(`${title}\n\n${text}`);
    const n = this.ids.length;
    this.ids.push(id);
    this.counts.push(c);
    let len = 0;
    for (const [t, k] of c) {
      len += k;
      this.df.set(t, (this.df.get(t) ?? 0) + 1);
      const p = this.postings.get(t);
      if (p) p.push(n);
      else this.postings.set(t, [n]);
    }
    this.lengths.push(len);
  }

  private idf(t: string): number {
    return Math.log(this.ids.length / (this.df.get(t) ?? 1));
  }

  private tfidf(c: Vector): Vector {
    const v: Vector = new Map();
    for (const [t, k] of c) v.set(t, (1 + Math.log(k)) * this.idf(t));
    return v;
  }

  /** Call once all stories are added. */
  finish(): void {
    this.norms = this.counts.map((c) => Math.sqrt([...this.tfidf(c).values()].reduce((a, x) => a + x * x, 0)) || 1);
  }

  /** Ids by TF-IDF cosine with the query text, best first, without `skip`. */
  tfidfRank(title: string, text: string, skip: Set<string>, top: number): string[] {
    const q = this.tfidf(termCounts(`${title}\n\n${text}`));
    const scores = new Map<number, number>();
    for (const [t, wq] of q) {
      const idf = this.idf(t);
      for (const n of this.postings.get(t) ?? []) scores.set(n, (scores.get(n) ?? 0) + wq * (1 + Math.log(this.counts[n].get(t)!)) * idf);
    }
    return this.best(scores, (n, s) => s / this.norms[n], skip, top);
  }

  /** Ids by BM25 (k1 1.2, b 0.75) with the whole query story as the query, best first. */
  bm25Rank(title: string, text: string, skip: Set<string>, top: number): string[] {
    const q = termCounts(`${title}\n\n${text}`);
    const N = this.ids.length;
    const avg = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, N);
    const scores = new Map<number, number>();
    for (const [t] of q) {
      const df = this.df.get(t) ?? 0;
      const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
      for (const n of this.postings.get(t) ?? []) {
        const f = this.counts[n].get(t)!;
        const s = (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * this.lengths[n]) / avg));
        scores.set(n, (scores.get(n) ?? 0) + s);
      }
    }
    return this.best(scores, (_, s) => s, skip, top);
  }

  private best(scores: Map<number, number>, final: (n: number, s: number) => number, skip: Set<string>, top: number): string[] {
    return [...scores]
      .filter(([n]) => !skip.has(this.ids[n]))
      .map(([n, s]) => [n, final(n, s)] as const)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, top)
      .map(([n]) => this.ids[n]);
  }
}

/** NDCG@k of a ranked list with binary relevance. */
export function ndcgAt(k: number, ranked: string[], relevant: Set<string>): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal ? dcg / ideal : 1;
}
