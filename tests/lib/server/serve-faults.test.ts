// `storytrace serve` as a process on a real PostgreSQL primary with a streaming replica behind it
// (--read-db): checks read the replica, and see a story once its whole batch has replayed, never
// part of it; the database restarted under the running server (refused with 503 while down, the
// same answers after); SIGTERM ends it cleanly with exit code 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresBackend, type PostgresBackend } from '../../../lib/index/postgres/backend';
import { PageChecker, StoryIndex } from '../../../lib/index/story-index';
import type { QueryResult } from '../../../lib/index/types';
import { TeamClient } from '../../../lib/server/team-client';
import { TeamSource } from '../../../lib/server/team-source';
import { startPostgres, type PgServer } from '../../support/postgres';
import { testCorpus } from './corpus';
import { raw, READ_TOKEN, TOKENS_JSON, WRITE_TOKEN } from './harness';

const ROOT = join(import.meta.dirname, '../../..');
const { stories, pages } = testCorpus(600, 8, 11);
const strip = (r: QueryResult) => ({ ...r, timings: undefined });

let pg: PgServer;
let replica: PgServer;
let primary: PostgresBackend;
let dir: string;
let proc: ChildProcess;
let url: string;
let stderr = '';

async function startServe(args: string[]): Promise<{ proc: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/storytrace.mjs'), 'serve', ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.setEncoding('utf8');
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000);
    child.stderr!.on('data', (d: string) => {
      stderr += d;
      const m = /"msg":"serving".*?"port":(\d+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return { proc: child, url: `http://127.0.0.1:${port}` };
}

beforeAll(async () => {
  pg = await startPostgres({ settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', wal_level: 'replica' } });
  primary = await openPostgresBackend(pg.url);
  await new StoryIndex(primary).addStories({ id: 'wire', name: 'wire' }, stories.slice(0, 500));
  replica = await pg.startReplica();
  await pg.waitForReplicas();
  dir = mkdtempSync(join(tmpdir(), 'storytrace-serve-'));
  writeFileSync(join(dir, 'tokens.json'), TOKENS_JSON);
  ({ proc, url } = await startServe(['--db', pg.url, '--read-db', replica.url, '--listen', '127.0.0.1:0', '--tokens', join(dir, 'tokens.json'), '--rate', '1000', '--burst', '1000']));
}, 240_000);

afterAll(async () => {
  if (proc && proc.exitCode === null) proc.kill('SIGKILL');
  await primary?.close();
  await pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const remote = () => new PageChecker(new TeamSource(new TeamClient({ url, token: READ_TOKEN, timeoutMs: 20_000 })));
const teamIds = async () => (await new TeamClient({ url, token: READ_TOKEN }).collections()).find((c) => c.id === 'late')?.stories ?? 0;

describe('storytrace serve with --read-db on a streaming replica', () => {
  it('answers checks from the replica exactly as a local check of the primary', async () => {
    const local = new StoryIndex(primary);
    for (const p of pages) expect(strip(await remote().query(p))).toEqual(strip(await local.query(p)));
  }, 120_000);

  it('a replica behind the primary shows a batch whole or not at all, and all of it once replayed', async () => {
    await replica.sql('SELECT pg_wal_replay_pause()');
    const late = stories.slice(500).map((s) => JSON.stringify(s)).join('\n');
    const imp = await raw(url, '/v1/import?collection=late&file=late.jsonl', { method: 'POST', body: late, token: WRITE_TOKEN });
    expect(imp.body).toMatchObject({ added: 100 });
    // Written to the primary, not yet on the replica the checks read.
    expect(await teamIds()).toBe(0);
    expect((await raw(url, `/v1/stories/${encodeURIComponent(stories[550].id)}`, { token: READ_TOKEN })).status).toBe(404);
    await replica.sql('SELECT pg_wal_replay_resume()');
    await pg.waitForReplicas();
    // Replayed is not yet visible to a new snapshot on a hot standby at once: poll a moment.
    let seen = 0;
    for (let i = 0; i < 100 && seen < 100; i++) {
      seen = await teamIds();
      expect([0, 100]).toContain(seen);
      if (seen < 100) await new Promise((ok) => setTimeout(ok, 100));
    }
    expect(seen).toBe(100);
    const s = await new TeamClient({ url, token: READ_TOKEN }).story(stories[550].id);
    expect(s.text).toBe(stories[550].text);
    // Nothing doubled: the replica holds each story once.
    const [[n, distinct]] = await replica.sql('SELECT count(*), count(DISTINCT id) FROM stories');
    expect([Number(n), Number(distinct)]).toEqual([600, 600]);
  }, 120_000);

  it('survives the replica and the primary restarting under it: 503 while down, the same answers after', async () => {
    const before = strip(await remote().query(pages[0]));
    await replica.restart('immediate');
    // Right after an immediate restart the pool's connections are dead: answers are 503 or good, never wrong.
    const during = await Promise.allSettled(Array.from({ length: 8 }, () => remote().query(pages[0])));
    for (const r of during) if (r.status === 'fulfilled') expect(strip(r.value)).toEqual(before);
    else expect(String(r.reason)).toMatch(/503|unavailable|took too long/);
    let after: QueryResult | undefined;
    for (let i = 0; i < 50 && !after; i++) after = await remote().query(pages[0]).catch(async () => (await new Promise((ok) => setTimeout(ok, 200)), undefined));
    expect(after && strip(after)).toEqual(before);
    // The primary too: imports are refused while it is down, then go through once, nothing doubled.
    await pg.restart('immediate');
    const file = JSON.stringify({ id: 'after-restart', title: 'After the restart', text: stories[0].text + ' Updated after the restart.' });
    let imported: Record<string, unknown> | undefined;
    for (let i = 0; i < 50 && !imported; i++) {
      const r = await raw(url, '/v1/import?collection=restart&file=one.jsonl', { method: 'POST', body: file, token: WRITE_TOKEN });
      if (r.status === 200) imported = r.body;
      else {
        expect(r.status).toBe(503);
        await new Promise((ok) => setTimeout(ok, 200));
      }
    }
    expect(imported).toMatchObject({ added: 1 });
    const again = await raw(url, '/v1/import?collection=restart&file=one.jsonl', { method: 'POST', body: file, token: WRITE_TOKEN });
    expect(again.body).toMatchObject({ added: 0, alreadyPresent: 1 });
    const h = await raw(url, '/v1/health');
    expect(h.body).toMatchObject({ ok: true, db: 'ok', readDb: 'ok' });
    expect(proc.exitCode).toBeNull();
  }, 120_000);

  it('SIGTERM: stops accepting, exits 0, logs as JSON lines', async () => {
    const exited = new Promise<number | null>((ok) => proc.once('exit', (code) => ok(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = stderr.trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['serving', 'request', 'shutting down', 'closed']));
  }, 60_000);
});
