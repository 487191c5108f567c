// What the translation stage costs a page check: the same index and pages, each page checked with
// the stage on and off, interleaved in one process, and the medians compared. Also what the anchor
// terms add to the index (term postings per story).
//   npx tsx tests/bench/translation-cost.ts [--stories 100000] [--pages 200] [--seed 7]
import { parseArgs } from 'node:util';
import type { Story } from '../../lib/corpus/story';
import { MemoryBackend } from '../../lib/index/memory/backend';
import { StoryIndex } from '../../lib/index/story-index';
import { analyseStory } from '../../lib/match/analyse';
import { isAnchorTerm } from '../../lib/translation/anchor-terms';
import { CorpusGenerator } from './generate-corpus';
import { median } from './stats';

const { values: opt } = parseArgs({
  options: {
    stories: { type: 'string', default: '100000' },
    pages: { type: 'string', default: '200' },
    seed: { type: 'string', default: '7' },
  },
});
const n = Number(opt.stories);
const gen = new CorpusGenerator({ seed: Number(opt.seed) });
const index = new StoryIndex(new MemoryBackend());
let keyTerms = 0;
let anchorTerms = 0;
const t0 = performance.now();
for (let i = 0; i < n; i += 2000) {
  const batch: Story[] = [];
  for (let j = i; j < Math.min(n, i + 2000); j++) batch.push(gen.story(j).story);
  const analysed = batch.map(analyseStory);
  for (const a of analysed) for (const [t] of a.terms) isAnchorTerm(t) ? anchorTerms++ : keyTerms++;
  await index.addAnalysed({ id: 'gen', name: 'generated' }, analysed);
  if ((i / 2000) % 10 === 0) process.stderr.write(`indexed ${i + batch.length} of ${n}\n`);
}
process.stderr.write(`indexed ${n} stories in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

const pages = Array.from({ length: Number(opt.pages) }, (_, k) => gen.page(k, n).page);
for (const p of pages.slice(0, 10)) await index.query({ text: p.text, title: p.title });
const on: number[] = [];
const off: number[] = [];
let flagged = 0;
for (const [k, p] of pages.entries()) {
  // Alternate which goes first so neither always meets warm caches.
  for (const withTranslations of k % 2 ? [true, false] : [false, true]) {
    const t = performance.now();
    const r = await index.query({ text: p.text, title: p.title }, { translations: withTranslations });
    (withTranslations ? on : off).push(performance.now() - t);
    if (withTranslations) flagged += [...r.duplicates, ...r.partial].filter((m) => m.translation).length;
  }
}
const mOn = median(on);
const mOff = median(off);
console.log(
  JSON.stringify({
    stories: n,
    pages: pages.length,
    check_ms_median_without: Math.round(mOff * 10) / 10,
    check_ms_median_with: Math.round(mOn * 10) / 10,
    ratio: Math.round((mOn / mOff) * 1000) / 1000,
    translation_flags_on_same_language_pages: flagged,
    term_postings_per_story: { key_terms: Math.round((keyTerms / n) * 10) / 10, anchor_terms: Math.round((anchorTerms / n) * 10) / 10 },
  }),
);
