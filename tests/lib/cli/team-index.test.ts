// The team-index commands against a real throwaway PostgreSQL: index → collections → check --db
// (the same output as check --corpus) → delete, and a SIGKILLed `storytrace index` completed by a
// re-run with nothing doubled or lost.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../lib/cli/main';
import { generateCorpus } from '../../bench/generate-corpus';
import { startPostgres, type PgServer } from '../../support/postgres';

const ROOT = join(import.meta.dirname, '../../..');
const SEEDS = join(ROOT, 'tests/fixtures/seeds');
const BIN = join(ROOT, 'bin/storytrace.mjs');

let server: PgServer;
const dir = mkdtempSync(join(tmpdir(), 'storytrace-team-cli-'));

beforeAll(async () => {
  server = await startPostgres({ settings: { fsync: 'off' } });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** Consistency of an index straight from the tables: each collection's count matches its stories,
 *  no id twice, and the posting rows hold exactly one entry per stored story fingerprint. */
async function invariants(url: string) {
  const db = url.slice(url.lastIndexOf('/') + 1);
  const q = async (sql: string) => (await server.sql(sql, db))[0][0];
  const stories = Number(await q('SELECT count(*) FROM stories'));
  expect(await q('SELECT count(DISTINCT id) FROM stories')).toBe(String(stories));
  expect(await q('SELECT coalesce(sum(stories), 0) FROM collections')).toBe(String(stories));
  const held = await q('SELECT coalesce(sum(cardinality(fingerprints)), 0) FROM stories');
  const posted = await q('SELECT coalesce(sum(cardinality(k)), 0) FROM (SELECT keys AS k FROM fp_postings) x');
  expect(posted).toBe(held);
  const keysPosted = await q('SELECT count(DISTINCT k) FROM fp_postings, unnest(keys) k');
  expect(keysPosted).toBe(await q('SELECT count(*) FROM stories WHERE cardinality(fingerprints) > 0'));
  return stories;
}

describe('storytrace index / check / collections --db', () => {
  it('indexes the seeds, lists them, checks pages exactly as check --corpus does, and deletes', async () => {
    const url = await server.createDatabase('roundtrip');
    const indexed = await run(['index', '--db', url, '--corpus', SEEDS]);
    expect(indexed.code).toBe(0);
    expect(JSON.parse(indexed.out[0])).toMatchObject({ added: 22, alreadyPresent: 0, files: 5 });
    expect(indexed.err.some((l) => /indexed 22 stories .* stories\/s/.test(l))).toBe(true);

    const listed = await run(['collections', '--db', url]);
    expect(listed.out.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ id: SEEDS, name: 'seeds', stories: 22, enabled: true })]);

    const page = join(SEEDS, '001_0a55803d26681c2e.txt');
    const local = await run(['check', '--corpus', SEEDS, page]);
    const team = await run(['check', '--db', url, page]);
    expect(team.code).toBe(0);
    expect(team.out).toEqual(local.out);
    expect(JSON.parse(team.out[0]).duplicates.length).toBeGreaterThan(0);

    const pages = join(dir, 'pages.jsonl');
    writeFileSync(pages, [JSON.stringify({ id: 'p1', text: 'Nothing at all like any story here, just a short note about lunch.' }), 'not json'].join('\n'));
    const a = await run(['check', '--corpus', SEEDS, '--pages', pages, '--top', '3']);
    const b = await run(['check', '--db', url, '--pages', pages, '--top', '3']);
    expect(b.out).toEqual(a.out);
    expect(b.err).toEqual(expect.arrayContaining([expect.stringMatching(/line 2: not valid JSON/)]));

    // A second run adds nothing.
    expect(JSON.parse((await run(['index', '--db', url, '--corpus', SEEDS])).out[0])).toMatchObject({ added: 0, alreadyPresent: 22 });
    await invariants(url);

    const deleted = await run(['collections', '--db', url, '--delete', 'seeds']);
    expect(JSON.parse(deleted.out[0])).toMatchObject({ deleted: SEEDS, stories: 22 });
    expect((await run(['collections', '--db', url])).out).toEqual([]);
    expect((await run(['check', '--db', url, page])).code).toBe(2);
    expect((await run(['collections', '--db', url, '--delete', 'seeds'])).code).toBe(1);
    expect(await invariants(url)).toBe(0);
  }, 120_000);

  it('refuses bad URLs and a database that is not there, with a message', async () => {
    expect((await run(['index', '--corpus', SEEDS])).err[0]).toMatch(/needs --db/);
    expect((await run(['check', '--db', 'mysql://x/y', 'a.txt'])).err[0]).toMatch(/invalid database URL/);
    expect((await run(['check', '--db', 'postgres://x', '--corpus', SEEDS, 'a.txt'])).err[0]).toMatch(/either --corpus or --db/);
    const closed = await run(['collections', '--db', `postgres://postgres@127.0.0.1:1/none`]);
    expect(closed.code).toBe(1);
    expect(closed.err[0]).toMatch(/ECONNREFUSED|connect/);
  });

  it('completes an import SIGKILLed midway on a re-run, nothing doubled or lost', async () => {
    const url = await server.createDatabase('killed');
    const corpus = join(dir, 'corpus.jsonl');
    const stories = [...generateCorpus(1200, { seed: 7 })].map((g) => g.story);
    writeFileSync(corpus, stories.map((s) => JSON.stringify(s)).join('\n') + '\n');
    const ids = new Set(stories.map((s) => s.id));

    const child = spawn(process.execPath, [BIN, 'index', '--db', url, '--corpus', corpus, '--batch', '100'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const killedAt = await new Promise<number>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = /indexed ([\d,]+) stories/.exec(stderr.split('\n').filter(Boolean).pop() ?? '');
        const n = m ? Number(m[1].replace(/,/g, '')) : 0;
        if (n > 0 && n < ids.size) {
          child.kill('SIGKILL');
          resolve(n);
        }
      });
      child.on('exit', () => reject(new Error(`storytrace index ended before it was killed: ${stderr}`)));
    });
    await new Promise((ok) => (child.exitCode !== null || child.signalCode !== null ? ok(null) : child.once('exit', ok)));
    expect(child.signalCode).toBe('SIGKILL');
    // What the killed run committed is whole; what it had not committed is absent.
    const partial = await invariants(url);
    expect(partial).toBeGreaterThanOrEqual(killedAt);
    expect(partial).toBeLessThan(ids.size);

    const rerun = await run(['index', '--db', url, '--corpus', corpus]);
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.out[0])).toMatchObject({ added: ids.size - partial, alreadyPresent: stories.length - (ids.size - partial) });
    expect(await invariants(url)).toBe(ids.size);
    // A story from each side of the kill is found as its own duplicate.
    for (const s of [stories[0], stories[stories.length - 1]]) {
      const page = join(dir, 'page.jsonl');
      writeFileSync(page, JSON.stringify({ id: 'p', text: s.text, title: s.title }));
      const r = await run(['check', '--db', url, '--pages', page]);
      expect(JSON.parse(r.out[0]).duplicates.map((m: { id: string }) => m.id)).toContain(s.id);
    }
  }, 180_000);
});
