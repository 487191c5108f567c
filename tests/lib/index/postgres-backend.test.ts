// The PostgreSQL backend on a real throwaway server (tests/support/postgres.ts): the shared index
// contract, plus what only it promises (migrations, idempotent and concurrent imports, transactional
// removal, interrupted imports, compaction). Each backend gets a schema of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Story } from '../../../lib/corpus/story';
import { analyseStory } from '../../../lib/match/analyse';
import { migrate, MIGRATIONS } from '../../../lib/index/postgres/migrations';
import { openPostgresBackend, type PostgresBackend } from '../../../lib/index/postgres/backend';
import { StoryIndex } from '../../../lib/index/story-index';
import { startPostgres, type PgServer } from '../../support/postgres';
import { brownDocuments } from '../../support/brown';
import { describeIndexContract } from './index-contract';

let server: PgServer;
const open: PostgresBackend[] = [];
let n = 0;

beforeAll(async () => {
  server = await startPostgres({ settings: { fsync: 'off', synchronous_commit: 'off', max_connections: '200' } });
}, 60_000);
afterAll(async () => {
  for (const b of open) await b.close();
  await server?.stop();
}, 60_000);

async function fresh(schema = `t${process.pid}_${n++}`): Promise<PostgresBackend> {
  const b = await openPostgresBackend(server.url, { schema });
  open.push(b);
  return b;
}

describeIndexContract('the PostgreSQL backend', () => fresh());

let pool: string[] | undefined;
const POOL = () => (pool ??= brownDocuments(['ca', 'cb']).flatMap((d) => d.sentences).filter((x) => x.split(' ').length >= 8));

/** Real sentences cut into distinct stories of about 120 words. */
function corpus(count: number, prefix = 's', from = 0): Story[] {
  const pool = POOL();
  const out: Story[] = [];
  let i = from * 6;
  for (let k = 0; k < count; k++) {
    const text: string[] = [];
    while (text.join(' ').split(' ').length < 120) text.push(pool[i++ % pool.length]);
    out.push({ id: `${prefix}${from + k}`, title: `Story ${from + k}`, text: text.join(' '), source: 'Brown' });
  }
  return out;
}

async function allPostings(b: PostgresBackend, stories: Story[]): Promise<Map<number, number[]>> {
  const hashes = [...new Set(stories.flatMap((s) => analyseStory(s).fingerprints))];
  return b.fingerprintPostings(hashes);
}

