// `npm run eval`: precision and recall of duplicate and partial-reuse detection on a labelled set
// built from real text (tests/eval/dataset.ts), per edit kind, beside a MinHash-LSH baseline, plus the
// character overlap of the passages found with the truly reused text. `--json` prints one object per figure.
import { MemoryBackend } from '../../lib/index/memory/backend';
import { StoryIndex } from '../../lib/index/story-index';
import type { QueryResult, Sensitivity } from '../../lib/index/types';
import { buildEvalSet, type EvalPage } from './dataset';
import { MinHashLsh } from './minhash-lsh';

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const counts = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const precision = (c: Counts) => (c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1);
const recall = (c: Counts) => (c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1);

function score(c: Counts, predicted: Set<string>, truth: Set<string>) {
  for (const id of predicted) truth.has(id) ? c.tp++ : c.fp++;
  for (const id of truth) if (!predicted.has(id)) c.fn++;
}

/** Character Jaccard between predicted page ranges and true ranges. */
function charOverlap(pred: [number, number][], truth: [number, number][], length: number): number {
  const a = new Uint8Array(length + 1);
  for (const [s, e] of pred) a.fill(1, s, e);
  for (const [s, e] of truth) for (let i = s; i < e; i++) a[i] |= 2;
  let inter = 0;
  let union = 0;
  for (const v of a) {
    if (v === 3) inter++;
    if (v) union++;
  }
  return union ? inter / union : 1;
}

async function main() {
  const json = process.argv.includes('--json');
  const t0 = performance.now();
  const set = buildEvalSet(1);
  const out: Record<string, unknown>[] = [];
  const emit = (o: Record<string, unknown>) => out.push(o);

  const index = new StoryIndex(new MemoryBackend());
  await index.addStories({ id: 'eval', name: 'eval' }, set.corpus);
  const lsh = new MinHashLsh();
  for (const s of set.corpus) lsh.add(s.id, s.text);

  for (const sensitivity of ['normal', 'strict', 'loose'] as Sensitivity[]) {
    const dup = counts();
    const part = counts();
    const any = counts();
    const byKind = new Map<string, Counts>();
    const overlaps: number[] = [];
    const misses: string[] = [];
    for (const page of set.pages) {
      const r: QueryResult = await index.query({ text: page.text, title: page.title }, { sensitivity });
      const pd = new Set(r.duplicates.map((m) => m.id));
      const pp = new Set(r.partial.map((m) => m.id));
      const td = new Set(page.duplicates);
      const tp = new Set(page.partial.map((p) => p.id));
      score(dup, pd, td);
      score(part, pp, tp);
      score(any, new Set([...pd, ...pp]), new Set([...td, ...tp]));
      const k = byKind.get(page.kind) ?? counts();
      if (page.kind === 'partial') score(k, new Set([...pd, ...pp]), tp);
      else score(k, pd, td);
      byKind.set(page.kind, k);
      for (const p of page.partial) {
        const m = [...r.partial, ...r.duplicates].find((x) => x.id === p.id);
        if (m)
          overlaps.push(
            charOverlap(
              m.passages.map((x) => [x.pageStart, x.pageEnd]),
              p.ranges,
              page.text.length,
            ),
          );
      }
      if (sensitivity === 'normal' && (![...td].every((id) => pd.has(id)) || [...pd].some((id) => !td.has(id))))
        misses.push(describe(page, r));
    }
    const mean = overlaps.reduce((a, b) => a + b, 0) / Math.max(1, overlaps.length);
    emit({ what: 'duplicates', sensitivity, precision: precision(dup), recall: recall(dup), ...dup });
    emit({ what: 'partial', sensitivity, precision: precision(part), recall: recall(part), ...part });
    emit({ what: 'any reuse', sensitivity, precision: precision(any), recall: recall(any), ...any });
    emit({ what: 'partial passages: char overlap with true reused text (mean Jaccard)', sensitivity, value: mean, n: overlaps.length });
    if (sensitivity === 'normal') {
      for (const [kind, c] of byKind)
        emit({ what: `by page kind: ${kind}`, sensitivity, precision: precision(c), recall: recall(c), ...c });
      if (!json && misses.length)
        console.error(`normal: ${misses.length} pages with duplicate errors, e.g.\n  ${misses.slice(0, 8).join('\n  ')}`);
    }
  }

  for (const threshold of [0.3, 0.5]) {
    const dup = counts();
    for (const page of set.pages) score(dup, new Set(lsh.query(page.text, threshold)), new Set(page.duplicates));
    emit({
      what: 'duplicates',
      sensitivity: `baseline MinHash-LSH J≥${threshold}`,
      precision: precision(dup),
      recall: recall(dup),
      ...dup,
    });
  }

  const pages = set.pages.length;
  if (json) for (const o of out) console.log(JSON.stringify(o));
  else {
    console.log(
      `Eval set: ${set.corpus.length} corpus stories, ${pages} pages (${countKinds(set.pages)}), built in-process from the Brown corpus; ${(performance.now() - t0).toFixed(0)} ms\n`,
    );
    console.log(pad('what', 46) + pad('setting', 26) + pad('precision', 11) + pad('recall', 9) + 'tp/fp/fn or value');
    for (const o of out) {
      const p = typeof o.precision === 'number' ? o.precision.toFixed(3) : '';
      const r = typeof o.recall === 'number' ? o.recall.toFixed(3) : '';
      const tail = o.value !== undefined ? `${(o.value as number).toFixed(3)} (n=${o.n})` : `${o.tp}/${o.fp}/${o.fn}`;
      console.log(pad(String(o.what), 46) + pad(String(o.sensitivity), 26) + pad(p, 11) + pad(r, 9) + tail);
    }
  }
}

function describe(page: EvalPage, r: QueryResult): string {
  const got = r.duplicates.map((m) => `${m.id}(${m.pageShare}/${m.storyShare})`).join(',') || '-';
  const part = r.partial.map((m) => `${m.id}(${m.pageShare}/${m.storyShare})`).join(',') || '-';
  return `${page.id} [${page.kind}] want dup ${page.duplicates.join(',') || '-'}; got dup ${got}; partial ${part}`;
}
const countKinds = (pages: EvalPage[]) => {
  const m = new Map<string, number>();
  for (const p of pages) m.set(p.kind, (m.get(p.kind) ?? 0) + 1);
  return [...m].map(([k, n]) => `${n} ${k}`).join(', ');
};
const pad = (s: string, n: number) => (s.length >= n ? s + ' ' : s + ' '.repeat(n - s.length));

await main();
