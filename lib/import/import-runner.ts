// Runs one import job: files → parsed stories → batches → analysed → committed one atomic batch at
// a time, with progress, cancel at batch boundaries, per-file problems and a clean stop on quota
// errors. Browser-free: files, parsing, analysis and storage come in as ports, so vitest drives it.
import type { ParseProblem, ParseResult, Story } from '../corpus/story';
import type { AddResult, AnalysedStory } from '../index/types';
import { MAX_JOB_PROBLEMS, type ImportJob, type ImportTimings } from './job-types';
import { problemText } from '../corpus/problem';

/** A file to import (a browser File, a Node buffer, a bundled sample). */
export interface ImportFile {
  name: string;
  size: number;
  read(): Promise<Uint8Array>;
}

export interface ImportPorts {
  parse(name: string, bytes: Uint8Array): ParseResult;
  /** Fingerprints and terms of a batch (may run in other threads). */
  analyse(stories: Story[]): Promise<AnalysedStory[]>;
  ensureCollection(collection: { id: string; name: string }): Promise<void>;
  /**
   * Stores a batch and the job row `progress(result)` returns, in ONE transaction: either both are
   * stored or neither (then it rejects), so the job always says exactly how far the corpus got.
   */
  commit(collectionId: string, batch: AnalysedStory[], progress: (result: AddResult) => ImportJob): Promise<AddResult>;
  /** Stories already in the index (all collections), read once at the start: batches grow with it. */
  corpusStories?(): Promise<number>;
  /**
   * Makes committed stories searchable: merges the postings they left pending, when enough have
   * gathered or (`all`) everything, reporting parts done. Absent: commits are searchable at once.
   */
  merge?(all: boolean, onProgress: (done: number, total: number) => void, signal?: AbortSignal): Promise<boolean>;
  /** Stores the job row alone (start, end, problems between batches). */
  saveJob(job: ImportJob): Promise<void>;
  /** Removes the job's collection when no story was added to it (e.g. a re-import of known stories). */
  dropCollectionIfEmpty(collectionId: string): Promise<void>;
  now(): number;
  onProgress?(job: ImportJob): void;
}

export interface ImportOptions {
  /** Stories per batch (one transaction) while the index is small; fixed if batchGrowth is not given. */
  batchStories?: number;
  /** Characters of story text per batch of batchStories (scaled with the batch as it grows). */
  batchChars?: number;
  /** A batch may hold up to this fraction of the stories already indexed (default BATCH_GROWTH, or
   *  0 when batchStories is given alone), up to maxBatchStories / maxBatchChars. */
  batchGrowth?: number;
  maxBatchStories?: number;
  maxBatchChars?: number;
  signal?: AbortSignal;
}

/**
 * Batch size. Each batch read-modify-writes every posting row it touches, and a batch of thousands
 * of stories touches nearly all of them (their fingerprints hash uniformly over the rows): a batch
 * costs about the size of the posting table, which grows with the corpus. Fixed batches would
 * rewrite the table corpus / 8,000 times (import time quadratic in the corpus); a batch as large as
 * the index already is (BATCH_GROWTH = 1) rewrites it about once per doubling, so the rewriting per
 * story stays constant, until the memory cap. Floor: 8,000 stories (measured: 5,000 a batch imports
 * ~1.5× faster than 2,500). Cap: 24,000 stories and 90M characters of text, three times the floor's
 * batch; measured in Node at ~30 KB of heap per story while a batch is analysed and committed (text,
 * analysis, packed rows, posting lists), so ~0.7 GB at the cap. Past the cap (~50k stories on),
 * batch cost grows with the corpus again, three times slower than with fixed batches.
 * Progress is reported as each ANALYSE_STORIES of a batch are analysed, and a cancel drops the
 * batch being analysed (nothing of it is stored), so neither waits for a large batch.
 */
export const BATCH_STORIES = 8000;
export const BATCH_CHARS = 30_000_000;
export const BATCH_GROWTH = 1;
export const MAX_BATCH_STORIES = 24_000;
export const MAX_BATCH_CHARS = 90_000_000;
export const ANALYSE_STORIES = 2000;

export function newJob(id: string, collection: { id: string; name: string }, files: Pick<ImportFile, 'size'>[], now: number): ImportJob {
  return {
    id,
    collectionId: collection.id,
    collectionName: collection.name,
    state: 'running',
    filesTotal: files.length,
    filesDone: 0,
    bytesTotal: files.reduce((s, f) => s + (Number.isFinite(f.size) && f.size > 0 ? f.size : 0), 0),
    bytesDone: 0,
    storiesFound: 0,
    added: 0,
    alreadyPresent: 0,
    problems: [],
    problemCount: 0,
    startedAt: now,
    updatedAt: now,
  };
}

