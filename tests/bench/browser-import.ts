// The IndexedDB index in real Chromium with the built extension: stories imported per second
// through the options page (file input → import worker → IndexedDB), index size on disk per MB of
// story text, and the time of a page check from a warm and from a stopped service worker.
//   npm run bench:browser [-- --stories 20000 --queries 60 --cold 20 --seed 7 --out .output/bench/browser-import.json]
//   npm run bench:browser -- --quick   (CI smoke: 1,000 stories, 10 warm and 3 cold checks, under a minute)
//   Long runs: --corpus DIR keeps the generated files for reuse (--generate-only makes them ahead);
//   --profile DIR keeps the imported browser profile, and a later run with it measures checks only.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { CorpusGenerator } from './generate-corpus';
import { runBaselines } from './browser-baselines';
import { printRows } from './browser-rows';
import { summarize } from './stats';
import { ROOT, launchExtension, stopServiceWorker } from '../e2e/support/extension';
import { keptCorpus, prepareKeptProfile, recordKeptCorpus } from './kept-profile';

const { values: opt } = parseArgs({
  options: {
    stories: { type: 'string', default: '20000' },
    queries: { type: 'string', default: '60' },
    cold: { type: 'string', default: '20' },
    seed: { type: 'string', default: '7' },
    files: { type: 'string', default: '4' },
    out: { type: 'string', default: join(ROOT, '.output/bench/browser-import.json') },
    quick: { type: 'boolean', default: false },
    // One JSON object per measurement on stdout (fields: tests/bench/browser-rows.ts) instead of a table.
    json: { type: 'boolean', default: false },
    // Keep the browser profile here; a later run with the same --profile skips the import and
    // measures checks on the corpus already stored (for profiling query changes at 100k+).
    profile: { type: 'string' },
    // Keep the generated corpus files here and reuse them (same --stories, --seed and --files).
    corpus: { type: 'string' },
    // Only generate the corpus (with --corpus), e.g. ahead of a long run.
    'generate-only': { type: 'boolean', default: false },
  },
});
const STORIES = opt.quick ? 1000 : Number(opt.stories);
const QUERIES = opt.quick ? 10 : Number(opt.queries);
const COLD = opt.quick ? 3 : Number(opt.cold);
const FILES = Math.max(1, Number(opt.files));

declare const chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> } };

interface Job {
  id: string;
  state: string;
  added: number;
  alreadyPresent: number;
  startedAt: number;
  finishedAt?: number;
  error?: string;
  collectionName: string;
  timings?: Record<string, number>;
}

async function call<T>(page: Page, type: string, payload: unknown = null): Promise<T> {
  const r = await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const);
  if (!r?.ok) throw new Error(`${type}: ${r?.error}`);
  return r.value as T;
}

/** One check from an extension page: message round trip, as the content script makes it. */
async function timedCheck(
  page: Page,
  text: string,
  title: string,
  url: string,
): Promise<{ ms: number; duplicates: string[]; timings?: Record<string, number> }> {
  return page.evaluate(
    async ([text, title, url]) => {
      const t0 = performance.now();
      const r = await chrome.runtime.sendMessage({ type: 'checkPage', payload: { text, title, url } });
      const ms = performance.now() - t0;
      if (!r?.ok) throw new Error(String(r?.error));
      const v = r.value as { duplicates: { id: string }[]; timings?: Record<string, number> };
      return { ms, duplicates: v.duplicates.map((d) => d.id), timings: v.timings };
    },
    [text, title, url] as const,
  );
}

