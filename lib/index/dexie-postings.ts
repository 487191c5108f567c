// Writing postings into the bucket rows: a batch's fingerprints and terms grouped by bucket, then
// read-modify-written into the touched rows (dead collections dropped on the way), and the full
// rebuild from stored stories that the schema upgrade runs.
import {
  FP_BUCKETS,
  TERM_BUCKETS,
  decodeFp,
  decodeTerms,
  encodeFp,
  encodeTerms,
  fpBucket,
  mergeFp,
  sortFp,
  termBucket,
  type FpBucket,
  type FpEntries,
  type TermBucket,
  type TermEntry,
} from './dexie-buckets';
import type { StoryRow, Table, Transaction } from './dexie-db';
import { rowAnalysis } from './dexie-story-row';

/** The postings of a batch, grouped by bucket. */
export class PostingBatch {
  readonly fp = new Map<number, { hs: number[]; ks: number[] }>();
  readonly terms = new Map<number, Map<string, TermEntry>>();

  /** Adds one story (its key, its fingerprints, its weighted terms) of collection number `coll`. */
  add(key: number, coll: number, fingerprints: ArrayLike<number>, terms: [string, number][]): void {
    for (let i = 0; i < fingerprints.length; i++) {
      const h = fingerprints[i];
      const b = fpBucket(h);
      let g = this.fp.get(b);
      if (!g) this.fp.set(b, (g = { hs: [], ks: [] }));
      g.hs.push(h);
      g.ks.push(key);
    }
    for (const [t, w] of terms) {
      const b = termBucket(t);
      let m = this.terms.get(b);
      if (!m) this.terms.set(b, (m = new Map()));
      const e = m.get(t);
      if (!e) m.set(t, { df: [[coll, 1]], keys: [key], weights: [w] });
      else {
        const last = e.df[e.df.length - 1];
        if (last[0] === coll) last[1]++;
        else e.df.push([coll, 1]);
        e.keys.push(key);
        e.weights.push(w);
      }
    }
  }

  get size(): number {
    return this.fp.size + this.terms.size;
  }
}

/**
 * Merges a batch into the bucket rows, inside the caller's transaction: one bulkGet and one
 * bulkPut per table, over the touched buckets only.
 */
export async function writePostings(
  fpTable: Table<FpBucket, number>,
  termTable: Table<TermBucket, number>,
  batch: PostingBatch,
  alive: (coll: number) => boolean,
): Promise<void> {
  const fpKeys = [...batch.fp.keys()].sort((a, b) => a - b);
  const termKeys = [...batch.terms.keys()].sort((a, b) => a - b);
  const [fpRows, termRows] = await Promise.all([readRows(fpTable, fpKeys, FP_BUCKETS), readRows(termTable, termKeys, TERM_BUCKETS)]);
  const fpOut: FpBucket[] = [];
  fpKeys.forEach((b, i) => {
    const g = batch.fp.get(b)!;
    const lists: FpEntries[] = [];
    const old = fpRows[i];
    if (old) lists.push(decodeFp(old));
    lists.push(sortFp(g.hs, g.ks));
    fpOut.push(encodeFp(b, mergeFp(lists, alive)));
  });
  const termOut: TermBucket[] = [];
  termKeys.forEach((b, i) => {
    const old = termRows[i];
    const merged = old ? decodeTerms(old, alive) : new Map<string, TermEntry>();
    for (const [t, e] of batch.terms.get(b)!) {
      const m = merged.get(t);
      if (!m) merged.set(t, e);
      else {
        m.df.push(...e.df);
        m.keys.push(...e.keys);
        m.weights.push(...e.weights);
      }
    }
    termOut.push(encodeTerms(b, merged));
  });
  await Promise.all([fpTable.bulkPut(fpOut), termTable.bulkPut(termOut)]);
}

/** Range reads return many rows per request (measured ~3× faster than one get per row), worth it
 *  once a batch touches a good share of the buckets; a small batch reads its rows one by one. */
const RANGES = 64;

async function readRows<T extends { b: number }>(table: Table<T, number>, keys: number[], buckets: number): Promise<(T | undefined)[]> {
  if (keys.length < buckets / 8) return table.bulkGet(keys);
  const span = Math.ceil(buckets / RANGES);
  const parts = await Promise.all(
    Array.from({ length: RANGES }, (_, r) => table.where(':id').between(r * span, (r + 1) * span, true, false).toArray()),
  );
  const byKey = new Map<number, T>();
  for (const part of parts) for (const row of part) byKey.set(row.b, row);
  return keys.map((k) => byKey.get(k));
}

/**
 * Rebuilds every posting row from the stored stories (schema upgrade). Holds the whole index in
 * memory while it runs: fine for the corpora a v1 database could hold.
 */
export async function rebuildPostings(tx: Transaction): Promise<void> {
  const live = new Set<number>(
    (await tx.table('collections').toArray()).filter((c: { state?: string }) => c.state !== 'deleting').map((c: { number: number }) => c.number),
  );
  const batch = new PostingBatch();
  await tx.table('stories').each((row: StoryRow) => {
    const coll = Math.floor(row.key / 2 ** 24);
    if (!live.has(coll)) return;
    const a = rowAnalysis(row);
    batch.add(row.key, coll, a.fingerprints, a.terms);
  });
  await tx.table('fpBuckets').clear();
  await tx.table('termBuckets').clear();
  await writePostings(tx.table('fpBuckets'), tx.table('termBuckets'), batch, (c) => live.has(c));
}
