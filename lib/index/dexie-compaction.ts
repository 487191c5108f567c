// Background upkeep of the IndexedDB index: merging each bucket's posting chunks level by level
// (size-tiered, FANOUT runs at a time) so queries read few chunks per bucket, dropping the
// postings of deleted collections on the way. Every step is one bounded, atomic transaction.
import { FANOUT, FP_BUCKETS, TERM_BUCKETS, bucketRange, chunkBucket, chunkLevel, mergeFpChunks, mergeTermChunks, type FpChunk, type TermChunk } from './dexie-chunks';
import { partKeys, runOfKey, type DexieBackend } from './dexie-backend';
import type { Table } from './dexie-db';

/** Buckets handled per transaction: keeps each step well under a second at 1M stories. */
const BUCKETS_PER_STEP = 256;

export interface CompactOptions {
  signal?: AbortSignal;
  /** Run even when fewer than FANOUT batches were written since the last pass. */
  force?: boolean;
}

export interface CompactReport {
  steps: number;
  merged: number;
  written: number;
}

/** Whether enough batches arrived since the last pass to make one worthwhile. */
export async function needsCompaction(backend: DexieBackend): Promise<boolean> {
  return (await backend.batchesSinceCompaction()) >= FANOUT;
}

/**
 * One full pass over both posting tables. Interruptible between steps (signal, or the worker being
 * stopped): a later pass simply finds the remaining merges.
 */
export async function compact(backend: DexieBackend, opts: CompactOptions = {}): Promise<CompactReport> {
  const report: CompactReport = { steps: 0, merged: 0, written: 0 };
  const seen = await backend.batchesSinceCompaction();
  if (!opts.force && seen < FANOUT) return report;
  const { db } = backend;
  for (const [table, buckets] of [
    [db.fpChunks, FP_BUCKETS],
    [db.termChunks, TERM_BUCKETS],
  ] as const) {
    for (let b0 = 0; b0 < buckets; b0 += BUCKETS_PER_STEP) {
      if (opts.signal?.aborted) return report;
      const r = await compactRange(backend, table as Table<FpChunk | TermChunk, number>, b0, Math.min(buckets, b0 + BUCKETS_PER_STEP));
      report.steps++;
      report.merged += r.merged;
      report.written += r.written;
    }
  }
  // Batches committed during the pass count towards the next one.
  await db.transaction('rw', db.meta, async () => {
    const c = await backend.counters();
    await db.meta.put({ ...c, batchesSinceCompaction: Math.max(0, c.batchesSinceCompaction - seen) });
  });
  return report;
}

/** Merges, in buckets [b0, b1), every level holding FANOUT runs or more (cascading upwards). */
export async function compactRange(
  backend: DexieBackend,
  table: Table<FpChunk | TermChunk, number>,
  b0: number,
  b1: number,
): Promise<{ merged: number; written: number }> {
  const { db } = backend;
  return db.transaction('rw', table, db.meta, db.collections, async () => {
    const keys = (await table.where(':id').between(bucketRange(b0)[0], bucketRange(b1)[0], true, false).primaryKeys()) as number[];
    // bucket → level → keys
    const plan = new Map<number, Map<number, number[]>>();
    for (const k of keys) {
      const b = chunkBucket(k);
      let levels = plan.get(b);
      if (!levels) plan.set(b, (levels = new Map()));
      const l = chunkLevel(k);
      const list = levels.get(l);
      if (list) list.push(k);
      else levels.set(l, [k]);
    }
    const runs = (ks: number[]) => new Set(ks.map(runOfKey)).size;
    const todo = [...plan.entries()].filter(([, levels]) => [...levels.values()].some((ks) => runs(ks) >= FANOUT));
    if (todo.length === 0) return { merged: 0, written: 0 };
    const alive = await backend.aliveNumbers();
    const isAlive = (n: number) => alive.has(n);
    const run = await backend.takeRunSeq();
    let merged = 0;
    const removed: number[] = [];
    const added: (FpChunk | TermChunk)[] = [];
    for (const [bucket, levels] of todo) {
      // Chunks produced in this step, by level, so a cascade merges them without re-reading.
      const fresh = new Map<number, (FpChunk | TermChunk)[]>();
      const maxLevel = Math.max(...levels.keys()) + 8;
      for (let level = 0; level <= maxLevel; level++) {
        const stored = levels.get(level) ?? [];
        const made = fresh.get(level) ?? [];
        if (runs(stored) + (made.length ? 1 : 0) < FANOUT) continue;
        const rows = (await table.bulkGet(stored)).filter((c): c is FpChunk | TermChunk => !!c);
        const input = [...rows, ...made];
        const mk = partKeys(bucket, level + 1, run);
        const out: (FpChunk | TermChunk)[] =
          input.length && 'hs' in input[0] ? mergeFpChunks(input as FpChunk[], isAlive, mk) : mergeTermChunks(input as TermChunk[], isAlive, mk);
        removed.push(...stored);
        fresh.delete(level);
        fresh.set(level + 1, [...(fresh.get(level + 1) ?? []), ...out]);
        merged += input.length;
      }
      for (const list of fresh.values()) added.push(...list);
    }
    await table.bulkDelete(removed);
    // A cascade may have merged chunks made earlier in this step: only the survivors are added.
    if (added.length) await table.bulkAdd(added);
    return { merged, written: added.length };
  });
}
