// Check latency through `storytrace serve`: a throwaway PostgreSQL holding N generated stories, the
// server as its own process, and 1, 8 and 32 concurrent clients each running whole checks (the
// reuse request, local alignment, the related request) through the team client, as the extension
// does. Then the same against a streaming replica (pg_basebackup) started here, with --read-db.
//
//   npm run bench:serve -- [STORIES=100000] [--checks N] [--profile-only]
//
// --profile-only stops after the in-process baseline and its per-read profile.
//
// Server-side times are the server's own per-request log lines (request read → answer written);
// client-side times are whole checks as the client sees them, on the same 2 cores as the server
// and PostgreSQL. Bounded: every level runs a fixed number of checks against 127.0.0.1 only.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresBackend } from '../../lib/index/postgres/backend';
import { PageChecker, StoryIndex } from '../../lib/index/story-index';
import type { PageInput } from '../../lib/index/types';
import { TeamClient } from '../../lib/server/team-client';
import { TeamSource } from '../../lib/server/team-source';
import { startPostgres, type PgServer } from '../support/postgres';
import { CorpusGenerator } from './generate-corpus';
import { quantile } from './stats';

const ROOT = join(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const STORIES = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const CHECKS = Number(flag('--checks') ?? 300);
const LEVELS = [1, 8, 32];
const PAGES = 200;
const TOKEN = 'bench-token-0123456789abcdef';

const log = (m: string) => process.stderr.write(m + '\n');
const r1 = (x: number) => Math.round(x * 10) / 10;

interface Serve {
  proc: ChildProcess;
  url: string;
  /** Server log lines of requests: route and ms. */
  requests: { route: string; ms: number; status: number }[];
  stop(): Promise<void>;
}

function startServe(db: string, tokens: string, readDb?: string): Promise<Serve> {
  const argv = ['serve', '--db', db, '--listen', '127.0.0.1:0', '--tokens', tokens, '--rate', '100000', '--burst', '100000', '--connections', '16'];
  if (readDb) argv.push('--read-db', readDb);
  const proc = spawn(process.execPath, [join(ROOT, 'bin/storytrace.mjs'), ...argv], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const requests: Serve['requests'] = [];
  let buf = '';
  return new Promise((resolve, reject) => {
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (d: string) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        let j: { msg?: string; port?: number; route?: string; ms?: number; status?: number };
        try {
          j = JSON.parse(line);
        } catch {
          continue;
        }
        if (j.msg === 'serving')
          resolve({
            proc,
            url: `http://127.0.0.1:${j.port}`,
            requests,
            stop: () => new Promise((ok) => (proc.once('exit', () => ok()), proc.kill('SIGTERM'))),
          });
        if (j.msg === 'request' && j.route && typeof j.ms === 'number') requests.push({ route: j.route, ms: j.ms, status: j.status ?? 0 });
      }
    });
    proc.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
}

async function fill(pg: PgServer): Promise<number> {
  const backend = await openPostgresBackend(pg.url);
  const index = new StoryIndex(backend);
  await index.backend.ensureCollection({ id: 'bench', name: 'bench' });
  const have = await backend.storyCount();
  const gen = new CorpusGenerator({ seed: 1 });
  const t0 = performance.now();
  const BATCH = 1000;
  for (let from = have; from < STORIES; from += BATCH) {
    const batch = [...gen.stories(Math.min(BATCH, STORIES - from), from)].map((g) => g.story);
    await index.addStories({ id: 'bench', name: 'bench' }, batch);
    if ((from / BATCH) % 10 === 0) log(`  imported ${from + batch.length} stories (${Math.round((from + batch.length - have) / ((performance.now() - t0) / 1000))}/s)`);
  }
  // As `storytrace index` ends: the batches' posting rows folded into one row per bucket.
  const c0 = performance.now();
  const folded = await backend.compact();
  log(`  compacted: fingerprint rows ${folded.fingerprintRowsBefore} → ${folded.fingerprintRowsAfter}, term rows ${folded.termRowsBefore} → ${folded.termRowsAfter} in ${r1((performance.now() - c0) / 1000)} s`);
  const n = await backend.storyCount();
  await backend.close();
  return n;
}

interface LevelResult {
  clients: number;
  checks: number;
  /** Whole checks, client side. */
  checkP50: number;
  checkP95: number;
  /** Server-side per request. */
  reuseP50: number;
  reuseP95: number;
  relatedP50: number;
  relatedP95: number;
  /** Server-side time of a check: its two requests. */
  serverCheckP50: number;
  throughput: number;
  errors: number;
}

async function runLevel(serve: Serve, pages: PageInput[], clients: number, checks: number): Promise<LevelResult> {
  const checker = new PageChecker(new TeamSource(new TeamClient({ url: serve.url, token: TOKEN, timeoutMs: 60_000 })));
  const from = serve.requests.length;
  const times: number[] = [];
  let next = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const k = next++;
        if (k >= checks) return;
        const s = performance.now();
        try {
          await checker.query(pages[k % pages.length]);
          times.push(performance.now() - s);
        } catch {
          errors++;
        }
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  await new Promise((ok) => setTimeout(ok, 200)); // the last log lines
  const reqs = serve.requests.slice(from).filter((r) => r.status === 200);
  const reuse = reqs.filter((r) => r.route === 'POST /v1/check/reuse').map((r) => r.ms);
  const related = reqs.filter((r) => r.route === 'POST /v1/check/related').map((r) => r.ms);
  const q = (xs: number[], p: number) => r1(quantile(xs, p));
  return {
    clients,
    checks: times.length,
    checkP50: q(times, 0.5),
    checkP95: q(times, 0.95),
    reuseP50: q(reuse, 0.5),
    reuseP95: q(reuse, 0.95),
    relatedP50: q(related, 0.5),
    relatedP95: q(related, 0.95),
    serverCheckP50: r1(quantile(reuse, 0.5) + quantile(related, 0.5)),
    throughput: r1(times.length / wall),
    errors,
  };
}

/** `target` with each method's time recorded under its name (calls the target makes on itself are
 *  not counted again). */
function timedMethods<T extends object>(target: T, calls: Map<string, number[]>): T {
  const record = (name: string, ms: number) => {
    let list = calls.get(name);
    if (!list) calls.set(name, (list = []));
    list.push(ms);
  };
  return new Proxy(target, {
    get(t, prop, receiver) {
      const v = Reflect.get(t, prop, receiver);
      if (typeof v !== 'function' || typeof prop !== 'string' || prop === 'constructor') return v;
      return (...args: unknown[]) => {
        const s = performance.now();
        const out = (v as (...a: unknown[]) => unknown).apply(t, args);
        if (out instanceof Promise) return out.finally(() => record(prop, performance.now() - s));
        record(prop, performance.now() - s);
        return out;
      };
    },
  });
}

async function main() {
  log(`serve latency: ${STORIES} stories, ${CHECKS} checks per level (x clients/8 at 32), levels ${LEVELS.join(', ')}`);
  const pg = await startPostgres({
    settings: { shared_buffers: '2GB', effective_cache_size: '8GB', wal_level: 'replica', max_wal_senders: '4', synchronous_commit: 'off', fsync: 'off', full_page_writes: 'off' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'storytrace-bench-serve-'));
  const tokens = join(dir, 'tokens.json');
  writeFileSync(tokens, JSON.stringify([{ analyst: 'bench', token: TOKEN, access: 'read' }]));
  try {
    const t0 = performance.now();
    const n = await fill(pg);
    log(`corpus: ${n} stories in ${r1((performance.now() - t0) / 1000)} s`);
    await pg.sql('VACUUM ANALYZE');
    const gen = new CorpusGenerator({ seed: 1 });
    const pages = Array.from({ length: PAGES }, (_, k) => {
      const p = gen.page(k, n).page;
      return { text: p.text, title: p.title, url: p.url };
    });
    // Baseline in the same run: the same checks in this process straight on the PostgreSQL backend,
    // no HTTP, one at a time (what the server adds is the difference).
    const direct = await openPostgresBackend(pg.url);
    const calls = new Map<string, number[]>();
    const local = new StoryIndex(timedMethods(direct, calls));
    for (const p of pages) await local.query(p);
    calls.clear();
    const baseline: number[] = [];
    for (let k = 0; k < CHECKS; k++) {
      const s = performance.now();
      await local.query(pages[k % pages.length]);
      baseline.push(performance.now() - s);
    }
    await direct.close();
    const base = { p50: r1(quantile(baseline, 0.5)), p95: r1(quantile(baseline, 0.95)) };
    log(`  baseline, in process on the backend: check p50 ${base.p50} ms p95 ${base.p95} ms`);
    // Where a check's time goes: each backend read's median, and how many a check makes.
    const profile = Object.fromEntries(
      [...calls].map(([name, ms]) => [name, { p50: r1(quantile(ms, 0.5)), perCheck: r1(ms.length / CHECKS), totalPerCheck: r1(ms.reduce((a, b) => a + b, 0) / CHECKS) }]),
    );
    log(`  profile (in process, ms): ${JSON.stringify(profile)}`);
    if (args.includes('--profile-only')) {
      process.stdout.write(JSON.stringify({ stories: n, baseline: base, profile }, null, 2) + '\n');
      return;
    }
    const results: Record<string, LevelResult[]> = {};
    for (const target of ['primary', 'replica'] as const) {
      let readDb: string | undefined;
      if (target === 'replica') {
        const replica = await pg.startReplica();
        await pg.waitForReplicas();
        readDb = replica.url;
      }
      const serve = await startServe(pg.url, tokens, readDb);
      try {
        // Warm: every page once, so both runs start from the same caches.
        await runLevel(serve, pages, 4, PAGES);
        results[target] = [];
        for (const c of LEVELS) {
          const r = await runLevel(serve, pages, c, c >= 32 ? CHECKS * 2 : CHECKS);
          log(`  ${target} ${c} clients: check p50 ${r.checkP50} ms p95 ${r.checkP95} ms; server reuse p50 ${r.reuseP50} p95 ${r.reuseP95}, related p50 ${r.relatedP50} p95 ${r.relatedP95}; ${r.throughput} checks/s; ${r.errors} errors`);
          results[target].push(r);
        }
      } finally {
        await serve.stop();
      }
    }
    const size = await pg.sql("SELECT pg_database_size('storytrace')");
    process.stdout.write(JSON.stringify({ stories: n, databaseBytes: Number(size[0][0]), baseline: base, profile, results }, null, 2) + '\n');
    process.stdout.write(`\nbaseline (in process, no HTTP, 1 client): check p50 ${base.p50} ms, p95 ${base.p95} ms\n`);
    process.stdout.write('\n| target | clients | check p50 / p95 (client) | reuse request p50 / p95 (server) | related request p50 / p95 (server) | checks/s | errors |\n|---|---|---|---|---|---|---|\n');
    for (const [target, rows] of Object.entries(results))
      for (const r of rows)
        process.stdout.write(`| ${target} | ${r.clients} | ${r.checkP50} / ${r.checkP95} ms | ${r.reuseP50} / ${r.reuseP95} ms | ${r.relatedP50} / ${r.relatedP95} ms | ${r.throughput} | ${r.errors} |\n`);
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
