// The import runner on the real parser, analysis and IndexedDB backend (fake-indexeddb): counts,
// per-file problems, idempotent re-import, cancel at a batch boundary, and a quota error that
// leaves the corpus exactly as it was after the last good batch.
import 'fake-indexeddb/auto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../lib/corpus/parse-file';
import { decodeFp } from '../../../lib/index/dexie/buckets';
import { DexieBackend } from '../../../lib/index/dexie/backend';
import { StoryIndex } from '../../../lib/index/story-index';
import { dexieImportPorts } from '../../../lib/import/dexie-ports';
import { newJob, runImport, type ImportFile, type ImportPorts } from '../../../lib/import/import-runner';
import type { ImportJob } from '../../../lib/import/job-types';
import { Upkeep } from '../../../lib/background/upkeep';

/** `k` distinct stories of seed paragraphs (four each), not in the seed files. */
function stories(k: number): { id: string; title: string; text: string }[] {
  const paras = SEEDS.flatMap((f) =>
    parseFile(f, readFileSync(join(FIXTURES, 'seeds', f))).stories.flatMap((s) => s.text.split(/\n\n+/)),
  ).filter((p) => p.split(/\s+/).length > 25);
  return Array.from({ length: k }, (_, i) => ({
    id: `other-${i}`,
    title: `Other ${i}`,
    text: [0, 1, 2, 3].map((j) => paras[(i * 7 + j * 13) % paras.length]).join('\n\n') + `\n\nFiled as number ${i}.`,
  }));
}

function jsonFile(items: object[]): ImportFile {
  const bytes = new TextEncoder().encode(items.map((x) => JSON.stringify(x)).join('\n'));
  return { name: 'other.jsonl', size: bytes.length, read: async () => bytes };
}

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const SEEDS = readdirSync(join(FIXTURES, 'seeds'))
  .filter((f) => f.endsWith('.txt'))
  .sort();

function fileOf(dir: string, name: string): ImportFile {
  const bytes = readFileSync(join(FIXTURES, dir, name));
  return { name, size: bytes.length, read: async () => new Uint8Array(bytes) };
}
const seedFiles = () => SEEDS.map((f) => fileOf('seeds', f));
/** Stories the parser finds in the seed files (the truth the importer must store). */
const seedStoryIds = () => [
  ...new Set(SEEDS.flatMap((f) => parseFile(f, readFileSync(join(FIXTURES, 'seeds', f))).stories.map((s) => s.id))),
];

let n = 0;
async function setup() {
  const backend = await DexieBackend.open(`import-${process.pid}-${n++}`);
  const progress: ImportJob[] = [];
  const ports = dexieImportPorts(backend, { onProgress: (j) => progress.push(j) });
  const start = (files: ImportFile[], name = 'Seeds', ps: ImportPorts = ports, opts = {}) => {
    const collection = { id: `c${n++}`, name };
    return runImport(newJob(`j${n++}`, collection, files, Date.now()), files, ps, opts);
  };
  return { backend, ports, progress, start };
}

