// Writing postings into the bucket rows: a batch's fingerprints and terms grouped by bucket, then
// read-modify-written into the touched rows (dead collections dropped on the way), and the full
// rebuild from stored stories that the schema upgrade runs.
import {
  INITIAL_FP_LAYOUT,
  TERM_BUCKETS,
  decodeFp,
  decodeTerms,
  encodeFp,
  encodeTerms,
  fpCount,
  fpKey,
  grownLayout,
  layoutRows,
  mergeFp,
  partitionFp,
  sortFp,
  splitRows,
  termBucket,
  type FpBucket,
  type FpEntries,
  type FpLayout,
  type TermBucket,
  type TermEntry,
} from './dexie-buckets';
import { FP_LAYOUT_KEY, type FpLayoutRow, type MetaRow, type StoryRow, type Table, type Transaction } from './dexie-db';
import { rowAnalysis } from './dexie-story-row';

/** The postings of a batch: fingerprints flat (grouped by row once the layout is known), terms by bucket. */
export class PostingBatch {
  readonly fpHashes: number[] = [];
  readonly fpKeys: number[] = [];
  readonly terms = new Map<number, Map<string, TermEntry>>();

  /** Adds one story (its key, its fingerprints, its weighted terms) of collection number `coll`. */
  add(key: number, coll: number, fingerprints: ArrayLike<number>, terms: [string, number][]): void {
    for (let i = 0; i < fingerprints.length; i++) {
      this.fpHashes.push(fingerprints[i] >>> 0);
      this.fpKeys.push(key);
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
    return this.fpHashes.length + this.terms.size;
  }
}

export interface PostingTables {
  fp: Table<FpBucket, number>;
  term: Table<TermBucket, number>;
  meta: Table<MetaRow, string>;
}

/** The fingerprint layout stored in `meta` (a database that never stored a posting has none yet). */
export async function readLayout(meta: Table<MetaRow, string>): Promise<FpLayout> {
  const row = (await meta.get(FP_LAYOUT_KEY)) as FpLayoutRow | undefined;
  return row ? { level: row.level, split: row.split, postings: row.postings } : { ...INITIAL_FP_LAYOUT };
}

export const layoutRow = (l: FpLayout): FpLayoutRow => ({ key: FP_LAYOUT_KEY, level: l.level, split: l.split, postings: l.postings });

/**
 * Merges a batch into the posting rows, inside the caller's transaction: one read and one write per
 * touched row. The fingerprint layout grows here too: the rows the batch's growth splits are read,
 * merged and written as their halves, and the new layout row is written with them.
 */
export async function writePostings(tables: PostingTables, batch: PostingBatch, alive: (coll: number) => boolean): Promise<void> {
  const layout = await readLayout(tables.meta);
  const groups = new Map<number, { hs: number[]; ks: number[] }>();
  for (let i = 0; i < batch.fpHashes.length; i++) {
    const h = batch.fpHashes[i];
    const k = fpKey(h, layout);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { hs: [], ks: [] }));
    g.hs.push(h);
    g.ks.push(batch.fpKeys[i]);
  }
  const next = grownLayout(layout, layout.postings + batch.fpHashes.length);
  const splitting = new Set(splitRows(layout, next));
  const fpKeys = [...new Set([...groups.keys(), ...splitting])].sort((a, b) => a - b);
  const termKeys = [...batch.terms.keys()].sort((a, b) => a - b);
  const [fpRows, termRows] = await Promise.all([readRows(tables.fp, fpKeys, layoutRows(layout)), readRows(tables.term, termKeys, TERM_BUCKETS)]);
  const fpOut: FpBucket[] = [];
  const fpGone: number[] = [];
  let postings = layout.postings;
  fpKeys.forEach((k, i) => {
    const lists: FpEntries[] = [];
    const old = fpRows[i];
    if (old) {
      lists.push(decodeFp(old));
      postings -= fpCount(old);
    }
    const g = groups.get(k);
    if (g) lists.push(sortFp(g.hs, g.ks));
    const merged = mergeFp(lists, alive);
    postings += merged.n;
    const parts = splitting.has(k) ? partitionFp(merged, next) : merged.n > 0 ? [{ key: k, entries: merged }] : [];
    for (const p of parts) fpOut.push(encodeFp(p.key, p.entries));
    if (old && !parts.some((p) => p.key === k)) fpGone.push(k);
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
  await Promise.all([
    tables.fp.bulkDelete(fpGone),
    tables.fp.bulkPut(fpOut),
    tables.term.bulkPut(termOut),
    tables.meta.put(layoutRow({ ...next, postings })),
  ]);
}

/** Range reads return many rows per request (measured ~3× faster than one get per row), worth it
 *  once a batch touches a good share of the rows; a small batch reads its rows one by one. */
const RANGES = 64;

/** Rows by key (sorted ascending), `total` being about how many rows the table holds. */
async function readRows<T extends { b: number }>(table: Table<T, number>, keys: number[], total: number): Promise<(T | undefined)[]> {
  if (keys.length === 0) return [];
  if (keys.length < total / 8) return table.bulkGet(keys);
  const lo = keys[0];
  const hi = keys[keys.length - 1] + 1;
  const span = Math.ceil((hi - lo) / RANGES);
  const parts = await Promise.all(
    Array.from({ length: RANGES }, (_, r) => table.where(':id').between(lo + r * span, Math.min(hi, lo + (r + 1) * span), true, false).toArray()),
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
  await tx.table('meta').delete(FP_LAYOUT_KEY);
  await writePostings({ fp: tx.table('fpBuckets'), term: tx.table('termBuckets'), meta: tx.table('meta') }, batch, (c) => live.has(c));
}
