// `npm run eval:same-event`: are same-event short stories sharing wire quotes kept apart from real
// rewrites? (tests/eval/same-event-set.ts builds the set from real Brown text.) Prints duplicate
// precision and recall over all pages, rewrite recall, how many same-event pages call their short
// story a duplicate, per page kind, and a MinHash-LSH baseline on the same pages. `--json`: one
// object per figure.
import { MemoryBackend } from '../../lib/index/memory/backend';
import { StoryIndex } from '../../lib/index/story-index';
import type { Sensitivity } from '../../lib/index/types';
import { MinHashLsh } from './minhash-lsh';
import { buildSameEventSet } from './same-event-set';

const json = process.argv.includes('--json');
const { corpus, pages } = buildSameEventSet();
const index = new StoryIndex(new MemoryBackend());
await index.addStories({ id: 'same-event', name: 'same-event' }, corpus);
const lsh = new MinHashLsh();
for (const s of corpus) lsh.add(s.id, s.text);

const out: Record<string, unknown>[] = [];
const f = (x: number) => +x.toFixed(3);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const sameEvent = pages.filter((p) => p.expect === 'partial');
out.push({
  what: 'set',
  corpus: corpus.length,
  pages: pages.length,
  same_event_pages: sameEvent.length,
  story_wire_share_mean: f(mean(sameEvent.map((p) => p.storyWireShare!))),
  page_wire_share_mean: f(mean(sameEvent.map((p) => p.pageWireShare!))),
});

for (const sensitivity of ['normal', 'strict', 'loose'] as Sensitivity[]) {
  const dup = { tp: 0, fp: 0, fn: 0 };
  const kinds = new Map<string, { n: number; dup: number; partial: number; none: number }>();
  const wrong: string[] = [];
  for (const page of pages) {
    const r = await index.query({ text: page.text, title: page.title }, { sensitivity, topRelated: 0 });
    const d = r.duplicates.find((m) => m.id === page.story);
    const p = r.partial.find((m) => m.id === page.story);
    const got = d ? 'dup' : p ? 'partial' : 'none';
    for (const m of r.duplicates) m.id === page.story && page.expect === 'duplicate' ? dup.tp++ : dup.fp++;
    if (page.expect === 'duplicate' && !d) dup.fn++;
    const k = kinds.get(page.kind) ?? { n: 0, dup: 0, partial: 0, none: 0 };
    k.n++;
    k[got]++;
    kinds.set(page.kind, k);
    if ((page.expect === 'duplicate') !== !!d) wrong.push(`${page.id} want ${page.expect} got ${got} ${(d ?? p)?.pageShare ?? ''}/${(d ?? p)?.storyShare ?? ''}`);
  }
  out.push({ what: 'duplicates', sensitivity, precision: f(dup.tp / Math.max(1, dup.tp + dup.fp)), recall: f(dup.tp / Math.max(1, dup.tp + dup.fn)), ...dup });
  for (const [kind, k] of kinds) out.push({ what: `kind ${kind}`, sensitivity, ...k });
  if (!json && sensitivity === 'normal' && wrong.length) console.error(`normal: ${wrong.length} wrong, e.g.\n  ${wrong.slice(0, 10).join('\n  ')}`);
}
for (const threshold of [0.3, 0.5]) {
  const dup = { tp: 0, fp: 0, fn: 0 };
  for (const page of pages) {
    const found = lsh.query(page.text, threshold);
    for (const id of found) id === page.story && page.expect === 'duplicate' ? dup.tp++ : dup.fp++;
    if (page.expect === 'duplicate' && !found.includes(page.story)) dup.fn++;
  }
  out.push({
    what: 'duplicates',
    sensitivity: `baseline MinHash-LSH J≥${threshold}`,
    precision: f(dup.tp / Math.max(1, dup.tp + dup.fp)),
    recall: f(dup.tp / Math.max(1, dup.tp + dup.fn)),
    ...dup,
  });
}
for (const o of out) console.log(JSON.stringify(o));
