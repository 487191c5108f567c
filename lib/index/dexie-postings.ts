// Writing postings into the bucket rows: a batch's fingerprints and terms grouped by bucket, then
// read-modify-written into the touched rows (dead collections dropped on the way), and the full
// rebuild from stored stories that the schema upgrade runs.
import {
  INITIAL_FP_LAYOUT,
  decodeFp,
  encodeFp,
  fpCount,
  fpKey,
  grownLayout,
  layoutRows,
  mergeFp,
  partitionFp,
  sortFp,
  splitRows,
  type FpBucket,
  type FpEntries,
  type FpLayout,
} from './dexie-buckets';
import { FP_LAYOUT_KEY, type FpLayoutRow, type MetaRow, type StoryRow, type Table, type Transaction } from './dexie-db';
import {
  TERM_LAYOUT_KEY,
  decodeTermRow,
  encodeTermRow,
  mergeTermEntries,
  partitionTerms,
  termEntryBytes,
  termId,
  type TermEntries,
  type TermRow,
} from './dexie-term-rows';
import { rowAnalysis } from './dexie-story-row';

/** The postings of a batch, flat: grouped by row once the layouts are known. */
export class PostingBatch {
  readonly fpHashes: number[] = [];
  readonly fpKeys: number[] = [];
  readonly terms: TermEntries = new Map();

