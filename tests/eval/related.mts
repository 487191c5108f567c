// `npm run eval:related -- [STORIES] [QUERIES]`: how well related coverage is ranked, on a generated
// corpus whose labels say which stories tell the same event in their own words (generate-corpus.ts:
// 30% of originals continue a recent event, with its names and key terms). Each query is a corpus
// story that has same-event stories other than its own copies; the answer's related list (top 10,
// duplicates and partial reuses already taken out) is judged against the labels:
//  - precision: share of the related stories listed that are of the query's event;
//  - first same-event rank (mean reciprocal rank) and hit rate (any same-event story listed);
//  - recall@10: same-event stories listed ÷ min(10, same-event stories in the corpus).
import type { StoryLabel } from '../bench/generate-corpus';
import { indexGenerated } from './generated-index';
import type { Story } from '../../lib/corpus/story';

const stories = Number(process.argv[2] ?? 20000);
const queries = Number(process.argv[3] ?? 300);
const SEED = 5;

const labels = new Map<string, StoryLabel>();
const byEvent = new Map<number, string[]>();
const texts = new Map<string, Story>();
const index = await indexGenerated(stories, SEED, (story, label) => {
  labels.set(story.id, label);
  byEvent.set(label.event, [...(byEvent.get(label.event) ?? []), story.id]);
  if (label.kind === 'original') texts.set(story.id, story);
});

/** Same-event stories of a query that are not its own copies (those are reuse, not related). */
function peersOf(id: string): Set<string> {
  const event = labels.get(id)!.event;
  return new Set((byEvent.get(event) ?? []).filter((o) => o !== id && labels.get(o)!.of !== id));
}

const candidates = [...texts.keys()].filter((id) => peersOf(id).size > 0);
const step = Math.max(1, Math.floor(candidates.length / queries));
let listed = 0;
let right = 0;
let hits = 0;
let rr = 0;
let recall = 0;
let n = 0;
for (let q = 0; q < candidates.length && n < queries; q += step, n++) {
  const id = candidates[q];
  const s = texts.get(id)!;
  const peers = peersOf(id);
  const r = await index.query({ text: s.text, title: s.title }, { excludeIds: [id], topRelated: 10 });
  const related = r.related.map((m) => m.id);
  const good = related.filter((x) => peers.has(x)).length;
  listed += related.length;
  right += good;
  const first = related.findIndex((x) => peers.has(x));
  if (first >= 0) {
    hits++;
    rr += 1 / (first + 1);
  }
  recall += good / Math.min(10, peers.size);
}
const f = (x: number) => +x.toFixed(3);
console.log(
  JSON.stringify({
    what: 'eval:related',
    stories,
    queries: n,
    related_listed_per_query: f(listed / n),
    precision: f(right / Math.max(1, listed)),
    hit_rate: f(hits / n),
    mrr_first_same_event: f(rr / n),
    recall_at_10: f(recall / n),
  }),
);
