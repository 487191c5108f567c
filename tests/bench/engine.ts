// `npm run bench`: the matching engine's speed in Node, each figure beside a naive baseline run in
// the same process. Usage:
//   npm run bench [-- --quick] [-- --json] [-- --sizes 1000,10000] [-- --seed S] [-- --pages P]
// --quick  small workloads for CI smoke (well under a minute on 2 cores)
// --json   one JSON object per measurement on stdout (fields documented in Row below); the human
//          table otherwise. --out FILE appends the JSON rows to FILE as well. Progress: stderr.
//
// Measurements: text fingerprinted per second vs merely tokenizing it and vs a naive 5-gram string
// set; stories indexed per second in memory vs storing every 5-gram set; query time per page
// (700–2000 words that reprint, rewrite or quote corpus stories, or reuse nothing) against corpora
// of each size vs a linear scan computing 5-gram Jaccard with every story; heap of the index.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parseArgs } from 'node:util';
import type { Story } from '../../lib/corpus/story';
import { StoryIndex } from '../../lib/index/story-index';
import { MemoryBackend } from '../../lib/index/memory/backend';
import type { QueryResult } from '../../lib/index/types';
import { analyseStory } from '../../lib/match/analyse';
import { fingerprintSet, hashWords, shingleHashes, winnow } from '../../lib/match/fingerprint';
import { tokenize } from '../../lib/text/normalize';
import { baselineKind, HashedShingleIndex, NaiveShingleIndex, naiveShingleSet, type BaselineMatch } from './baselines';
import { CorpusGenerator, type GeneratedPage, type StoryKind } from './generate-corpus';
import { median, roundSig, summarize, type Spread } from './stats';

/**
 * One measurement, as printed with --json (one object per line).
 * Times are per operation named by `what` (a whole workload, a batch, or one query: see `op`).
 */
export interface Row {
  /** What was measured: tokenize, fingerprint, analyse, index, query, heap. */
  what: string;
  /** The unit of work one sample times ("1.9 MB of text", "1,000 stories", "1 page"). */
  op: string;
  /** Stories in the corpus the measurement ran against (null: none involved). */
  corpus_stories: number | null;
  /** Samples behind median_ms and p95_ms (repetitions × items). */
  runs: number;
  /** Median time of one op, in milliseconds. */
  median_ms: number;
  /** 95th percentile time of one op. */
  p95_ms: number;
  /** Spread of the samples: min, max and interquartile range, in ms. */
  spread: Spread;
  /** Throughput at the median: `unit` per second. */
  per_second?: number;
  unit?: string;
  /** Megabytes (10^6, UTF-8) of text per second at the median, where text is processed. */
  mb_per_second?: number;
  /** The naive method timed beside it in the same process. */
  baseline?: string;
  baseline_median_ms?: number;
  baseline_p95_ms?: number;
  baseline_runs?: number;
  /** median_ms ÷ baseline_median_ms on the same ops: below 1 the engine is faster (0.01 = 100×). */
  ratio?: number;
  /** A target the figure is held to, in words. */
  target?: string;
  /** Memory: JS heap held by the structure after a full GC, in MB, and per story. */
  heap_mb?: number;
  heap_bytes_per_story?: number;
  /** heap ÷ UTF-8 size of the corpus text it indexes. */
  heap_to_text?: number;
  baseline_heap_mb?: number;
  /** Query rows: share of the query time spent in V8 garbage collection (big heaps make it grow). */
  gc_share?: number;
  /** Check of the answers against the generator's labels (query rows). */
  quality?: Quality;
  baseline_quality?: Quality;
  error?: string;
  note?: string;
}

/** Against the labels: expected duplicates/partial reuses found, and reuse reported that the labels
 *  do not explain (another story's copy of the same source counts as explained). */
export interface Quality {
  pages: number;
  expected: number;
  found: number;
  /** Expected duplicates reported only as partial reuse. */
  found_as_partial: number;
  unexplained: number;
}

interface Options {
  quick: boolean;
  json: boolean;
  /** Also append the JSON rows to this file (with the table on stdout). */
  out?: string;
  sizes: number[];
  seed: number;
  pages: number;
  runs: number;
  baselinePages: number;
  textStories: number;
}