  /** Adds one story (its key, its fingerprints, its weighted terms) of collection number `coll`. */
  add(key: number, coll: number, fingerprints: ArrayLike<number>, terms: [string, number][]): void {
    for (let i = 0; i < fingerprints.length; i++) {
      this.fpHashes.push(fingerprints[i] >>> 0);
      this.fpKeys.push(key);
    }
    for (const [t, w] of terms) {
      const id = termId(t);
      const e = this.terms.get(id);
      if (!e) this.terms.set(id, { df: [[coll, 1]], keys: [key], weights: [w] });
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
  term: Table<TermRow, number>;
  meta: Table<MetaRow, string>;
}

/** A layout stored in `meta`: the fingerprint rows' (FP_LAYOUT_KEY) or the term rows' (TERM_LAYOUT_KEY);
 *  a database that never stored a posting has none yet. */
export async function readLayout(meta: Table<MetaRow, string>, key: LayoutKey = FP_LAYOUT_KEY): Promise<FpLayout> {
  const row = (await meta.get(key)) as FpLayoutRow | undefined;
  return row ? { level: row.level, split: row.split, postings: row.postings } : { ...INITIAL_FP_LAYOUT };
}

export type LayoutKey = typeof FP_LAYOUT_KEY | typeof TERM_LAYOUT_KEY;

export const layoutRow = (l: FpLayout, key: LayoutKey = FP_LAYOUT_KEY): FpLayoutRow => ({
  key,
  level: l.level,
  split: l.split,
  postings: l.postings,
});

/**
 * Merges a batch into the posting rows, inside the caller's transaction: one read and one write per
 * touched row. The fingerprint layout grows here too: the rows the batch's growth splits are read,
 * merged and written as their halves, and the new layout row is written with them.
 */
export async function writePostings(tables: PostingTables, batch: PostingBatch, alive: (coll: number) => boolean): Promise<void> {
  await Promise.all([writeFpPostings(tables, batch, alive), writeTermPostings(tables, batch, alive)]);
}

async function writeFpPostings(tables: PostingTables, batch: PostingBatch, alive: (coll: number) => boolean): Promise<void> {
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
  const keys = [...new Set([...groups.keys(), ...splitting])].sort((a, b) => a - b);
  const rows = await readRows(tables.fp, keys, layoutRows(layout));
  const out: FpBucket[] = [];
  const gone: number[] = [];
  let postings = layout.postings;
  keys.forEach((k, i) => {
    const lists: FpEntries[] = [];
    const old = rows[i];
    if (old) {
      lists.push(decodeFp(old));
      postings -= fpCount(old);
    }
    const g = groups.get(k);
    if (g) lists.push(sortFp(g.hs, g.ks));
    const merged = mergeFp(lists, alive);
    postings += merged.n;
    const parts = splitting.has(k) ? partitionFp(merged, next) : merged.n > 0 ? [{ key: k, entries: merged }] : [];
    for (const p of parts) out.push(encodeFp(p.key, p.entries));
    if (old && !parts.some((p) => p.key === k)) gone.push(k);
  });
  await Promise.all([tables.fp.bulkDelete(gone), tables.fp.bulkPut(out), tables.meta.put(layoutRow({ ...next, postings }))]);
}

/** The term rows' counterpart of writeFpPostings; their layout grows on bytes (termEntryBytes). */
async function writeTermPostings(tables: PostingTables, batch: PostingBatch, alive: (coll: number) => boolean): Promise<void> {
  if (batch.terms.size === 0) return;
  const layout = await readLayout(tables.meta, TERM_LAYOUT_KEY);
  const groups = partitionTerms(batch.terms, layout);
  let added = 0;
  for (const e of batch.terms.values()) added += termEntryBytes(e);
  const next = grownLayout(layout, layout.postings + added, 1);
  const splitting = new Set(splitRows(layout, next));
  const keys = [...new Set([...groups.keys(), ...splitting])].sort((a, b) => a - b);
  const rows = await readRows(tables.term, keys, layoutRows(layout));
  const out: TermRow[] = [];
  const gone: number[] = [];
  let bytes = layout.postings;
  keys.forEach((k, i) => {
    const old = rows[i];
    if (old) bytes -= old.data.byteLength;
    const merged = old ? decodeTermRow(old, alive) : new Map();
    const g = groups.get(k);
    if (g) mergeTermEntries(merged, g);
    const parts = splitting.has(k)
      ? partitionTerms(merged, next)
      : merged.size > 0
        ? new Map([[k, merged]])
        : new Map<number, TermEntries>();
    for (const [key, entries] of parts) {
      const row = encodeTermRow(key, entries);
      bytes += row.data.byteLength;
      out.push(row);
    }
    if (old && !parts.has(k)) gone.push(k);
  });
  await Promise.all([
    tables.term.bulkDelete(gone),
    tables.term.bulkPut(out),
    tables.meta.put(layoutRow({ ...next, postings: bytes }, TERM_LAYOUT_KEY)),
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
    Array.from({ length: RANGES }, (_, r) =>
      table
        .where(':id')
        .between(lo + r * span, Math.min(hi, lo + (r + 1) * span), true, false)
        .toArray(),
    ),
  );
  const byKey = new Map<number, T>();
  for (const part of parts) for (const row of part) byKey.set(row.b, row);
  return keys.map((k) => byKey.get(k));
}

/**
 * Rebuilds posting rows from the stored stories (schema upgrades): every row, or (`termsOnly`) the
 * term rows. Holds the postings in memory while it runs: fine for the corpora an old schema held.
 */
export async function rebuildPostings(tx: Transaction, termsOnly = false): Promise<void> {
  const live = new Set<number>(
    (await tx.table('collections').toArray())
      .filter((c: { state?: string }) => c.state !== 'deleting')
      .map((c: { number: number }) => c.number),
  );
  const batch = new PostingBatch();
  await tx.table('stories').each((row: StoryRow) => {
    const coll = Math.floor(row.key / 2 ** 24);
    if (!live.has(coll)) return;
    const a = rowAnalysis(row);
    batch.add(row.key, coll, termsOnly ? [] : a.fingerprints, a.terms);
  });
  const tables: PostingTables = { fp: tx.table('fpBuckets'), term: tx.table('termBuckets'), meta: tx.table('meta') };
  const alive = (c: number) => live.has(c);
  await tables.term.clear();
  await tables.meta.delete(TERM_LAYOUT_KEY);
  if (termsOnly) return writeTermPostings(tables, batch, alive);
  await tables.fp.clear();
  await tables.meta.delete(FP_LAYOUT_KEY);
  await writePostings(tables, batch, alive);
}