describe('PostgresBackend', () => {
  it('migrates a fresh schema to the newest version, once, and refuses a newer database', async () => {
    const b = await fresh('mig_a');
    const newest = Math.max(...MIGRATIONS.map((m) => m.version));
    expect(await b.schemaVersion()).toBe(newest);
    // Opening again applies nothing.
    const again = await fresh('mig_a');
    expect(await again.schemaVersion()).toBe(newest);
    expect((await server.sql('SELECT count(*) FROM mig_a.schema_migrations'))[0][0]).toBe(String(MIGRATIONS.length));
    // A later version is applied on top, in order, and recorded.
    const next = [...MIGRATIONS, { version: newest + 1, name: 'test column', sql: 'ALTER TABLE collections ADD COLUMN note text' }];
    expect(await migrate(b.pool, 'mig_a', next)).toBe(newest + 1);
    expect(await migrate(b.pool, 'mig_a', next)).toBe(newest + 1);
    expect(await server.sql("SELECT column_name FROM information_schema.columns WHERE table_schema = 'mig_a' AND column_name = 'note'")).toEqual([['note']]);
    // This build does not know that version: it must not write into that schema.
    await expect(openPostgresBackend(server.url, { schema: 'mig_a' })).rejects.toThrow(/newer than this storytrace knows/);
  });

  it('lets two processes open a fresh schema at once', async () => {
    const [a, b] = await Promise.all([fresh('mig_b'), fresh('mig_b')]);
    expect(await a.schemaVersion()).toBe(await b.schemaVersion());
    expect(await a.storyCount()).toBe(0);
  });

  it('refuses a URL that is not postgres://', async () => {
    await expect(openPostgresBackend('http://127.0.0.1/x')).rejects.toThrow(/postgres:\/\/user@host:port\/database/);
    await expect(openPostgresBackend('not a url')).rejects.toThrow(/invalid database URL/);
  });

  it('stores every story field and returns them, published included', async () => {
    const b = await fresh();
    const index = new StoryIndex(b);
    const [s] = corpus(1);
    const full: Story = {
      ...s,
      url: 'https://example.com/a?b=1',
      source: 'Wire\tDesk',
      date: '22 April 2023, 10:15',
      published: '2023-04-22T10:15:00+03:00',
      author: 'Ann O\'Neil \\ "Staff"',
      title: 'Line one\nline two',
    };
    await index.addStories({ id: 'c', name: 'C' }, [full]);
    const got = await b.getStoryById(s.id);
    expect(got).toMatchObject({ ...full, collection: 'c' });
    const analysed = analyseStory(full);
    expect(got!.fingerprints).toEqual(analysed.fingerprints);
    expect(got!.signature).toEqual(analysed.signature);
    expect(got!.terms).toEqual(analysed.terms);
    const r = await index.query({ text: full.text });
    expect(r.duplicates[0]).toMatchObject({ id: s.id, published: full.published, date: full.date, author: full.author, url: full.url });
  });

  it('imports idempotently by story id: a re-run adds nothing and doubles no posting', async () => {
    const b = await fresh();
    const index = new StoryIndex(b);
    const stories = corpus(40);
    expect(await index.addStories({ id: 'a', name: 'A' }, stories.slice(0, 25))).toEqual({ added: 25, alreadyPresent: 0 });
    const before = await allPostings(b, stories.slice(0, 25));
    // The re-run of the whole import, with a story repeated inside the batch.
    expect(await index.addStories({ id: 'a', name: 'A' }, [...stories, stories[30]])).toEqual({ added: 15, alreadyPresent: 26 });
    expect(await b.storyCount()).toBe(40);
    expect((await b.listCollections())[0]).toMatchObject({ stories: 40 });
    const after = await allPostings(b, stories);
    for (const keys of after.values()) expect(new Set(keys).size).toBe(keys.length);
    for (const [h, keys] of before) expect(after.get(h)).toEqual(expect.arrayContaining(keys));
    const [[rows]] = await server.sql(`SELECT count(*) FROM (SELECT id FROM ${schemaOf(b)}.stories GROUP BY id) x`);
    expect(rows).toBe('40');
  });

  it('runs two imports of overlapping stories at once without doubling or losing any', async () => {
    const schema = `conc_${n++}`;
    const a = await fresh(schema);
    const b = await fresh(schema);
    const stories = corpus(300);
    const ia = new StoryIndex(a);
    const ib = new StoryIndex(b);
    const batches = (s: Story[], size: number) => Array.from({ length: Math.ceil(s.length / size) }, (_, i) => s.slice(i * size, (i + 1) * size));
    const run = async (index: StoryIndex, id: string, part: Story[]) => {
      let added = 0;
      for (const batch of batches(part, 20)) added += (await index.addStories({ id, name: id }, batch)).added;
      return added;
    };
    // 0..199 by one, 100..299 (reversed) by the other: 100 stories imported by both at once.
    const [x, y] = await Promise.all([run(ia, 'one', stories.slice(0, 200)), run(ib, 'two', stories.slice(100).reverse())]);
    expect(x + y).toBe(300);
    expect(await a.storyCount()).toBe(300);
    const cols = await a.listCollections();
    expect(cols.reduce((t, c) => t + c.stories, 0)).toBe(300);
    const postings = await allPostings(a, stories);
    let total = 0;
    for (const keys of postings.values()) {
      expect(new Set(keys).size).toBe(keys.length);
      total += keys.length;
    }
    const expected = stories.reduce((t, s) => t + analyseStory(s).fingerprints.length, 0);
    expect(total).toBe(expected);
    for (const s of [stories[0], stories[150], stories[299]]) expect((await ia.query({ text: s.text })).duplicates[0]?.id).toBe(s.id);
  });

  it('removes a collection in one transaction, waiting for an import into it', async () => {
    const b = await fresh();
    const other = await fresh(schemaOf(b));
    const index = new StoryIndex(b);
    const keep = corpus(10, 'keep');
    const gone = corpus(200, 'gone', 1000);
    await index.addStories({ id: 'keep', name: 'Keep' }, keep);
    await index.addStories({ id: 'gone', name: 'Gone' }, gone.slice(0, 50));
    // An import into the collection and its removal at once: whichever commits first, the end holds
    // either none of the collection or (if the import came second) an error and still none of it.
    const importing = new StoryIndex(other).addStories({ id: 'gone', name: 'Gone' }, gone.slice(50)).catch((e: Error) => e);
    await b.removeCollection('gone');
    const outcome = await importing;
    const left = await b.listCollections();
    if (outcome instanceof Error) expect(outcome.message).toMatch(/unknown collection/);
    const [[storiesLeft]] = await server.sql(`SELECT count(*) FROM ${schemaOf(b)}.stories WHERE id LIKE 'gone%'`);
    if (left.some((c) => c.id === 'gone')) {
      // The import committed after the removal: it recreated nothing (ensureCollection ran first),
      // so the collection holds exactly that import.
      expect(storiesLeft).toBe('150');
    } else {
      expect(storiesLeft).toBe('0');
      expect(await b.storyCount()).toBe(10);
      expect((await index.query({ text: gone[0].text })).duplicates).toEqual([]);
      const keepKeys = new Set(await Promise.all(keep.map(async (s) => (await b.getStoryById(s.id))!.key)));
      for (const keys of (await allPostings(b, gone)).values()) for (const k of keys) expect(keepKeys.has(k)).toBe(true);
    }
    expect((await index.query({ text: keep[3].text })).duplicates[0]?.id).toBe('keep3');
  });

  it('leaves nothing of an interrupted batch visible, and a re-run completes it', async () => {
    const b = await fresh();
    const index = new StoryIndex(b);
    const stories = corpus(3000, 'big');
    const analysed = stories.map(analyseStory);
    await index.addAnalysed({ id: 'big', name: 'Big' }, analysed.slice(0, 100));
    // Kill the batch's connection while its COPY runs (as a crash of the importer would).
    const killing = (async () => {
      for (let i = 0; i < 400; i++) {
        const killed = await server.sql(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'storytrace' AND query LIKE 'COPY%' AND state = 'active'",
        );
        if (killed.length) return true;
        await new Promise((ok) => setTimeout(ok, 5));
      }
      return false;
    })();
    const failed = await index.addAnalysed({ id: 'big', name: 'Big' }, analysed.slice(100)).then(
      () => false,
      () => true,
    );
    expect(await killing).toBe(true);
    expect(failed).toBe(true);
    const check = await fresh(schemaOf(b));
    expect(await check.storyCount()).toBe(100);
    const [[rows]] = await server.sql(`SELECT count(*) FROM ${schemaOf(b)}.stories`);
    expect(rows).toBe('100');
    expect((await check.fingerprintPostings(analysed[2000].fingerprints)).size).toBe(0);
    // The re-run, through a new connection pool.
    const r = await new StoryIndex(check).addAnalysed({ id: 'big', name: 'Big' }, analysed);
    expect(r).toEqual({ added: 2900, alreadyPresent: 100 });
    expect(await check.storyCount()).toBe(3000);
    const p = await check.fingerprintPostings(analysed[2000].fingerprints);
    expect([...p.values()].every((keys) => keys.length >= 1 && new Set(keys).size === keys.length)).toBe(true);
  }, 60_000);

  it('compacts posting rows to one per bucket without changing any answer, dropping removed collections', async () => {
    const b = await fresh();
    const index = new StoryIndex(b);
    const a = corpus(60, 'a');
    const c = corpus(30, 'c', 500);
    for (let i = 0; i < a.length; i += 10) await index.addStories({ id: 'a', name: 'A' }, a.slice(i, i + 10));
    await index.addStories({ id: 'c', name: 'C' }, c);
    await b.removeCollection('c');
    const before = await allPostings(b, a);
    const terms = analyseStory(a[0]).terms.map(([t]) => t);
    const termsBefore = await b.termPostings(terms);
    const r = await b.compact();
    expect(r.fingerprintRowsAfter).toBeLessThan(r.fingerprintRowsBefore);
    const [[multi]] = await server.sql(`SELECT count(*) FROM (SELECT bucket FROM ${schemaOf(b)}.fp_postings GROUP BY bucket HAVING count(*) > 1) x`);
    expect(multi).toBe('0');
    expect(await allPostings(b, a)).toEqual(before);
    const termsAfter = await b.termPostings(terms);
    for (const t of terms) {
      expect(termsAfter.get(t)?.df).toBe(termsBefore.get(t)?.df);
      expect(new Set(termsAfter.get(t)?.keys)).toEqual(new Set(termsBefore.get(t)?.keys));
    }
    // No entry of the removed collection is left in the rows.
    const cNumber = 2;
    const [[dead]] = await server.sql(`SELECT count(*) FROM ${schemaOf(b)}.fp_postings, unnest(keys) k WHERE (k >> 32) = ${cNumber}`);
    expect(dead).toBe('0');
    expect((await index.query({ text: a[5].text })).duplicates[0]?.id).toBe('a5');
  });
});

function schemaOf(b: PostgresBackend): string {
  return b.schema;
}
