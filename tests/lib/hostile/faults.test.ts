// Faults under the import worker's own host, on IndexedDB (fake-indexeddb): storage quota exhausted
// inside a transaction, hostile files among good ones, two imports at once on one database, and a
// schema upgrade while another connection holds the database open. After each, the corpus passes
// corpusFaults (counts match stories, postings match stories) and no story is lost.
import 'fake-indexeddb/auto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../lib/corpus/parse-file';
import { DexieBackend } from '../../../lib/index/dexie/backend';
import { openDb } from '../../../lib/index/dexie/db';
import { StoryIndex } from '../../../lib/index/story-index';
import { createImportHost } from '../../../lib/import/import-host';
import type { ImportJob } from '../../../lib/import/job-types';
import type { ImportSource, ImportWorkerEvent } from '../../../lib/protocol';
import { corpusFaults } from './consistency';

const SEED_DIR = join(import.meta.dirname, '../../fixtures/seeds');
const SEED_FILES = readdirSync(SEED_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const SEED_STORIES = SEED_FILES.flatMap((f) => parseFile(f, readFileSync(join(SEED_DIR, f))).stories);
const PARAS = SEED_STORIES.flatMap((s) => s.text.split(/\n\n+/)).filter((p) => p.split(/\s+/).length > 20);

/** `n` distinct stories as one JSON Lines source (ids prefixed, so two sources can overlap on purpose). */
function jsonl(name: string, from: number, n: number): ImportSource {
  const lines = Array.from({ length: n }, (_, j) => {
    const i = from + j;
    const text = [0, 1, 2].map((k) => PARAS[(i * 5 + k * 11) % PARAS.length]).join('\n\n') + `\n\nDispatch ${i}.`;
    return JSON.stringify({ id: `g${i}`, title: `Generated ${i}`, text });
  });
  return { name, blob: new Blob([lines.join('\n')]) };
}

let dbn = 0;
/** A host like the import worker's, on a fresh database, collecting what it posts. */
function host(backend: Promise<DexieBackend>, batchStories = 25) {
  const events: ImportWorkerEvent[] = [];
  const run = createImportHost({ backend: () => backend, post: (e) => events.push(e), options: { batchStories } });
  const start = async (files: ImportSource[], name: string): Promise<ImportJob> => {
    const jobId = `job-${name}-${dbn++}`;
    await run({ type: 'start', jobId, collection: { id: `c-${jobId}`, name }, files });
    const end = events.find((e) => (e.type === 'finished' && e.job.id === jobId) || (e.type === 'failed' && e.jobId === jobId));
    if (!end || end.type !== 'finished') throw new Error(`job ${jobId} did not finish: ${JSON.stringify(end)}`);
    return end.job;
  };
  return { start, events };
}

/** Makes the next writes to `store` fail the way Chromium does when the origin's quota is used up. */
function exhaustQuotaAfter(store: string, puts: number): () => void {
  const proto = (globalThis as unknown as { IDBObjectStore: { prototype: Record<string, (...a: unknown[]) => unknown> } }).IDBObjectStore.prototype;
  const original = { add: proto.add, put: proto.put };
  let left = puts;
  for (const m of ['add', 'put'] as const) {
    proto[m] = function (this: { name: string }, ...args: unknown[]) {
      if (this.name === store && left-- <= 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original[m].apply(this, args);
    };
  }
  return () => Object.assign(proto, original);
}

describe('import faults', () => {
  it('quota exhausted inside a transaction: the job stops, says so, and the corpus holds exactly the whole batches before', async () => {
    const backend = DexieBackend.open(`faults-quota-${process.pid}`);
    const { start } = host(backend);
    const restore = exhaustQuotaAfter('stories', 60);
    let job: ImportJob;
    try {
      job = await start([jsonl('a.jsonl', 0, 200)], 'Quota');
    } finally {
      restore();
    }
    const b = await backend;
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/quota|space|storage/i);
    expect(job.added % 25).toBe(0);
    expect(job.added).toBeLessThan(200);
    expect(await corpusFaults(b)).toEqual([]);
    const coll = (await b.listCollections()).find((c) => c.id === job.collectionId);
    expect(coll?.stories ?? 0).toBe(job.added);
    expect(await b.db.jobs.get(job.id)).toMatchObject({ state: 'failed', added: job.added });
    // With room again, importing the same file finishes the job: the stored ones are "already present".
    const again = await start([jsonl('a.jsonl', 0, 200)], 'Quota, again');
    expect(again.state).toBe('done');
    expect(again.added + again.alreadyPresent).toBe(200);
    expect(again.alreadyPresent).toBe(job.added);
    expect(await corpusFaults(b)).toEqual([]);
  });

  it('hostile files among good ones: one clear problem each, the good files imported whole, nothing half-imported', async () => {
    const backend = DexieBackend.open(`faults-hostile-${process.pid}`);
    const { start } = host(backend);
    const bomb = zipSync({ 'zeros.txt': new Uint8Array(8 * 2 ** 20) }, { level: 9 });
    const files: ImportSource[] = [
      jsonl('good-1.jsonl', 0, 40),
      { name: 'bomb.zip', blob: new Blob([bomb]) },
      { name: 'deep.json', blob: new Blob(['['.repeat(500_000)]) },
      { name: 'binary.bin', blob: new Blob([crypto.getRandomValues(new Uint8Array(4096))]) },
      { name: 'empty.txt', blob: new Blob([]) },
      { name: 'nul.jsonl', blob: new Blob([new Uint8Array(2048)]) },
      jsonl('good-2.jsonl', 40, 40),
    ];
    const job = await start(files, 'Hostile mix');
    expect(job.state).toBe('done');
    expect(job.added).toBe(80);
    const byFile = new Map(job.problems.map((p) => [p.file, p.reason]));
    expect(job.problems.find((p) => p.file.startsWith('bomb.zip'))?.reason).toMatch(/zip bomb refused/);
    expect(byFile.get('deep.json')).toBeTruthy();
    expect(byFile.get('binary.bin')).toMatch(/binary|not a supported/);
    expect(byFile.get('empty.txt')).toMatch(/empty/);
    expect(byFile.get('nul.jsonl')).toBeTruthy();
    expect(job.filesDone).toBe(files.length);
    expect(await corpusFaults(await backend)).toEqual([]);
  });

  it('two imports at once (two options tabs, two workers) on one database: no deadlock, every story once', async () => {
    const backend = DexieBackend.open(`faults-two-${process.pid}`);
    const other = DexieBackend.open(`faults-two-${process.pid}`); // a second connection, as a second worker has
    const a = host(backend);
    const b = host(other);
    // Overlapping on purpose: stories 100–149 are in both.
    const [ja, jb] = await Promise.all([a.start([jsonl('a.jsonl', 0, 150)], 'Tab A'), b.start([jsonl('b.jsonl', 100, 150)], 'Tab B')]);
    expect(ja.state).toBe('done');
    expect(jb.state).toBe('done');
    expect(ja.added + jb.added).toBe(250);
    expect(ja.alreadyPresent + jb.alreadyPresent).toBe(50);
    const db = await backend;
    expect(await corpusFaults(db)).toEqual([]);
    const ids = new Set<string>();
    await db.db.stories.each((s) => void ids.add(s.id));
    expect(ids.size).toBe(250);
    // While both wrote, reads (page checks) kept answering: a story from each is found as itself.
    const index = new StoryIndex(db);
    for (const i of [3, 120, 240]) {
      const text = [0, 1, 2].map((k) => PARAS[(i * 5 + k * 11) % PARAS.length]).join('\n\n') + `\n\nDispatch ${i}.`;
      const r = await index.query({ text });
      expect(r.duplicates.map((d) => d.id)).toContain(`g${i}`);
    }
  });

  it('page checks while an import writes get answers, and the import is not held up by them', async () => {
    const name = `faults-check-${process.pid}`;
    const reader = await DexieBackend.open(name);
    const { start } = host(DexieBackend.open(name));
    await start([jsonl('first.jsonl', 0, 60)], 'First');
    const index = new StoryIndex(reader);
    const text = [0, 1, 2].map((k) => PARAS[(10 * 5 + k * 11) % PARAS.length]).join('\n\n') + '\n\nDispatch 10.';
    let answers = 0;
    let importing = true;
    const checks = (async () => {
      while (importing) {
        const r = await index.query({ text });
        expect(r.duplicates.map((d) => d.id)).toContain('g10');
        answers++;
      }
    })();
    const job = await start([jsonl('second.jsonl', 1000, 300)], 'Second');
    importing = false;
    await checks;
    expect(job.state).toBe('done');
    expect(job.added).toBe(300);
    expect(answers).toBeGreaterThan(0);
    expect(await corpusFaults(reader)).toEqual([]);
  });

  it('a schema upgrade while another tab holds the database open on the old version: no deadlock, nothing lost', async () => {
    const name = `faults-upgrade-${process.pid}`;
    // An old tab: the database at v2, a story in it, the connection left open.
    const old = openDb(name, 2);
    await old.open();
    const oldBackend = new DexieBackend(old);
    await new StoryIndex(oldBackend).addStories({ id: 'old', name: 'Old' }, SEED_STORIES.slice(0, 3));
    // The new build opens v3: Dexie closes the old connection on versionchange, so the upgrade
    // is not blocked (without that, the open would wait for the old tab for ever).
    const opened = await Promise.race([DexieBackend.open(name), new Promise<'deadlock'>((ok) => setTimeout(() => ok('deadlock'), 10_000))]);
    expect(opened).not.toBe('deadlock');
    const fresh = opened as DexieBackend;
    expect(fresh.db.verno).toBeGreaterThanOrEqual(3);
    expect(old.isOpen()).toBe(false);
    expect(await fresh.db.stories.count()).toBe(3);
    expect(await corpusFaults(fresh)).toEqual([]);
    const r = await new StoryIndex(fresh).query({ text: SEED_STORIES[1].text });
    expect(r.duplicates.map((d) => d.id)).toContain(SEED_STORIES[1].id);
    // The old connection's next use does not hang either (Dexie 4 reopens it on the installed
    // version). Old code never writes the new layout in the extension: an update reloads every
    // extension context, so only same-version tabs meet here.
    const settled = await Promise.race([old.table('stories').count().then(() => 'answered', () => 'refused'), new Promise((ok) => setTimeout(() => ok('hung'), 5000))]);
    expect(settled).not.toBe('hung');
  });
});
