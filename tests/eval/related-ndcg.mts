// `npm run eval:ndcg -- [STORIES] [QUERIES]`: NDCG@10 of related coverage against brute-force
// baselines in the same process (tests/eval/brute-force.ts: TF-IDF cosine over all stories, BM25
// with the whole story as query), on two sets of same-event clusters:
//  - brown: real text; every Brown non-fiction sample (one subject, one set of names) cut into
//    stories of 15 sentences, a cluster per sample, undated;
//  - generated: tests/bench/generate-corpus.ts (real Brown sentence templates; 30% of originals
//    continue a recent event with its names and terms), dated, STORIES stories.
// A query is a corpus story with same-event stories other than its own copies (which are reuse, not
// related); relevant = those stories. Copies and quoters of the query are left out of every ranking.
// Also prints the related stage's cost: candidate story rows read per query, and time per query.
// `--diagnose` adds where the index loses NDCG against brute force (tests/eval/related-diagnose.ts).
import type { Story } from '../../lib/corpus/story';
import { MemoryBackend } from '../../lib/index/memory/backend';
import { StoryIndex } from '../../lib/index/story-index';
import { generateCorpus } from '../bench/generate-corpus';
import { brownDocuments } from '../support/brown';
import { BruteForce, ndcgAt } from './brute-force';
import { diagnose, type DiagnoseQuery } from './related-diagnose';

const args = process.argv.slice(2).filter((a) => a !== '--diagnose');
const diagnosing = process.argv.includes('--diagnose');
const stories = Number(args[0] ?? 10000);
const queries = Number(args[1] ?? 300);
const f = (x: number) => +x.toFixed(3);

interface Item {
  story: Story;
  cluster: number;
  /** Ids never ranked for this story's query: its copies, quoters, or what it copies. */
  reuse: Set<string>;
  query: boolean;
}

function brownSet(): Item[] {
  const items: Item[] = [];
  brownDocuments(['ca', 'cb', 'cc', 'cd', 'ce', 'cf', 'cg', 'ch', 'cj']).forEach((d, n) => {
    for (let i = 0, k = 0; i + 10 <= d.sentences.length; i += 15, k++) {
      const s = d.sentences.slice(i, i + 15);
      const paragraphs: string[] = [];
      for (let j = 0; j < s.length; j += 2) paragraphs.push(s.slice(j, j + 2).join(' '));
      items.push({
        story: { id: `${d.name}-${k}`, title: s[0].split(' ').slice(0, 9).join(' '), text: paragraphs.join('\n\n'), source: `site-${n % 9}` },
        cluster: n,
        reuse: new Set(),
        query: true,
      });
    }
  });
  return items;
}

function generatedSet(n: number): Item[] {
  const items: Item[] = [];
  const byId = new Map<string, Item>();
  for (const { story, label } of generateCorpus(n, { seed: 5 })) {
    // The generator's dates are ISO already: what the provenance parse gives as `published`.
    const item: Item = { story: { ...story, published: story.date }, cluster: label.event, reuse: new Set(), query: label.kind === 'original' };
    if (label.of) {
      const of = byId.get(label.of);
      of?.reuse.add(story.id);
      item.reuse.add(label.of);
      for (const sib of of?.reuse ?? []) if (sib !== story.id) item.reuse.add(sib);
    }
    items.push(item);
    byId.set(story.id, item);
  }
  return items;
}

async function evaluate(name: string, items: Item[]) {
  const backend = new MemoryBackend();
  const index = new StoryIndex(backend);
  const brute = new BruteForce();
  for (let i = 0; i < items.length; i += 2000)
    await index.addStories({ id: name, name }, items.slice(i, i + 2000).map((x) => x.story));
  for (const x of items) brute.add(x.story.id, x.story.title, x.story.text);
  brute.finish();
  const byCluster = new Map<number, Item[]>();
  for (const x of items) byCluster.set(x.cluster, [...(byCluster.get(x.cluster) ?? []), x]);
  const relevantOf = (q: Item) =>
    new Set(byCluster.get(q.cluster)!.filter((o) => o !== q && !q.reuse.has(o.story.id)).map((o) => o.story.id));
  const eligible = items.filter((q) => q.query && relevantOf(q).size > 0);
  const step = Math.max(1, Math.floor(eligible.length / queries));
  const sums = { index: 0, tfidf: 0, bm25: 0 };
  const times: number[] = [];
  const asked: DiagnoseQuery[] = [];
  let n = 0;
  for (let k = 0; k < eligible.length && n < queries; k += step, n++) {
    const q = eligible[k];
    const relevant = relevantOf(q);
    const skip = new Set([q.story.id, ...q.reuse]);
    asked.push({ id: q.story.id, title: q.story.title, text: q.story.text, published: q.story.published, relevant, skip });
    const t0 = performance.now();
    const r = await index.query(
      { text: q.story.text, title: q.story.title, published: q.story.published },
      { excludeIds: [q.story.id], topRelated: 10 },
    );
    times.push(performance.now() - t0);
    sums.index += ndcgAt(10, r.related.map((m) => m.id).filter((id) => !skip.has(id)), relevant);
    sums.tfidf += ndcgAt(10, brute.tfidfRank(q.story.title, q.story.text, skip, 10), relevant);
    sums.bm25 += ndcgAt(10, brute.bm25Rank(q.story.title, q.story.text, skip, 10), relevant);
  }
  times.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      what: 'eval:ndcg',
      set: name,
      stories: items.length,
      queries: n,
      ndcg10_index: f(sums.index / n),
      ndcg10_bruteforce_tfidf: f(sums.tfidf / n),
      ndcg10_bruteforce_bm25: f(sums.bm25 / n),
      query_ms_median: f(times[Math.floor(times.length / 2)]),
    }),
  );
  if (diagnosing) console.log(JSON.stringify({ what: 'eval:ndcg diagnosis', set: name, ...(await diagnose(backend, asked, (q) => brute.tfidfRank(q.title, q.text, q.skip, Infinity))) }));
}

await evaluate('brown', brownSet());
await evaluate('generated', generatedSet(stories));