function duBytes(path: string): number {
  try {
    return Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split(/\s/)[0]);
  } catch {
    return NaN;
  }
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** The background service worker's JS heap in bytes after a GC, through the DevTools protocol
 *  (HeapProfiler.collectGarbage, Runtime.getHeapUsage on the worker's target), or null if unreachable. */
async function serviceWorkerHeap(s: { context: BrowserContext }): Promise<number | null> {
  const page = await s.context.newPage();
  try {
    const cdp = await s.context.newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    if (!sw) return null;
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as { sessionId: string };
    let id = 0;
    const waiting = new Map<number, (r: unknown) => void>();
    cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
      const m = JSON.parse(e.message) as { id?: number; result?: unknown };
      if (e.sessionId === sessionId && m.id !== undefined) waiting.get(m.id)?.(m.result);
    });
    const call = (method: string) =>
      new Promise<unknown>((ok) => {
        const mid = ++id;
        waiting.set(mid, ok);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: mid, method }) });
      });
    await call('HeapProfiler.collectGarbage');
    const usage = (await call('Runtime.getHeapUsage')) as { usedSize?: number } | undefined;
    await cdp.send('Target.detachFromTarget', { sessionId });
    await cdp.detach();
    return usage?.usedSize ?? null;
  } catch {
    return null;
  } finally {
    await page.close();
  }
}

interface Imported {
  stories: number;
  seed: string;
  job: Job;
  importMs: number;
  wallMs: number;
  textBytes: number;
  files: string[];
  diskBytes: number;
  usage: { usage?: number };
  /** Long tasks on the options page's main thread during the import. */
  mainThread?: { tasks_over_50ms: number; longest_ms: number };
}

/**
 * The generated corpus as JSON Lines files: written to `work`, or with --corpus kept in that folder
 * and reused by later runs of the same size and seed (a million stories take ~15 minutes to make).
 */
function corpusFiles(gen: CorpusGenerator, work: string): { files: string[]; textBytes: number } {
  const dir = opt.corpus ?? work;
  const marker = join(dir, `corpus-${STORIES}-${opt.seed}-${FILES}.json`);
  if (opt.corpus && existsSync(marker)) {
    process.stderr.write(`Reusing the corpus in ${dir}.\n`);
    return JSON.parse(readFileSync(marker, 'utf8')) as { files: string[]; textBytes: number };
  }
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`Generating ${STORIES} stories (seed ${opt.seed})…\n`);
  const files: string[] = [];
  let textBytes = 0;
  const per = Math.ceil(STORIES / FILES);
  for (let f = 0; f * per < STORIES; f++) {
    const lines: string[] = [];
    for (let i = f * per; i < Math.min(STORIES, (f + 1) * per); i++) {
      const st = gen.story(i).story;
      textBytes += Buffer.byteLength(st.title) + Buffer.byteLength(st.text);
      lines.push(JSON.stringify(st));
    }
    const file = join(dir, `corpus-${STORIES}-${opt.seed}-${f}.jsonl`);
    writeFileSync(file, lines.join('\n') + '\n');
    files.push(file);
  }
  if (opt.corpus) writeFileSync(marker, JSON.stringify({ files, textBytes }));
  return { files, textBytes };
}

