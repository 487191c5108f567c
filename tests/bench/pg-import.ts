// Import rate into the team index: a throwaway PostgreSQL, a generated corpus of N stories as JSON
// Lines, and `storytrace index --db` run as its own process under /usr/bin/time -v (wall time, peak
// RSS). Then, in the same run and on the same server, the floor: PostgreSQL's own COPY of the same
// story rows alone (dumped from the imported table to a server file, loaded into a table LIKE
// stories INCLUDING ALL: same columns, keys, indexes and compression), with no client in the way.
// Also in the same run: the client's analysis alone on a sample of the stories (one core), and the
// same server COPY of the compacted posting tables, so the import's time can be split.
//
//   npm run bench:pg-import -- [STORIES=100000] [--sample 5000] [--threads N] [--baseline-threads M]
//
// --threads is passed to `storytrace index`; --baseline-threads first runs the same import with
// that thread count into a database of its own on the same server (0: analysis on the main thread),
// so the two are compared in one run.
//
// The machine is shared: the load average is sampled through the import and printed beside it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { analyseStory } from '../../lib/match/analyse';
import { startPostgres, type PgServer } from '../support/postgres';
import { CorpusGenerator } from './generate-corpus';

const ROOT = join(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const STORIES = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const SAMPLE = Math.min(STORIES, Number(flag('--sample') ?? 5000));
const THREADS = flag('--threads');
const BASELINE_THREADS = flag('--baseline-threads');

const log = (m: string) => process.stderr.write(m + '\n');
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;
const load = () => loadavg().map(r2);

/** Writes the corpus; returns the UTF-8 bytes of its titles and texts (what an analyst imports). */
async function writeCorpus(file: string): Promise<{ textBytes: number; seconds: number }> {
  const out = createWriteStream(file);
  const gen = new CorpusGenerator({ seed: 1 });
  const t0 = performance.now();
  let textBytes = 0;
  let i = 0;
  for (const { story } of gen.stories(STORIES)) {
    textBytes += Buffer.byteLength(story.title) + Buffer.byteLength(story.text);
    if (!out.write(JSON.stringify(story) + '\n')) await once(out, 'drain');
    if (++i % 20_000 === 0) log(`  generated ${i} stories`);
  }
  await new Promise<void>((ok, ko) => out.end((e?: Error | null) => (e ? ko(e) : ok())));
  return { textBytes, seconds: (performance.now() - t0) / 1000 };
}

interface ImportRun {
  wallSeconds: number;
  /** The CLI's own figure: reading, analysis and writing, compaction excluded. */
  importSeconds: number;
  compactSeconds: number;
  peakRssMB: number;
  added: number;
  loadDuring: { mean1: number; max1: number };
}

/** `storytrace index --db URL --corpus FILE` under /usr/bin/time -v. */
async function runImport(url: string, corpus: string, threads: string | undefined): Promise<ImportRun> {
  const argv = ['-v', process.execPath, join(ROOT, 'bin/storytrace.mjs'), 'index', '--db', url, '--corpus', corpus];
  if (threads !== undefined) argv.push('--threads', threads);
  const proc = spawn('/usr/bin/time', argv, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const loads: number[] = [];
  const sampler = setInterval(() => loads.push(loadavg()[0]), 2000);
  const t0 = performance.now();
  const [code] = (await once(proc, 'exit')) as [number];
  const wallSeconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  if (code !== 0) throw new Error(`storytrace index exited ${code}:\n${err.slice(-3000)}`);
  const result = JSON.parse(out.trim().split('\n').pop()!) as { added: number; seconds: number };
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
  const compact = /compacted .* in ([\d.]+) s/.exec(err);
  return {
    wallSeconds,
    importSeconds: result.seconds,
    compactSeconds: compact ? Number(compact[1]) : NaN,
    peakRssMB: rss ? Math.round(Number(rss[1]) / 1024) : NaN,
    added: result.added,
    loadDuring: { mean1: r2(loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length)), max1: r2(Math.max(...loads)) },
  };
}

/** Seconds of a server-side COPY of `table`'s rows into an empty copy of it (LIKE … INCLUDING ALL). */
async function serverCopy(pgs: PgServer, client: pg.Client, table: string): Promise<number> {
  const file = join(pgs.dir, `${table}.copy`);
  await client.query(`COPY ${table} TO '${file}'`);
  await client.query(`CREATE TABLE floor_${table} (LIKE ${table} INCLUDING ALL)`);
  await client.query('CHECKPOINT'); // the dump's dirty pages are not charged to the load
  const t0 = performance.now();
  await client.query(`COPY floor_${table} FROM '${file}'`);
  const seconds = (performance.now() - t0) / 1000;
  await client.query(`DROP TABLE floor_${table}`);
  rmSync(file, { force: true });
  return seconds;
}

async function main() {
  log(`pg import: ${STORIES} stories; load average at start ${load().join(' ')}`);
  // The same server settings as serve-latency.ts (fsync off: a benchmark server, not a durable one).
  const pgs = await startPostgres({
    settings: { shared_buffers: '2GB', effective_cache_size: '8GB', synchronous_commit: 'off', fsync: 'off', full_page_writes: 'off', max_wal_size: '8GB' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'storytrace-bench-pg-import-'));
  try {
    const corpus = join(dir, 'corpus.jsonl');
    const gen = await writeCorpus(corpus);
    const fileBytes = statSync(corpus).size;
    log(`  corpus: ${STORIES} stories, ${r1(gen.textBytes / 1e6)} MB of text (${r1(fileBytes / 1e6)} MB JSONL) in ${r1(gen.seconds)} s`);

    let baseline: (ImportRun & { threads: string; storiesPerSecond: number }) | undefined;
    if (BASELINE_THREADS !== undefined) {
      const admin = new pg.Client({ connectionString: pgs.url });
      await admin.connect();
      await admin.query('CREATE DATABASE storytrace_baseline');
      const url = pgs.url.replace(/\/storytrace$/, '/storytrace_baseline');
      try {
        const b = await runImport(url, corpus, BASELINE_THREADS);
        baseline = { threads: BASELINE_THREADS, ...b, storiesPerSecond: Math.round(b.added / b.importSeconds) };
        log(`  baseline (--threads ${BASELINE_THREADS}): ${b.added} stories in ${b.importSeconds} s, peak RSS ${b.peakRssMB} MB`);
      } finally {
        await admin.query('DROP DATABASE storytrace_baseline');
        await admin.end();
      }
    }
    const loadBefore = load();
    const imp = await runImport(pgs.url, corpus, THREADS);
    const loadAfter = load();
    log(`  import: ${imp.added} stories in ${imp.importSeconds} s (+ compaction ${imp.compactSeconds} s), wall ${r1(imp.wallSeconds)} s, peak RSS ${imp.peakRssMB} MB`);

    const client = new pg.Client({ connectionString: pgs.url });
    await client.connect();
    try {
      await client.query('VACUUM ANALYZE');
      const dbBytes = Number((await client.query("SELECT pg_database_size('storytrace') AS b")).rows[0].b);
      const sizes = (
        await client.query(
          "SELECT relname, pg_total_relation_size(c.oid) AS b FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND relkind = 'r' ORDER BY 2 DESC",
        )
      ).rows.map((r) => ({ table: r.relname as string, MB: r1(Number(r.b) / 1e6) }));
      const buckets = (
        await client.query(
          "SELECT 'fp' AS t, count(*) AS rows, avg(cardinality(keys)) AS per_row FROM fp_postings UNION ALL SELECT 'term', count(*), avg(cardinality(keys)) FROM term_postings",
        )
      ).rows.map((r) => ({ table: r.t as string, rows: Number(r.rows), postingsPerRow: r1(Number(r.per_row)) }));
      const termBuckets = Number((await client.query('SELECT count(DISTINCT bucket) AS n FROM term_postings')).rows[0].n);

      const floorStories = await serverCopy(pgs, client, 'stories');
      log(`  floor: server COPY of the story rows alone ${r1(floorStories)} s`);
      const floorFp = await serverCopy(pgs, client, 'fp_postings');
      const floorTerms = await serverCopy(pgs, client, 'term_postings');
      log(`  server COPY of the compacted posting rows: fingerprints ${r1(floorFp)} s, terms ${r1(floorTerms)} s`);

      // The client's share: analysis alone, in this process (one core), on the first SAMPLE stories.
      const g = new CorpusGenerator({ seed: 1 });
      const sample = [...g.stories(SAMPLE)].map((s) => s.story);
      const a0 = performance.now();
      for (const s of sample) analyseStory(s);
      const analysisPerSecond = SAMPLE / ((performance.now() - a0) / 1000);
      log(`  analysis alone: ${Math.round(analysisPerSecond)} stories/s on one core (${SAMPLE} stories)`);

      const rate = imp.added / imp.importSeconds;
      const floorRate = STORIES / floorStories;
      const result = {
        stories: STORIES,
        textMB: r1(gen.textBytes / 1e6),
        ...(baseline ? { baseline } : {}),
        import: { threads: THREADS ?? 'default', ...imp, storiesPerSecond: Math.round(rate), withCompactionPerSecond: Math.round(imp.added / (imp.importSeconds + imp.compactSeconds)) },
        floor: { storyCopySeconds: r2(floorStories), storiesPerSecond: Math.round(floorRate), importOverFloor: r2(floorRate / rate) },
        postingCopySeconds: { fingerprints: r2(floorFp), terms: r2(floorTerms) },
        analysisAloneStoriesPerSecond: Math.round(analysisPerSecond),
        databaseMB: r1(dbBytes / 1e6),
        databaseOverText: r2(dbBytes / gen.textBytes),
        bytesPerStory: Math.round(dbBytes / STORIES),
        tables: sizes,
        postingRows: buckets,
        termBuckets,
        loadAverage: { before: loadBefore, during: imp.loadDuring, after: loadAfter },
      };
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    } finally {
      await client.end();
    }
  } finally {
    await pgs.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
