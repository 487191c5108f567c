// `storytrace index --db URL --corpus PATH...`: imports corpus files (every import format, folders)
// into the team index in PostgreSQL, streaming: while one batch is written, the next is analysed on
// worker threads and the one after it read, and no more than those three batches are held, whatever
// the corpus size.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Story } from '../corpus/story';
import { openPostgresBackend, type PostgresBackend } from '../index/postgres/backend';
import { openAnalyseThreads, type AnalyseThreads } from './analyse-threads';
import { formatProblem, listFiles, parseCorpusFile } from './load-corpus';
import { ProgressLine } from './progress-line';

/** Stories per transaction: large enough that a posting row packs several postings of its bucket,
 *  small enough that two analysed batches stay well under the memory target. */
export const INDEX_BATCH = 10_000;
/** ...and at most this many characters of text: analysis holds several arrays per word, and two
 *  batches of 10,000 news stories (3.7 KB each) peaked at 1,172 MB; long stories would go further.
 *  Three batches are held with an analysis thread (one read, one analysed, one written): at 16 Mi
 *  that peaked at 1,037 MB over 100,000 stories. */
export const INDEX_BATCH_CHARS = 12 * 2 ** 20;

export interface IndexArgs {
  db: string;
  corpus: string[];
  /** One collection for every path; by default each path is a collection of its own. */
  collection?: string;
  batch: number;
  /** Fold posting rows at the end (default on). */
  compact: boolean;
  /** Analysis threads (default: one fewer than the cores, at least one). */
  threads?: number;
}

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Parses `index` arguments; `usage` builds the caller's usage error. */
export function parseIndexArgs(args: string[], usage: (msg: string) => Error): IndexArgs {
  const a: IndexArgs = { db: '', corpus: [], batch: INDEX_BATCH, compact: true };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw usage(`${arg} needs a value`);
      return v;
    };
    if (arg === '--db') a.db = value();
    else if (arg === '--corpus') a.corpus.push(value());
    else if (arg === '--collection') a.collection = value();
    else if (arg === '--batch') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw usage('--batch needs a whole number ≥ 1');
      a.batch = n;
    } else if (arg === '--threads') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 64) throw usage('--threads needs a whole number from 0 (analysis on the main thread) to 64');
      a.threads = n;
    } else if (arg === '--no-compact') a.compact = false;
    else if (arg.startsWith('--')) throw usage(`unknown option ${arg}`);
    else a.corpus.push(arg);
  }
  if (!a.db) throw usage('index needs --db postgres://user@host:port/database');
  if (a.corpus.length === 0) throw usage('index needs --corpus PATH');
  return a;
}

export async function indexCommand(a: IndexArgs, io: Io): Promise<number> {
  // Open before reading anything: a wrong URL or a database down fails at once.
  const backend = await openPostgresBackend(a.db);
  const threads = openAnalyseThreads(a.threads);
  try {
    return await runImport(backend, threads, a, io);
  } finally {
    await threads.close();
    await backend.close();
  }
}

async function runImport(backend: PostgresBackend, threads: AnalyseThreads, a: IndexArgs, io: Io): Promise<number> {
  const progress = new ProgressLine(io.err);
  const t0 = performance.now();
  let added = 0;
  let present = 0;
  let read = 0;
  let bytes = 0;
  let files = 0;
  let problems = 0;
  // The batch in flight: analysed on the threads, then written after the one before it.
  let writing: Promise<void> = Promise.resolve();
  const report = (final = false) => {
    const s = (performance.now() - t0) / 1000;
    const line = `indexed ${fmt(added)} stories (${fmt(present)} already present) from ${fmt(files)} files, ${mb(bytes)} MB of text, ${fmt(Math.round(added / Math.max(s, 1e-3)))} stories/s`;
    progress.show(line, final);
  };
  const flush = async (collection: { id: string; name: string }, batch: Story[]) => {
    if (batch.length === 0) return;
    const analysed = threads.analyse(batch);
    const before = writing;
    const write = (async () => {
      const stories = await analysed;
      await before;
      const r = await backend.putStories(collection.id, stories);
      added += r.added;
      present += r.alreadyPresent;
      report();
    })();
    // Awaited before the next batch is read on or at the end; until then a failure must not go unhandled.
    write.catch(() => {});
    writing = write;
    // Reading goes on while this batch is analysed, not while two batches wait to be written.
    await before;
  };

  for (const path of a.corpus) {
    await stat(path); // a missing path fails before its collection is created
    const collection = a.collection ? { id: a.collection, name: a.collection } : { id: path, name: basename(path) };
    await backend.ensureCollection(collection);
    let batch: Story[] = [];
    let batchChars = 0;
    for (const file of await listFiles(path)) {
      files++;
      for await (const r of parseCorpusFile(file)) {
        for (const p of r.problems) {
          problems++;
          progress.above(formatProblem(p));
        }
        for (const s of r.stories) {
          read++;
          const chars = s.title.length + s.text.length;
          bytes += chars;
          batch.push(s);
          batchChars += chars;
          if (batch.length >= a.batch || batchChars >= INDEX_BATCH_CHARS) {
            await flush(collection, batch);
            batch = [];
            batchChars = 0;
          }
        }
      }
    }
    await flush(collection, batch);
    await writing;
  }
  report(true);
  const seconds = (performance.now() - t0) / 1000;
  if (a.compact && added > 0) {
    const c0 = performance.now();
    progress.show('folding posting rows (compaction)…', true);
    const r = await backend.compact();
    io.err(
      `compacted ${fmt(r.fingerprintRowsBefore)} fingerprint rows into ${fmt(r.fingerprintRowsAfter)} and ${fmt(r.termRowsBefore)} term rows into ${fmt(r.termRowsAfter)} in ${((performance.now() - c0) / 1000).toFixed(1)} s`,
    );
  }
  io.out(JSON.stringify({ added, alreadyPresent: present, read, files, problems, seconds: Math.round(seconds * 10) / 10 }));
  if (read === 0) {
    io.err('storytrace: the corpus holds no stories (see the warnings above)');
    return 2;
  }
  return 0;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const mb = (b: number) => (b / 1e6).toFixed(1);
