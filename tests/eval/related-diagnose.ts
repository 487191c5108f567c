// `npm run eval:ndcg -- --diagnose`: where the related list loses NDCG@10 against brute force, split
// into the stage that loses it, each figure an NDCG@10 over the same queries:
//  - candidates_oracle_C: the relevant stories among the first C by term postings, put first (what
//    any re-ranking of those candidates could reach at best; C = RELATED_CANDIDATES is the index's);
//  - reached_oracle: the same over every story the postings reach (no candidate cap);
//  - rerank_nothreshold_C: rankRelated over the first C candidates with no minScore/minShared (what
//    the thresholds cost is this minus the index's own figure);
//  - postings_order_C: the candidates in postings order, no re-ranking.
import { MemoryBackend } from '../../lib/index/memory/backend';
import { analysePage } from '../../lib/match/analyse';
import { QUERY_WINDOW, RELATED_CANDIDATES } from '../../lib/match/params';
import { queryTerms, rankByPostings } from '../../lib/match/related';
import { rankRelated, termCosine } from '../../lib/match/related-rank';
import { idf } from '../../lib/match/related';
import type { TermPostings } from '../../lib/index/types';
import { isAnchorTerm } from '../../lib/translation/anchor-terms';
import { ndcgAt } from './brute-force';

export interface DiagnoseQuery {
  id: string;
  title: string;
  text: string;
  published?: string;
  relevant: Set<string>;
  skip: Set<string>;
}

const CAPS = [RELATED_CANDIDATES, 100, 300];

/** `fullText`: the query's stories ranked by whole-text TF-IDF cosine (brute-force.ts), best first. */
export async function diagnose(
  backend: MemoryBackend,
  qs: DiagnoseQuery[],
  fullText: (q: DiagnoseQuery) => string[],
): Promise<Record<string, number>> {
  const sums: Record<string, number> = {};
  const add = (k: string, v: number) => (sums[k] = (sums[k] ?? 0) + v);
  const corpusSize = await backend.storyCount();
  for (const q of qs) {
    const a = analysePage(q.text, q.title, QUERY_WINDOW.normal);
    const terms = queryTerms(a.terms);
    const postings = await backend.termPostings(terms.map(([t]) => t));
    const exclude = new Set<number>();
    for (const id of q.skip) {
      const s = await backend.getStoryById(id);
      if (s) exclude.add(s.key);
    }
    const all = rankByPostings(terms, postings, corpusSize, exclude, Infinity);
    const rows = await backend.getStories(all);
    const byKey = new Map(rows.map((s) => [s.key, s]));
    const ids = all.map((k) => byKey.get(k)!.id);
    const full = fullText(q);
    const oracle = (list: string[]) => [...list.filter((id) => q.relevant.has(id)), ...list.filter((id) => !q.relevant.has(id))];
    add('reached_oracle', ndcgAt(10, oracle(ids), q.relevant));
    add('relevant_reached_share', ids.filter((id) => q.relevant.has(id)).length / q.relevant.size);
    for (const cap of CAPS) {
      const c = ids.slice(0, cap);
      add(`candidates_oracle_${cap}`, ndcgAt(10, oracle(c), q.relevant));
      add(`postings_order_${cap}`, ndcgAt(10, c, q.relevant));
      const stories = all.slice(0, cap).map((k) => {
        const s = byKey.get(k)!;
        return { id: s.id, published: s.published, terms: s.terms.filter(([t]) => !isAnchorTerm(t)) };
      });
      const r = rankRelated(a.terms, terms, postings, stories, { corpusSize, published: q.published, minScore: 0, minShared: 0 });
      add(`rerank_nothreshold_${cap}`, ndcgAt(10, r.map((x) => x.story.id), q.relevant));
      // The same candidates re-ranked by whole-text TF-IDF: what the key-term vectors lose.
      const inC = new Set(c);
      add(`fulltext_rerank_${cap}`, ndcgAt(10, full.filter((id) => inC.has(id)), q.relevant));
      if (process.env.DIAG_VARIANTS && cap === RELATED_CANDIDATES) {
        for (const m of [0.1, 0.08, 0.06, 0.04]) {
          const rt = rankRelated(a.terms, terms, postings, stories, { corpusSize, published: q.published, minScore: m, minShared: 2 })
            .slice(0, 10);
          add(`min${m}_ndcg`, ndcgAt(10, rt.map((x) => x.story.id), q.relevant));
          add(`min${m}_listed`, rt.length);
          add(`min${m}_right`, rt.filter((x) => q.relevant.has(x.story.id)).length);
        }
        const im = idfMap(postings, terms, corpusSize);
        const mean = [...im.values()].reduce((x, y) => x + y, 0) / Math.max(1, im.size);
        for (const S of [1, 3, 6, 10]) {
          const rs = stories
            .map((st) => {
              const c = termCosine(a.terms, im, mean, st.terms);
              return { id: st.id, e: c.score * Math.min(1, Math.max(0, c.shared - 1) / S) };
            })
            .sort((x, y) => y.e - x.e);
          add(`damp${S}_undated`, ndcgAt(10, rs.map((x) => x.id), q.relevant));
        }
        // Variant: every page term's document frequency known (all looked up), same scorer.
        const allPost = await backend.termPostings(a.terms.map(([t]) => t));
        const r2 = rankRelated(a.terms, a.terms, allPost, stories, { corpusSize, published: q.published, minScore: 0, minShared: 0 });
        add(`rerank_allidf_${cap}`, ndcgAt(10, r2.map((x) => x.story.id), q.relevant));
        // Variant: plain cosine (no shared-term damping), all idf known.
        const cos = stories
          .map((st) => ({ id: st.id, c: termCosine(a.terms, idfMap(allPost, a.terms, corpusSize), 1, st.terms) }))
          .sort((x, y) => y.c.score - x.c.score);
        add(`plaincos_allidf_${cap}`, ndcgAt(10, cos.map((x) => x.id), q.relevant));
      }
    }
  }
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(sums)) out[k] = +(v / qs.length).toFixed(3);
  return out;
}

function idfMap(p: Map<string, TermPostings>, terms: [string, number][], n: number): Map<string, number> {
  return new Map(terms.map(([t]) => [t, idf(p.get(t)?.df ?? 1, n)]));
}