/** A storage error in words for the user; quota errors say what to do. */
export function describeStoreError(e: unknown): string {
  const names = [errorName(e), errorName((e as { inner?: unknown })?.inner)];
  if (names.includes('QuotaExceededError'))
    return 'The browser refused to store more: storage quota exceeded. Free disk space or delete a collection, then import again (stories already stored are skipped).';
  const msg = e instanceof Error ? e.message : String(e);
  return `Storing stories failed: ${msg.slice(0, 300)}`;
}

function errorName(e: unknown): string | undefined {
  return e && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : undefined;
}

class Cancelled extends Error {}

interface FileState {
  size: number;
  total: number;
  committed: number;
  parsed: boolean;
}

interface Pending {
  story: Story;
  file: number;
}

/** Imports `files` into the job's collection; resolves with the final job (never rejects). */
export async function runImport(initial: ImportJob, files: ImportFile[], ports: ImportPorts, opts: ImportOptions = {}): Promise<ImportJob> {
  const batchStories = Math.max(1, opts.batchStories ?? BATCH_STORIES);
  const batchChars = Math.max(1, opts.batchChars ?? BATCH_CHARS);
  const growth = Math.max(0, opts.batchGrowth ?? (opts.batchStories === undefined ? BATCH_GROWTH : 0)) || 0;
  const maxStories = Math.max(batchStories, opts.maxBatchStories ?? MAX_BATCH_STORIES);
  const maxChars = Math.max(batchChars, opts.maxBatchChars ?? MAX_BATCH_CHARS);
  const analyseStories = Math.min(batchStories, ANALYSE_STORIES);
  /** Stories in the index (before the job, plus those sent to commit since): what batches grow with. */
  let indexed = 0;
  const batchLimit = () => {
    const stories = Math.min(maxStories, Math.max(batchStories, Math.floor(growth * indexed)));
    return { stories, chars: Math.min(maxChars, Math.max(batchChars, Math.floor((batchChars * stories) / batchStories))) };
  };
  /** Stories analysed whose batch is not committed yet (shown as progress, never stored). */
  let analysedPending = 0;
  const signal = opts.signal;
  let job: ImportJob = { ...initial, state: 'running', problems: [...initial.problems] };
  const fileStates: FileState[] = files.map((f) => ({ size: Math.max(0, Number(f.size) || 0), total: 0, committed: 0, parsed: false }));
  const collection = { id: job.collectionId, name: job.collectionName };

  const progressOf = (states: FileState[]) => {
    let filesDone = 0;
    let bytesDone = 0;
    for (const s of states) {
      if (!s.parsed) continue;
      if (s.committed >= s.total) {
        filesDone++;
        bytesDone += s.size;
      } else bytesDone += s.total > 0 ? Math.floor((s.size * s.committed) / s.total) : 0;
    }
    return { filesDone, bytesDone };
  };
  /** The merge under way, shown as progress only. */
  let indexing: ImportJob['indexing'];
  const touch = () => {
    job = { ...job, ...progressOf(fileStates), updatedAt: ports.now() };
    ports.onProgress?.(analysedPending > 0 || indexing ? { ...job, analysed: analysedPending || undefined, indexing } : job);
  };
  const addProblems = (problems: ParseProblem[]) => {
    if (problems.length === 0) return;
    const room = Math.max(0, MAX_JOB_PROBLEMS - job.problems.length);
    job = { ...job, problemCount: job.problemCount + problems.length, problems: [...job.problems, ...problems.slice(0, room)] };
  };

  let failure: unknown;
  let inflight: Promise<void> = Promise.resolve();
  const timings: ImportTimings = { parseMs: 0, analyseMs: 0, commitMs: 0, commitWaitMs: 0, batches: 0 };
  const since = (t0: number) => Math.max(0, ports.now() - t0);
  /** The batch being analysed: at most one, so the next file is read and parsed meanwhile. */
  let analysing: Promise<void> = Promise.resolve();
  /** What stopped the analysis of a batch (a cancel or an error), thrown at the next step. */
  let stopped: unknown;
  const commitBatch = async (batch: Pending[]) => {
    await analysing;
    if (stopped !== undefined) throw stopped;
    indexed += batch.length;
    analysing = analyseAndCommit(batch).catch((e) => {
      stopped = e;
    });
  };
  const analyseAndCommit = async (batch: Pending[]) => {
    // Analysed in parts: progress moves, and a cancel drops the batch, while a large batch is analysed.
    const analysed: AnalysedStory[] = [];
    for (let i = 0; i < batch.length; i += analyseStories) {
      if (signal?.aborted) throw new Cancelled();
      if (failure !== undefined) throw failure;
      const t0 = ports.now();
      const part = await ports.analyse(batch.slice(i, i + analyseStories).map((p) => p.story));
      timings.analyseMs += since(t0);
      for (const a of part) analysed.push(a);
      analysedPending += part.length;
      touch();
    }
    const waited = ports.now();
    await inflight; // one commit at a time, in order; analysis of this batch overlapped the last commit
    timings.commitWaitMs += since(waited);
    if (failure !== undefined) throw failure;
    if (signal?.aborted) throw new Cancelled();
    const committing = ports.now();
    timings.batches++;
    inflight = ports
      .commit(collection.id, analysed, (r) => {
        // Runs inside the transaction: the job row written with the batch is exact.
        const states = fileStates.map((s) => ({ ...s }));
        for (const p of batch) states[p.file].committed++;
        return {
          ...job,
          ...progressOf(states),
          added: job.added + r.added,
          alreadyPresent: job.alreadyPresent + r.alreadyPresent,
          updatedAt: ports.now(),
        };
      })
      .then((r) => {
        timings.commitMs += since(committing);
        if (r.steps) {
          const sum = (timings.commitSteps ??= { idsMs: 0, storiesMs: 0, postingsMs: 0, totalMs: 0 });
          for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += r.steps[k];
        }
        analysedPending -= batch.length;
        for (const p of batch) fileStates[p.file].committed++;
        job = { ...job, added: job.added + r.added, alreadyPresent: job.alreadyPresent + r.alreadyPresent };
        touch();
      })
      .then(() => {
        // A due merge runs beside the next commits (its transactions interleave with theirs, each
        // atomic), so analysis and story writes go on while the posting rows are rewritten.
        if (!merging)
          merging = mergeStep(false)
            .catch((e) => {
              failure ??= e;
            })
            .finally(() => (merging = undefined));
      })
      .catch((e) => {
        failure = e;
      });
  };
  /** The merge started after a commit, if one runs. */
  let merging: Promise<void> | undefined;
  /** Merges pending postings (when due, or `all`); progress shows it as indexing. */
  const mergeStep = async (all: boolean) => {
    if (!ports.merge) return;
    const t0 = ports.now();
    const merged = await ports.merge(
      all,
      (done, total) => {
        indexing = { done, total };
        touch();
      },
      signal,
    );
    indexing = undefined;
    if (merged) {
      timings.merges = (timings.merges ?? 0) + 1;
      timings.mergeMs = (timings.mergeMs ?? 0) + since(t0);
      touch();
    }
  };

  let pending: Pending[] = [];
  let pendingChars = 0;
  const flush = async (all: boolean) => {
    for (;;) {
      const limit = batchLimit();
      if (!(pending.length > 0 && (all || pending.length >= limit.stories || pendingChars >= limit.chars))) break;
      let n = 0;
      let chars = 0;
      while (n < pending.length && n < limit.stories && (n === 0 || chars + pending[n].story.text.length <= limit.chars))
        chars += pending[n++].story.text.length;
      const batch = pending.slice(0, n);
      pending = pending.slice(n);
      pendingChars -= chars;
      await commitBatch(batch);
    }
  };

  try {
    await ports.saveJob(job);
    ports.onProgress?.(job);
    await ports.ensureCollection(collection);
    indexed = Math.max(0, Number(await ports.corpusStories?.()) || 0);
    for (let fi = 0; fi < files.length; fi++) {
      if (signal?.aborted) throw new Cancelled();
      if (failure !== undefined) throw failure;
      const file = files[fi];
      const name = String(file.name || `file ${fi + 1}`);
      job = { ...job, currentFile: name };
      touch();
      let result: ParseResult;
      const parsing = ports.now();
      try {
        const bytes = await file.read();
        result = ports.parse(name, bytes);
      } catch (e) {
        result = {
          stories: [],
          problems: [{ file: name, ...problemText('problem_file_unreadable', (e instanceof Error ? e.message : String(e)).slice(0, 270)) }],
        };
      }
      timings.parseMs += since(parsing);
      addProblems(result.problems);
      fileStates[fi].total = result.stories.length;
      fileStates[fi].parsed = true;
      job = { ...job, storiesFound: job.storiesFound + result.stories.length };
      for (const story of result.stories) {
        pending.push({ story, file: fi });
        pendingChars += story.text.length;
      }
      touch();
      await flush(false);
    }
    await flush(true);
    await analysing;
    if (stopped !== undefined) throw stopped;
    await inflight;
    await merging;
    if (failure !== undefined) throw failure;
    await mergeStep(true);
    if (signal?.aborted) throw new Cancelled();
    job = { ...job, state: 'done' };
  } catch (e) {
    await analysing;
    await inflight;
    await merging;
    if (e instanceof Cancelled && failure === undefined)
      job = {
        ...job,
        state: 'cancelled',
        error: 'Cancelled: the stories of the batches already stored are kept (the background finishes indexing them).',
      };
    else job = { ...job, state: 'failed', error: describeStoreError(failure ?? e) };
  }
  job = { ...job, ...progressOf(fileStates), currentFile: undefined, finishedAt: ports.now(), updatedAt: ports.now(), timings };
  try {
    if (job.added === 0) await ports.dropCollectionIfEmpty(collection.id);
    await ports.saveJob(job);
  } catch (e) {
    // The final row could not be written (quota again?): the last committed row stays, which is exact
    // about the corpus; the page shows the state we return.
    job = { ...job, error: job.error ?? describeStoreError(e) };
  }
  ports.onProgress?.(job);
  return job;
}
