// `npm run eval:scale -- [STORIES] [PAGES]`: duplicate and partial-reuse precision/recall on a large
// generated corpus (tests/bench/generate-corpus.ts: real Brown sentences, site chrome, reprints,
// rewrites, trimmed and reordered copies, partial quotes, same-event stories) with query times.
// Truth is closed over copies: a page reprinting story O duplicates O and every corpus copy of O; a
// page quoting O partially reuses O and its copies. Corpus stories that themselves quote O may or may
// not share the page's passages, so they count neither way.
import { CorpusGenerator, DUPLICATE_KINDS, type StoryLabel } from '../bench/generate-corpus';
import { indexGenerated } from './generated-index';

const stories = Number(process.argv[2] ?? 20000);
const pages = Number(process.argv[3] ?? 200);
const SEED = 3;

const labels = new Map<string, StoryLabel>();
const copies = new Map<string, string[]>();
const quoters = new Map<string, string[]>();
const t0 = performance.now();
const index = await indexGenerated(stories, SEED, (story, label) => {
  labels.set(story.id, label);
  if (label.of && (DUPLICATE_KINDS as readonly string[]).includes(label.kind))
    copies.set(label.of, [...(copies.get(label.of) ?? []), story.id]);
  if (label.of && label.kind === 'partial') quoters.set(label.of, [...(quoters.get(label.of) ?? []), story.id]);
});
const indexSeconds = (performance.now() - t0) / 1000;

const gen = new CorpusGenerator({ seed: SEED });
const c = { dup: { tp: 0, fp: 0, fn: 0 }, partial: { tp: 0, fp: 0, fn: 0 } };
const times: number[] = [];
for (let k = 0; k < pages; k++) {
  const { page, label } = gen.page(k, stories);
  const want = new Map<string, 'duplicate' | 'partial'>();
  const dontCare = new Set<string>();
  for (const e of label.expect) {
    for (const id of [e.id, ...(copies.get(e.id) ?? [])]) want.set(id, e.as);
    for (const id of quoters.get(e.id) ?? []) dontCare.add(id);
  }
  const t = performance.now();
  const r = await index.query({ text: page.text, title: page.title });
  times.push(performance.now() - t);
  const got = new Map<string, 'duplicate' | 'partial'>([
    ...r.duplicates.map((m) => [m.id, 'duplicate'] as const),
    ...r.partial.map((m) => [m.id, 'partial'] as const),
  ]);
  for (const [id, as] of want) {
    const g = got.get(id);
    if (g === as) c[as === 'duplicate' ? 'dup' : 'partial'].tp++;
    else c[as === 'duplicate' ? 'dup' : 'partial'].fn++;
  }
  for (const [id, as] of got) if (want.get(id) !== as && !dontCare.has(id)) c[as === 'duplicate' ? 'dup' : 'partial'].fp++;
}
times.sort((a, b) => a - b);
const p = (x: { tp: number; fp: number; fn: number }) => ({
  precision: +(x.tp / Math.max(1, x.tp + x.fp)).toFixed(3),
  recall: +(x.tp / Math.max(1, x.tp + x.fn)).toFixed(3),
  ...x,
});
console.log(
  JSON.stringify({
    what: 'eval:scale',
    stories,
    pages,
    index_seconds: +indexSeconds.toFixed(1),
    duplicates: p(c.dup),
    partial: p(c.partial),
    query_median_ms: +times[Math.floor(times.length / 2)].toFixed(1),
    query_p95_ms: +times[Math.floor(times.length * 0.95)].toFixed(1),
  }),
);