describe('runImport', () => {
  it('imports the seed pages into a collection with exact counts and progress', async () => {
    const { backend, progress, start } = await setup();
    const files = seedFiles();
    const job = await start(files, 'Seeds', undefined);
    const ids = seedStoryIds();
    expect(job.state).toBe('done');
    expect(job.added).toBe(ids.length);
    expect(job.alreadyPresent).toBe(0);
    expect(job.filesDone).toBe(files.length);
    expect(job.bytesDone).toBe(job.bytesTotal);
    expect(job.problems).toEqual([]);
    const [coll] = await backend.listCollections();
    expect(coll).toMatchObject({ id: job.collectionId, name: 'Seeds', stories: ids.length, enabled: true });
    for (const id of ids) expect((await backend.getStoryById(id))?.collection).toBe(job.collectionId);
    // Progress only moves forward and ends where the job ends.
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i].bytesDone).toBeGreaterThanOrEqual(progress[i - 1].bytesDone);
      expect(progress[i].added).toBeGreaterThanOrEqual(progress[i - 1].added);
    }
    expect(progress.at(-1)).toEqual(job);
    expect(await backend.db.jobs.get(job.id)).toEqual(job);
    // The imported corpus answers queries: a seed story finds itself.
    const gun = (await backend.getStoryById(ids[0]))!;
    const r = await new StoryIndex(backend).query({ text: gun.text, title: gun.title });
    expect(r.duplicates.map((m) => m.id)).toContain(gun.id);
  });

  it('reports "already present" on a second import of the same files and keeps no empty collection', async () => {
    const { backend, start } = await setup();
    const first = await start(seedFiles());
    const again = await start(seedFiles(), 'Seeds again');
    expect(again.state).toBe('done');
    expect(again.added).toBe(0);
    expect(again.alreadyPresent).toBe(first.added);
    expect(await backend.storyCount()).toBe(first.added);
    expect((await backend.listCollections()).map((c) => c.id)).toEqual([first.collectionId]);
  });

  it('lists per-file and per-record problems and imports the rest', async () => {
    const { backend, start } = await setup();
    const unreadable: ImportFile = {
      name: 'gone.txt',
      size: 10,
      read: () => Promise.reject(new Error('NotReadableError: the file changed')),
    };
    const files = [fileOf('formats', 'binary.bin'), fileOf('formats', 'bad-lines.jsonl'), unreadable, fileOf('formats', 'stories.csv')];
    const job = await start(files, 'Mixed');
    expect(job.state).toBe('done');
    expect(job.added).toBe(2 + 3);
    expect(job.filesDone).toBe(4);
    const byFile = (f: string) => job.problems.filter((p) => p.file === f).map((p) => p.reason);
    expect(byFile('binary.bin')).toEqual([expect.stringContaining('not a supported format')]);
    expect(byFile('bad-lines.jsonl').length).toBe(3);
    expect(job.problems.find((p) => p.file === 'bad-lines.jsonl' && /invalid JSON/.test(p.reason))?.line).toBeGreaterThan(0);
    expect(byFile('gone.txt')).toEqual([expect.stringContaining('Could not read the file: NotReadableError')]);
    expect(job.problemCount).toBe(job.problems.length);
    expect(await backend.storyCount()).toBe(5);
  });

  it('cancel stops at a batch boundary: the collection holds exactly the committed batches', async () => {
    const { backend, ports, start } = await setup();
    const controller = new AbortController();
    let commits = 0;
    const cancelling: ImportPorts = {
      ...ports,
      commit: async (...args) => {
        const r = await ports.commit(...args);
        if (++commits === 2) controller.abort();
        return r;
      },
    };
    const job = await start(seedFiles(), 'Seeds', cancelling, { batchStories: 3, signal: controller.signal });
    expect(job.state).toBe('cancelled');
    expect(job.added).toBe(6);
    expect(job.filesDone).toBeLessThan(SEEDS.length);
    const [coll] = await backend.listCollections();
    expect(coll.stories).toBe(6);
    expect(await backend.db.stories.count()).toBe(6);
    // The stored job row is the row of the last committed batch, then the final state.
    expect(await backend.db.jobs.get(job.id)).toMatchObject({ state: 'cancelled', added: 6 });
    // The postings hold only the committed stories (no half-written batch).
    const keys = new Set((await backend.db.stories.toCollection().primaryKeys()) as number[]);
    for (const row of await backend.db.fpBuckets.toArray()) for (const key of decodeFp(row).ks) expect(keys.has(key)).toBe(true);
    // Importing the same files again finishes the job: the 6 are "already present".
    const rest = await start(seedFiles(), 'Seeds, again');
    expect(rest.alreadyPresent).toBe(6);
    expect(rest.added + 6).toBe(seedStoryIds().length);
  });

  it('merges pending postings as they double and all at the end; a cancelled job leaves them for upkeep', async () => {
    const { backend, ports, progress, start } = await setup();
    backend.directMergeBelow = 0;
    const merges: { all: boolean; pendingBefore: number }[] = [];
    let commits = 0;
    const counting: ImportPorts = {
      ...ports,
      commit: async (...args) => {
        commits++;
        return ports.commit(...args);
      },
      merge: async (all, onProgress, signal) => {
        const pendingBefore = await backend.pendingPostings();
        const merged = await ports.merge!(all, onProgress, signal);
        if (merged) merges.push({ all, pendingBefore });
        return merged;
      },
    };
    const job = await start(seedFiles(), 'Seeds', counting, { batchStories: 2 });
    expect(job.state).toBe('done');
    // Far fewer merges than batches (each waits for the pending postings to match the merged ones),
    // and one at the end, after which nothing is pending and every story is found.
    expect(commits).toBeGreaterThan(8);
    expect(merges.filter((m) => !m.all).length).toBeGreaterThanOrEqual(1);
    expect(merges.length).toBeLessThan(commits / 2);
    expect(job.timings?.merges).toBe(merges.length);
    expect(await backend.pendingPostings()).toBe(0);
    expect(progress.some((j) => j.indexing && j.indexing.total > 0)).toBe(true);
    for (const id of seedStoryIds().slice(0, 5)) {
      const s = (await backend.getStoryById(id))!;
      const r = await new StoryIndex(backend).query({ text: s.text, title: s.title });
      expect(r.duplicates.map((m) => m.id)).toContain(id);
    }

    // Cancelled after two batches of a new collection: stored, pending, found once upkeep merges.
    const controller = new AbortController();
    let n2 = 0;
    const cancelling: ImportPorts = {
      ...ports,
      commit: async (...args) => {
        const r = await ports.commit(...args);
        if (++n2 === 2) controller.abort();
        return r;
      },
      merge: async () => false,
    };
    const other = stories(4);
    const cancelled = await start([jsonFile(other)], 'Other', cancelling, { batchStories: 2, signal: controller.signal });
    expect(cancelled.state).toBe('cancelled');
    expect(await backend.pendingPostings()).toBeGreaterThan(0);
    const probe = other[0];
    expect((await new StoryIndex(backend).query({ text: probe.text })).duplicates.map((m) => m.id)).not.toContain(probe.id);
    await new Upkeep(async () => backend).run();
    expect(await backend.pendingPostings()).toBe(0);
    expect((await new StoryIndex(backend).query({ text: probe.text })).duplicates.map((m) => m.id)).toContain(probe.id);
  });

  it('a quota error stops the import cleanly, with the corpus exactly as after the last good batch', async () => {
    const { backend, ports, start } = await setup();
    let commits = 0;
    const full: ImportPorts = {
      ...ports,
      // The browser refuses the third batch inside its transaction (after the rows were queued).
      commit: (id, batch, progress) =>
        ports.commit(id, batch, (r) => {
          if (++commits === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return progress(r);
        }),
    };
    const job = await start(seedFiles(), 'Seeds', full, { batchStories: 4 });
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/quota exceeded/i);
    expect(job.added).toBe(8);
    expect(await backend.db.stories.count()).toBe(8);
    expect((await backend.listCollections())[0].stories).toBe(8);
    expect(await backend.db.jobs.get(job.id)).toMatchObject({ state: 'failed', added: 8 });
  });
  it('batches grow with the index (up to the cap) and progress moves while a batch is analysed', async () => {
    const { backend, ports, progress, start } = await setup();
    const sizes: number[] = [];
    const before = 5;
    const growing: ImportPorts = {
      ...ports,
      corpusStories: async () => before,
      commit: (id, batch, p) => (sizes.push(batch.length), ports.commit(id, batch, p)),
    };
    const job = await start(seedFiles(), 'Seeds', growing, { batchStories: 2, batchGrowth: 1, maxBatchStories: 8 });
    const ids = seedStoryIds();
    expect(ids.length).toBeGreaterThan(20);
    expect(job.state).toBe('done');
    expect(job.added).toBe(ids.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(ids.length);
    // Every batch but the last is as large as the index was (within [2, 8]); the cap is reached.
    let indexed = before;
    sizes.slice(0, -1).forEach((size) => {
      expect(size).toBe(Math.min(8, Math.max(2, indexed)));
      indexed += size;
    });
    expect(Math.max(...sizes)).toBe(8);
    // Analysis progress came in parts of batchStories, before the commits it belongs to.
    expect(progress.some((j) => (j.analysed ?? 0) > 0 && j.analysed! < 8)).toBe(true);
    expect(await backend.db.jobs.get(job.id)).not.toHaveProperty('analysed');
    expect(await backend.db.stories.count()).toBe(ids.length);
  });

  it('a cancel while a large batch is analysed drops that batch: the corpus is as after the last commit', async () => {
    const { backend, ports, start } = await setup();
    const controller = new AbortController();
    let parts = 0;
    let committed = 0;
    const cancelling: ImportPorts = {
      ...ports,
      corpusStories: async () => 100,
      analyse: async (stories) => {
        // Batches of 10 (a tenth of the index) analysed in parts of 2: the 6th part opens the second batch.
        if (++parts === 6) controller.abort();
        return ports.analyse(stories);
      },
      commit: async (id, batch, p) => {
        const r = await ports.commit(id, batch, p);
        committed += batch.length;
        return r;
      },
    };
    const opts = { batchStories: 2, batchGrowth: 0.1, maxBatchStories: 10, signal: controller.signal };
    const job = await start(seedFiles(), 'Seeds', cancelling, opts);
    expect(job.state).toBe('cancelled');
    expect(committed).toBe(10);
    expect(job.added).toBe(10);
    expect(await backend.db.stories.count()).toBe(10);
    const keys = new Set((await backend.db.stories.toCollection().primaryKeys()) as number[]);
    for (const row of await backend.db.fpBuckets.toArray()) for (const key of decodeFp(row).ks) expect(keys.has(key)).toBe(true);
    expect(await backend.db.jobs.get(job.id)).toMatchObject({ state: 'cancelled', added: 10 });
  });

  it('reads and parses the next file while a batch is analysed (one batch in analysis at a time)', async () => {
    const { backend, ports, start } = await setup();
    const events: string[] = [];
    let inAnalysis = 0;
    let most = 0;
    const traced: ImportPorts = {
      ...ports,
      parse: (name, bytes) => (events.push(`parse ${name}`), ports.parse(name, bytes)),
      analyse: async (stories) => {
        most = Math.max(most, ++inAnalysis);
        events.push('analyse start');
        // Slow analysis: the next file's parse must come in before this part is done.
        await new Promise((r) => setTimeout(r, 20));
        events.push('analyse end');
        inAnalysis--;
        return ports.analyse(stories);
      },
    };
    const files = seedFiles();
    const job = await start(files, 'Seeds', traced, { batchStories: 4, batchGrowth: 0 });
    expect(job.state).toBe('done');
    expect(job.added).toBe(seedStoryIds().length);
    expect(await backend.db.stories.count()).toBe(job.added);
    expect(most).toBe(1);
    // Some file was parsed between an analysis start and its end.
    const overlapped = events.some(
      (e, i) => e.startsWith('parse') && events.slice(0, i).lastIndexOf('analyse start') > events.slice(0, i).lastIndexOf('analyse end'),
    );
    expect(overlapped).toBe(true);
    expect(job.timings).toMatchObject({ batches: expect.any(Number) });
    expect(job.timings!.batches).toBeGreaterThan(1);
  });
});