const COLLECTION = { id: 'bench', name: 'bench corpus' };

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      seed: { type: 'string', default: '42' },
      pages: { type: 'string' },
      runs: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm run bench -- [--quick] [--json] [--out rows.jsonl] [--sizes 1000,10000,100000] [--seed S] [--pages P] [--runs R]\n',
    );
    process.exit(0);
  }
  const quick = values.quick!;
  const num = (s: string | undefined, name: string, fallback: number, min = 1) => {
    if (s === undefined) return fallback;
    const n = Number(s.replace(/[_,]/gu, ''));
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got "${s}"`);
    return n;
  };
  const sizes = values.sizes
    ? values.sizes.split(',').map((s) => num(s.trim(), 'sizes', 0, 10))
    : quick
      ? [1000, 4000]
      : [1000, 10000, 50000, 100000];
  return {
    quick,
    json: values.json!,
    out: values.out,
    sizes,
    seed: num(values.seed, 'seed', 42, 0),
    pages: num(values.pages, 'pages', quick ? 12 : 100),
    runs: num(values.runs, 'runs', quick ? 3 : 5),
    baselinePages: quick ? 5 : 20,
    textStories: quick ? 250 : 2000,
  };
}

const gc: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

/** JS heap plus ArrayBuffer memory (typed arrays live outside the heap proper), after full GCs. */
function heapUsed(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Keeps results alive so the JIT cannot drop the work. */
let sink = 0;

function textRows(opts: Options, gen: CorpusGenerator): Row[] {
  const stories = [...gen.stories(opts.textStories)].map((g) => g.story);
  const texts = stories.map((s) => s.text);
  const mb = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0) / 1e6;
  const words = texts.map((t) => tokenize(t).words);
  // Each task runs over a slice of the stories; slices of all tasks alternate, so drift on a shared
  // machine (other processes, CPU frequency) hits every task alike instead of whichever ran last.
  const tasks: Record<string, (from: number, to: number) => void> = {
    tokenize: (from, to) => {
      for (let i = from; i < to; i++) sink += tokenize(texts[i]).words.length;
    },
    fingerprint: (from, to) => {
      for (let i = from; i < to; i++) sink += fingerprintSet(hashWords(tokenize(texts[i]).words)).length;
    },
    hashing: (from, to) => {
      for (let i = from; i < to; i++) sink += winnow(shingleHashes(hashWords(words[i]))).length;
    },
    analyse: (from, to) => {
      for (let i = from; i < to; i++) sink += analyseStory(stories[i]).fingerprints.length;
    },
    naive: (from, to) => {
      for (let i = from; i < to; i++) sink += naiveShingleSet(texts[i]).size;
    },
  };
  const names = Object.keys(tasks);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const SLICE = 50;
  log(
    `text: ${texts.length} stories, ${mb.toFixed(2)} MB, ${opts.runs} runs of ${names.join(', ')} (interleaved in slices of ${SLICE} stories)`,
  );
  for (const n of names) tasks[n](0, texts.length); // warm-up: compile everything before timing
  for (let r = 0; r < opts.runs; r++) {
    gc();
    const total: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
    for (let from = 0, k = r; from < texts.length; from += SLICE, k++) {
      const to = Math.min(texts.length, from + SLICE);
      for (let j = 0; j < names.length; j++) {
        const n = names[(j + k) % names.length];
        total[n] += time(() => tasks[n](from, to));
      }
    }
    for (const n of names) samples[n].push(total[n]);
  }
  const op = `${mb.toFixed(2)} MB of text (${texts.length} stories)`;
  const row = (what: string, key: string, baselineKey?: string, baselineName?: string, target?: string, note?: string): Row => {
    const s = summarize(samples[key]);
    const out: Row = {
      what,
      op,
      corpus_stories: null,
      runs: s.n,
      median_ms: s.median_ms,
      p95_ms: s.p95_ms,
      spread: s.spread,
      per_second: (texts.length / s.median_ms) * 1000,
      unit: 'stories',
      mb_per_second: (mb / s.median_ms) * 1000,
    };
    if (baselineKey) {
      const b = summarize(samples[baselineKey]);
      Object.assign(out, {
        baseline: baselineName,
        baseline_median_ms: b.median_ms,
        baseline_p95_ms: b.p95_ms,
        baseline_runs: b.n,
        ratio: s.median_ms / b.median_ms,
      });
    }
    if (target) out.target = target;
    if (note) out.note = note;
    return out;
  };
  return [
    row(
      'tokenize',
      'tokenize',
      'naive',
      'naive 5-gram string set',
      undefined,
      'normalize + split into words with offsets (lib/text/normalize.ts tokenize)',
    ),
    row(
      'fingerprint',
      'fingerprint',
      'tokenize',
      'tokenize only',
      'fingerprinting within 3x of tokenizing (issue 6): ratio ≤ 3',
      'tokenize → hashWords → 5-gram shingles → winnow → unique set',
    ),
    row('fingerprint', 'fingerprint', 'naive', 'naive 5-gram string set (split, join, Set)'),
    row(
      'fingerprint-hashing',
      'hashing',
      'tokenize',
      'tokenize only',
      undefined,
      'hashWords → shingleHashes → winnow on words already tokenized: the part fingerprinting adds',
    ),
    row(
      'analyse',
      'analyse',
      'tokenize',
      'tokenize only',
      undefined,
      'analyseStory: fingerprints + MinHash signature + key terms (what indexing does per story)',
    ),
  ];
}

/** Ground truth for the corpus at hand, compact enough for a million stories. */
class Truth {
  readonly root: Int32Array;
  readonly quotes: Int32Array;
  constructor(n: number) {
    this.root = new Int32Array(n);
    this.quotes = new Int32Array(n).fill(-1);
  }
  set(i: number, kind: StoryKind, ofIndex: number | undefined): void {
    this.root[i] = kind === 'original' || kind === 'partial' || ofIndex === undefined ? i : ofIndex;
    if (kind === 'partial' && ofIndex !== undefined) this.quotes[i] = ofIndex;
  }
}

function indexFromId(id: string): number {
  return Number(id.slice(id.lastIndexOf('-') + 1));
}

function judge(truth: Truth, page: GeneratedPage, reported: { id: string; kind: 'duplicate' | 'partial' }[], q: Quality): void {
  q.pages++;
  const roots = new Set(page.label.expect.map((e) => e.index));
  for (const e of page.label.expect) {
    q.expected++;
    const hits = reported.filter((r) => truth.root[indexFromId(r.id)] === e.index);
    if (e.as === 'partial' ? hits.length > 0 : hits.some((h) => h.kind === 'duplicate')) q.found++;
    else if (hits.length > 0) q.found_as_partial++;
  }
  for (const r of reported) {
    const i = indexFromId(r.id);
    if (!roots.has(truth.root[i]) && !roots.has(truth.quotes[i])) q.unexplained++;
  }
}

function emptyQuality(): Quality {
  return { pages: 0, expected: 0, found: 0, found_as_partial: 0, unexplained: 0 };
}

function ours(result: QueryResult): { id: string; kind: 'duplicate' | 'partial' }[] {
  return [...result.duplicates, ...result.partial].map((m) => ({ id: m.id, kind: m.kind }));
}

function theirs(matches: BaselineMatch[]): { id: string; kind: 'duplicate' | 'partial' }[] {
  const out: { id: string; kind: 'duplicate' | 'partial' }[] = [];
  for (const m of matches) {
    const kind = baselineKind(m);
    if (kind !== 'none') out.push({ id: m.id, kind });
  }
  return out;
}

async function sizeRows(opts: Options, gen: CorpusGenerator, n: number): Promise<Row[]> {
  const rows: Row[] = [];
  const batch = Math.max(50, Math.min(1000, Math.floor(n / 4)));
  const truth = new Truth(n);
  const useStrings = n <= 20_000;
  const baselineName = useStrings
    ? 'naive: every 5-gram as a string in a Set per story'
    : 'naive, hashed: every 5-gram as a sorted uint32 array per story (string sets do not fit in the heap at this size)';

  // 1. Our index, built in batches (stories generated outside the timed section).
  const heapBefore = heapUsed();
  const index = new StoryIndex(new MemoryBackend());
  const buildSamples: number[] = [];
  let textBytes = 0;
  let built = 0;
  let error: string | undefined;
  const started = performance.now();
  for (let from = 0; from < n && !error; from += batch) {
    const count = Math.min(batch, n - from);
    const stories: Story[] = [];
    let bytes = 0;
    for (const g of gen.stories(count, from)) {
      truth.set(g.label.index, g.label.kind, g.label.ofIndex);
      bytes += Buffer.byteLength(g.story.text, 'utf8');
      stories.push(g.story);
    }
    try {
      buildSamples.push((await timeAsync(() => index.addStories(COLLECTION, stories))) * (1000 / count));
      built += count;
      textBytes += bytes;
    } catch (e) {
      error = `indexing failed after ${built} stories: ${(e as Error).message}`;
    }
    if ((from / batch) % 10 === 9) log(`${n}: indexed ${built} stories (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  const heapIndex = heapUsed() - heapBefore;

  // 2. The baseline index over the same stories (regenerated: holding them twice would distort heap).
  const naive = useStrings ? new NaiveShingleIndex() : new HashedShingleIndex();
  const naiveSamples: number[] = [];
  for (let from = 0; from < built; from += batch) {
    const count = Math.min(batch, built - from);
    const stories = [...gen.stories(count, from)].map((g) => g.story);
    naiveSamples.push(time(() => stories.forEach((s) => naive.add(s.id, s.text))) * (1000 / count));
  }
  const heapNaive = heapUsed() - heapBefore - heapIndex;
  log(`${n}: built our index (${(heapIndex / 1e6).toFixed(0)} MB) and the baseline (${(heapNaive / 1e6).toFixed(0)} MB)`);

  const b = summarize(buildSamples.length ? buildSamples : [NaN]);
  const nb = summarize(naiveSamples.length ? naiveSamples : [NaN]);
  rows.push({
    what: 'index',
    op: '1,000 stories (StoryIndex.addStories, memory backend)',
    corpus_stories: n,
    runs: b.n,
    median_ms: b.median_ms,
    p95_ms: b.p95_ms,
    spread: b.spread,
    per_second: (1000 / b.median_ms) * 1000,
    unit: 'stories',
    mb_per_second: (textBytes / Math.max(1, built) / 1e6) * (1000 / b.median_ms) * 1000,
    baseline: baselineName,
    baseline_median_ms: nb.median_ms,
    baseline_p95_ms: nb.p95_ms,
    baseline_runs: nb.n,
    ratio: b.median_ms / nb.median_ms,
    note: `one sample per batch of ${batch} stories, scaled to 1,000; the corpus grows from 0 to ${built} meanwhile`,
    ...(error ? { error } : {}),
  });
  rows.push({
    what: 'heap',
    op: 'index held in memory after a full GC (JS heap + ArrayBuffers)',
    corpus_stories: built,
    runs: 1,
    median_ms: NaN,
    p95_ms: NaN,
    spread: { min_ms: NaN, max_ms: NaN, iqr_ms: NaN },
    heap_mb: heapIndex / 1e6,
    heap_bytes_per_story: heapIndex / Math.max(1, built),
    heap_to_text: heapIndex / textBytes,
    baseline: baselineName,
    baseline_heap_mb: heapNaive / 1e6,
    note: `corpus text ${(textBytes / 1e6).toFixed(1)} MB (UTF-8); memory backend keeps text, fingerprints, signatures, terms and postings`,
    ...(error ? { error } : {}),
  });
  if (error) {
    log(`${n}: ${error}; queries run against the ${built} stories indexed`);
    if (built === 0) return rows;
  }

  // 3. Queries.
  const pages = Array.from({ length: opts.pages }, (_, k) => gen.page(k, built));
  for (const p of pages.slice(0, 10)) await index.query({ text: p.page.text, title: p.page.title }); // warm-up
  const perPage: number[][] = pages.map(() => []);
  const passMedians: number[] = [];
  const quality = emptyQuality();
  let gcMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  for (let r = 0; r < opts.runs; r++) {
    const pass: number[] = [];
    for (let k = 0; k < pages.length; k++) {
      const p = pages[k];
      let result: QueryResult | undefined;
      const dt = await timeAsync(async () => {
        result = await index.query({ text: p.page.text, title: p.page.title });
      });
      perPage[k].push(dt);
      pass.push(dt);
      if (r === 0) judge(truth, p, ours(result!), quality);
    }
    passMedians.push(median(pass));
  }
  await new Promise((resolve) => setTimeout(resolve, 100)); // GC entries arrive on a later tick
  gcObserver.disconnect();
  log(`${n}: ${opts.runs} passes over ${pages.length} pages; now the baseline on ${Math.min(opts.baselinePages, pages.length)} pages`);
  const bPages = pages.slice(0, Math.min(opts.baselinePages, pages.length));
  const bSamples: number[] = [];
  const bQuality = emptyQuality();
  const bRuns = n <= 1000 ? 3 : 1;
  for (let r = 0; r < bRuns; r++)
    for (const p of bPages) {
      let matches: BaselineMatch[] = [];
      bSamples.push(time(() => (matches = naive.query(p.page.text))));
      if (r === 0) judge(truth, p, theirs(matches), bQuality);
    }
  const all = perPage.flat();
  const s = summarize(all);
  const same = summarize(perPage.slice(0, bPages.length).flat());
  const bs = summarize(bSamples);
  const words = pages.map((p) => p.label.words);
  rows.push({
    what: 'query',
    op: `1 page (${Math.min(...words)}–${Math.max(...words)} words, median ${median(words)})`,
    corpus_stories: built,
    runs: s.n,
    median_ms: s.median_ms,
    p95_ms: s.p95_ms,
    spread: { ...s.spread, min_ms: Math.min(...passMedians), max_ms: Math.max(...passMedians) },
    per_second: 1000 / s.median_ms,
    unit: 'pages',
    baseline: `linear scan, 5-gram Jaccard with every story (${useStrings ? 'string sets' : 'hashed sets'})`,
    baseline_median_ms: bs.median_ms,
    baseline_p95_ms: bs.p95_ms,
    baseline_runs: bs.n,
    ratio: same.median_ms / bs.median_ms,
    gc_share: gcMs / all.reduce((a, x) => a + x, 0),
    quality,
    baseline_quality: bQuality,
    note:
      `${opts.runs} passes over ${pages.length} pages; spread min/max = per-pass medians; ratio uses our median on the ${bPages.length} pages the baseline ran` +
      (error ? `; the index holds only ${built} of the ${n} stories asked for (${error})` : ''),
  });
  return rows;
}

function fmt(x: number | undefined, digits = 3): string {
  if (x === undefined || Number.isNaN(x)) return '';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return String(roundSig(x, digits));
}

function printTable(rows: Row[]): void {
  const head = ['what', 'stories', 'op', 'median ms', 'p95 ms', 'min–max ms', 'rate', 'baseline ms', 'ratio', 'notes'];
  const lines = rows.map((r) => {
    const rate =
      r.mb_per_second !== undefined
        ? `${fmt(r.mb_per_second)} MB/s, ${fmt(r.per_second)} ${r.unit}/s`
        : r.per_second !== undefined
          ? `${fmt(r.per_second)} ${r.unit}/s`
          : '';
    const notes: string[] = [];
    if (r.baseline) notes.push(`vs ${r.baseline}`);
    if (r.ratio !== undefined) notes.push(r.ratio < 1 ? `${fmt(1 / r.ratio)}x faster` : `${fmt(r.ratio)}x the baseline's time`);
    if (r.heap_mb !== undefined)
      notes.push(
        `heap ${fmt(r.heap_mb)} MB = ${fmt(r.heap_bytes_per_story)} B/story = ${fmt(r.heap_to_text)}x text; baseline ${fmt(r.baseline_heap_mb)} MB`,
      );
    if (r.gc_share !== undefined) notes.push(`GC ${fmt(100 * r.gc_share, 2)}% of query time`);
    if (r.quality)
      notes.push(
        `found ${r.quality.found}/${r.quality.expected} (${r.quality.found_as_partial} as partial), unexplained ${r.quality.unexplained}`,
      );
    if (r.baseline_quality)
      notes.push(
        `baseline found ${r.baseline_quality.found}/${r.baseline_quality.expected}, unexplained ${r.baseline_quality.unexplained}`,
      );
    if (r.target) notes.push(`target: ${r.target}`);
    if (r.error) notes.push(`ERROR: ${r.error}`);
    return [
      r.what,
      r.corpus_stories === null ? '' : r.corpus_stories.toLocaleString('en-US'),
      r.op,
      fmt(r.median_ms),
      fmt(r.p95_ms),
      Number.isNaN(r.spread.min_ms) ? '' : `${fmt(r.spread.min_ms)}–${fmt(r.spread.max_ms)}`,
      rate,
      fmt(r.baseline_median_ms),
      fmt(r.ratio),
      notes.join('; '),
    ];
  });
  const widths = head.map((h, c) => Math.max(h.length, ...lines.map((l) => (c === head.length - 1 ? 0 : l[c].length))));
  const out = [head, ...lines].map((l) => l.map((cell, c) => (c === head.length - 1 ? cell : cell.padEnd(widths[c]))).join(' | '));
  process.stdout.write(out.join('\n') + '\n');
  process.stdout.write('ratio = our median time ÷ baseline median time (below 1: ours is faster); rates are at the median.\n');
}

function jsonSafe(row: Row): Row {
  return JSON.parse(JSON.stringify(row, (_k, v) => (typeof v === 'number' ? (Number.isFinite(v) ? roundSig(v, 4) : null) : v)));
}

/** Heap the memory backend needs (measured ~42 KB per story, plus the baseline and headroom). */
function heapWanted(maxStories: number): number {
  return Math.min(0.7 * os.totalmem(), 1.5e9 + maxStories * 60_000);
}

/** Node's default heap limit (~4 GB) cannot hold the memory backend at 100k stories: run again in a
 *  child with a larger old space. Returns the child's exit code, or null to go on in this process. */
async function rerunWithLargerHeap(opts: Options): Promise<number | null> {
  const want = heapWanted(Math.max(...opts.sizes));
  if (process.env.STORYTRACE_BENCH_CHILD || v8.getHeapStatistics().heap_size_limit >= want * 0.9) return null;
  const mb = Math.ceil(want / 2 ** 20);
  log(
    `re-running with --max-old-space-size=${mb} (the index at ${Math.max(...opts.sizes)} stories needs more than ${Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20)} MB)`,
  );
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${mb}`, process.argv[1], ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, STORYTRACE_BENCH_CHILD: '1' },
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const code = await rerunWithLargerHeap(opts);
  if (code !== null) process.exit(code);
  const started = performance.now();
  const gen = new CorpusGenerator({ seed: opts.seed });
  log(
    `${opts.quick ? 'quick' : 'full'} run: sizes ${opts.sizes.join(', ')}, ${opts.pages} pages × ${opts.runs} passes, seed ${opts.seed}, ` +
      `node ${process.version}, heap limit ${Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20)} MB, ${os.cpus().length} CPUs`,
  );
  const rows: Row[] = [];
  const emit = (r: Row[]) => {
    rows.push(...r);
    const lines = r.map((row) => JSON.stringify(jsonSafe(row)) + '\n').join('');
    if (opts.json) process.stdout.write(lines);
    if (opts.out) appendFileSync(opts.out, lines);
  };
  emit(textRows(opts, gen));
  for (const n of opts.sizes) emit(await sizeRows(opts, gen, n));
  if (!opts.json) printTable(rows);
  // A smoke run fails when the engine stops finding what the labels say is there.
  for (const r of rows)
    if (opts.quick && r.quality && r.quality.found < 0.95 * r.quality.expected)
      throw new Error(`${r.what} at ${r.corpus_stories} stories found ${r.quality.found} of ${r.quality.expected} expected matches`);
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s (sink ${sink > 0 ? 'ok' : 'empty'})`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