/** Imports the generated corpus through the options page. */
async function importCorpus(options: Page, gen: CorpusGenerator, work: string, idbDir: string): Promise<Imported> {
  const { files, textBytes } = corpusFiles(gen, work);
  const before = duBytes(idbDir);
  process.stderr.write(`Importing ${files.length} files through the options page…\n`);
  await options.fill('#collection-name', 'Benchmark');
  const wall0 = Date.now();
  // The options page's main thread while it imports: every task over 50 ms (Long Tasks API).
  await options.evaluate(`(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask' });
  })()`);
  await options.setInputFiles('#import-files', files);
  let job: Job | undefined;
  let lastLine = Date.now();
  for (;;) {
    await options.waitForTimeout(500);
    const jobs = await call<Job[]>(options, 'listImportJobs');
    job = jobs.find((j) => j.collectionName === 'Benchmark');
    if (job && job.state !== 'running') break;
    // A line every 30 s: the import rate as the corpus grows (long runs); the count in between.
    if (job && Date.now() - lastLine >= 30_000) {
      lastLine = Date.now();
      process.stderr.write(`  ${Math.round((Date.now() - wall0) / 1000)} s: ${job.added} stories\n`);
    } else if (job) process.stderr.write(`  ${job.added} stories…\r`);
  }
  const wallMs = Date.now() - wall0;
  const longTasks = (await options.evaluate('window.__longTasks')) as number[];
  if (job.state !== 'done') throw new Error(`import ended ${job.state}: ${job.error}`);
  const importMs = (job.finishedAt ?? Date.now()) - job.startedAt;
  process.stderr.write(`\nImported ${job.added} stories in ${round(importMs / 1000)} s.\n`);
  // Let the background finish its upkeep and LevelDB settle before measuring the disk.
  await call(options, 'corpusChanged');
  await options.waitForTimeout(3000);
  const usage = await call<{ usage?: number }>(options, 'storageUsage');
  const mainThread = { tasks_over_50ms: longTasks.length, longest_ms: Math.round(Math.max(0, ...longTasks)) };
  return {
    stories: STORIES,
    seed: opt.seed!,
    job,
    importMs,
    wallMs,
    textBytes,
    files,
    diskBytes: duBytes(idbDir) - before,
    usage,
    mainThread,
  };
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'storytrace-import-bench-'));
  const profile = opt.profile ?? join(work, 'profile');
  const kept = opt.profile ? keptCorpus<Imported>(profile) : undefined;
  try {
    const gen = new CorpusGenerator({ seed: Number(opt.seed) });
    if (opt['generate-only']) {
      corpusFiles(gen, work);
      return;
    }
    const pages = Array.from({ length: QUERIES + COLD + 3 }, (_, k) => gen.page(k, STORIES));
    const s = await launchExtension({ profileDir: profile, extensionDir: opt.profile ? prepareKeptProfile(profile) : undefined });
    try {
      const options = await s.openExtensionPage('options.html');
      await options.waitForSelector('#import-files', { state: 'attached' });
      let imported: Imported;
      if (kept) {
        if (kept.stories !== STORIES || kept.seed !== opt.seed)
          throw new Error(`--profile holds ${kept.stories} stories of seed ${kept.seed}`);
        imported = kept;
        process.stderr.write(`Reusing the ${imported.stories} stories imported into ${profile}.\n`);
      } else {
        imported = await importCorpus(options, gen, work, join(profile, 'Default', 'IndexedDB'));
        if (opt.profile) recordKeptCorpus(profile, imported);
      }
      const { job, importMs, wallMs, textBytes, files, diskBytes, usage, mainThread } = imported;

      // Warm: the worker is running and the database open; every page text is new (no cache hit).
      const bridge = await s.openExtensionPage('viewer.html');
      for (let k = 0; k < 3; k++) await timedCheck(bridge, pages[k].page.text, pages[k].page.title, `https://bench.example/warmup/${k}`);
      const warm: number[] = [];
      const steps = new Map<string, number[]>();
      let expected = 0;
      let found = 0;
      for (let k = 3; k < 3 + QUERIES; k++) {
        const p = pages[k];
        const r = await timedCheck(bridge, p.page.text, p.page.title, `https://bench.example/warm/${k}`);
        warm.push(r.ms);
        for (const [step, ms] of Object.entries(r.timings ?? {})) steps.set(step, [...(steps.get(step) ?? []), ms]);
        for (const e of p.label.expect.filter((x) => x.as === 'duplicate')) {
          expected++;
          if (r.duplicates.includes(e.id)) found++;
        }
      }
      const heapWarm = await serviceWorkerHeap(s);
      // Cold: the browser stops the worker (as it does when idle); the next check wakes it, opens
      // the database and queries.
      const cold: number[] = [];
      for (let k = 3 + QUERIES; k < 3 + QUERIES + COLD; k++) {
        await stopServiceWorker(s);
        await bridge.waitForTimeout(300);
        const p = pages[k];
        cold.push((await timedCheck(bridge, p.page.text, p.page.title, `https://bench.example/cold/${k}`)).ms);
      }

      const heapCold = await serviceWorkerHeap(s);
      process.stderr.write('Same-process baselines…\n');
      const baseline = await runBaselines(bridge, job.added, textBytes / Math.max(1, job.added));
      const warmSummary = summarize(warm);
      const storiesPerSecond = Math.round(job.added / (importMs / 1000));
      const coldSummary = summarize(cold);
      const result = {
        what: 'browser-import',
        chromium: s.context.browser()?.version() ?? 'chromium',
        stories: job.added,
        files: files.length,
        text_mb: round(textBytes / 1e6, 2),
        import: {
          seconds: round(importMs / 1000, 2),
          wall_seconds_from_file_input: round(wallMs / 1000, 2),
          stories_per_second: storiesPerSecond,
          baseline: 'bare story-row writes, no analysis or postings (storage ceiling)',
          baseline_stories_per_second: baseline.store_rows_per_second,
          ratio: round(storiesPerSecond / baseline.store_rows_per_second, 3),
          text_mb_per_second: round(textBytes / 1e6 / (importMs / 1000), 2),
          // ImportTimings (lib/import/job-types.ts): where the import worker's time went.
          steps_ms: job.timings,
          options_page_main_thread: mainThread ?? null,
        },
        disk: {
          indexeddb_bytes: diskBytes,
          bytes_per_text_mb: Math.round(diskBytes / (textBytes / 1e6)),
          ratio_to_text: round(diskBytes / textBytes, 2),
          storage_estimate_bytes: usage.usage,
        },
        query_warm_ms: warmSummary,
        query_baseline: {
          baseline: 'linear scan of the story rows',
          baseline_median_ms: baseline.linear_scan_check_ms,
          rows_read: baseline.scan_rows_read,
          ratio: round(warmSummary.median_ms / baseline.linear_scan_check_ms, 4),
        },
        query_cold_ms: coldSummary,
        // Medians of the index's own step timings over the warm checks (QueryTimings in lib/index/types.ts).
        query_warm_steps_median_ms: Object.fromEntries([...steps].map(([step, v]) => [step, summarize(v).median_ms])),
        service_worker_heap_mb: {
          after_warm_checks: heapWarm === null ? null : round(heapWarm / 1e6, 2),
          after_cold_checks: heapCold === null ? null : round(heapCold / 1e6, 2),
        },
        duplicates_found: `${found}/${expected}`,
        command: opt.quick
          ? 'npm run bench:browser -- --quick'
          : `npm run bench:browser -- --stories ${STORIES} --queries ${QUERIES} --cold ${COLD} --seed ${opt.seed}`,
      };
      mkdirSync(dirname(opt.out!), { recursive: true });
      writeFileSync(opt.out!, JSON.stringify(result, null, 2) + '\n');
      const stories = job.added;
      printRows(
        [
          {
            what: 'import',
            corpus_stories: stories,
            per_second: storiesPerSecond,
            baseline: 'bare story-row writes',
            baseline_per_second: baseline.store_rows_per_second,
            ratio: result.import.ratio,
            steps_ms: job.timings,
          },
          {
            what: 'check-warm',
            corpus_stories: stories,
            ...warmSummary,
            ...result.query_baseline,
            steps_ms: result.query_warm_steps_median_ms,
          },
          {
            what: 'check-cold',
            corpus_stories: stories,
            ...coldSummary,
            ...result.query_baseline,
            ratio: round(coldSummary.median_ms / baseline.linear_scan_check_ms, 4),
          },
          {
            what: 'sw-heap',
            corpus_stories: stories,
            value: result.service_worker_heap_mb.after_warm_checks,
            unit: 'MB after warm checks',
          },
          {
            what: 'disk',
            corpus_stories: stories,
            value: Math.round(diskBytes / stories),
            unit: `bytes/story (${result.disk.ratio_to_text}× text)`,
          },
          {
            what: 'options-long-tasks',
            corpus_stories: stories,
            value: mainThread?.tasks_over_50ms ?? null,
            unit: `tasks > 50 ms (longest ${mainThread?.longest_ms ?? '?'} ms)`,
          },
        ],
        Boolean(opt.json),
      );
      process.stderr.write(`Full result: ${opt.out}\n`);
      if (found < expected) throw new Error(`missed ${expected - found} of the ${expected} duplicates the pages hold`);
    } finally {
      await s.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
