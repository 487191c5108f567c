// Writing postings into the bucket rows: a batch's fingerprints and terms grouped by bucket, then
// read-modify-written into the touched rows (dead collections dropped on the way), and the full
// rebuild from stored stories that the schema upgrade runs.
import {
  INITIAL_FP_LAYOUT,
  decodeFp,
  encodeFp,
  collectionOfKey,
  fpCount,
  fpRowIndex,
  fpRowKeyOfIndex,
  grownLayout,
  layoutRows,
  levelOfKey,
  mergeFp,
  partitionFp,
  splitRows,
  type FpBucket,
  type FpEntries,
  type FpLayout,
} from './buckets';
import { FP_LAYOUT_KEY, type FpLayoutRow, type MetaRow, type StoryRow, type Table, type Transaction } from './rows';
import {
  TERM_LAYOUT_KEY,
  decodeTermRow,
  encodeTermRow,
  mergeTermEntries,
  partitionTerms,
  termEntryBytes,
  termId,
  termRowHash,
  type TermEntries,
  type TermRow,
} from './term-rows';
import { rowAnalysis } from './story-row';

/** Typed array of twice the length holding the same first elements. */
function grown<T extends Uint32Array | Float64Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/**
 * The postings of a batch in flat typed arrays (a 24,000-story batch holds ~5M fingerprint postings:
 * one object or array per posting was most of a commit's garbage), sorted into rows at write time.
 */
export class PostingBatch {
  fpHashes = new Uint32Array(4096);
  fpKeys = new Float64Array(4096);
  fpCount = 0;
  termIds = new Float64Array(1024);
  termKeys = new Float64Array(1024);
  termWeights = new Float64Array(1024);
  termCount = 0;

  /** Adds one story (its key, its fingerprints, its weighted terms). */
  add(key: number, fingerprints: ArrayLike<number>, terms: [string, number][]): void {
    this.reserve(fingerprints.length, terms.length);
    for (let i = 0; i < fingerprints.length; i++) {
      this.fpHashes[this.fpCount] = fingerprints[i] >>> 0;
      this.fpKeys[this.fpCount++] = key;
    }
    for (const [t, w] of terms) {
      this.termIds[this.termCount] = termId(t);
      this.termKeys[this.termCount] = key;
      this.termWeights[this.termCount++] = w;
    }
  }

  /** Adds the postings of a pending row (dexie/pending.ts) whose collection is alive. */
  addPending(
    r: { fpHashes: Uint32Array; fpKeys: Float64Array; termIds: Float64Array; termKeys: Float64Array; termWeights: Float64Array },
    alive: (coll: number) => boolean,
  ): void {
    this.reserve(r.fpHashes.length, r.termIds.length);
    for (let i = 0; i < r.fpHashes.length; i++) {
      if (!alive(collectionOfKey(r.fpKeys[i]))) continue;
      this.fpHashes[this.fpCount] = r.fpHashes[i];
      this.fpKeys[this.fpCount++] = r.fpKeys[i];
    }
    for (let i = 0; i < r.termIds.length; i++) {
      if (!alive(collectionOfKey(r.termKeys[i]))) continue;
      this.termIds[this.termCount] = r.termIds[i];
      this.termKeys[this.termCount] = r.termKeys[i];
      this.termWeights[this.termCount++] = r.termWeights[i];
    }
  }

  /** Room for `fp` more fingerprint postings and `terms` more term postings. */
  private reserve(fp: number, terms: number): void {
    while (this.fpCount + fp > this.fpHashes.length) {
      this.fpHashes = grown(this.fpHashes);
      this.fpKeys = grown(this.fpKeys);
    }
    while (this.termCount + terms > this.termIds.length) {
      this.termIds = grown(this.termIds);
      this.termKeys = grown(this.termKeys);
      this.termWeights = grown(this.termWeights);
    }
  }
}

/**
 * Items sorted by their 32-bit row hash (two stable 16-bit counting passes: linear, where a
 * comparison sort of a batch's ~5M postings took seconds), cut into the rows of `layout`: the items
 * of row index r are order[starts[r] … starts[r + 1]) with hashes sorted[…], ascending, ties in
 * original order. Each pass carries the hashes along with the indices, so every read is sequential
 * and only the writes scatter (measured 4× faster than gathering hashes[order[j]]).
 */
function byRow(hashes: Uint32Array, n: number, layout: FpLayout): { order: Uint32Array; sorted: Uint32Array; starts: Uint32Array } {
  const low = new Uint32Array(0x10001);
  const high = new Uint32Array(0x10001);
  for (let i = 0; i < n; i++) {
    const h = hashes[i];
    low[(h & 0xffff) + 1]++;
    high[(h >>> 16) + 1]++;
  }
  for (let d = 1; d <= 0x10000; d++) {
    low[d] += low[d - 1];
    high[d] += high[d - 1];
  }
  const byLow = new Uint32Array(n);
  const byLowHash = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = hashes[i];
    const k = low[h & 0xffff]++;
    byLow[k] = i;
    byLowHash[k] = h;
  }
  const order = new Uint32Array(n);
  const sorted = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    const h = byLowHash[j];
    const k = high[h >>> 16]++;
    order[k] = byLow[j];
    sorted[k] = h;
  }
  const starts = new Uint32Array(layoutRows(layout) + 1);
  for (let j = 0; j < n; j++) starts[fpRowIndex(sorted[j], layout.level, layout.split) + 1]++;
  for (let r = 1; r < starts.length; r++) starts[r] += starts[r - 1];
  return { order, sorted, starts };
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
  await (
    await startPostings(tables, batch, alive)
  )();
}

/**
 * writePostings in two steps: reads the layouts and queues the reads of the touched rows, then
 * returns the step that merges and writes them. IndexedDB serves a transaction's requests in order,
 * so a caller that queues its other writes (the batch's story rows) between the two steps has the
 * database write those while the rows are merged here, instead of the reads waiting behind them.
 */
export async function startPostings(
  tables: PostingTables,
  batch: PostingBatch,
  alive: (coll: number) => boolean,
  grow?: (fp: FpLayout, term: FpLayout) => { fp: FpLayout; term: FpLayout },
): Promise<() => Promise<void>> {
  if (batch.fpCount === 0 && batch.termCount === 0 && !grow) return async () => {};
  const [fpLayout, termLayout] = await Promise.all([readLayout(tables.meta), readLayout(tables.meta, TERM_LAYOUT_KEY)]);
  const next = grow?.(fpLayout, termLayout);
  const fp = startFpPostings(tables, batch, alive, fpLayout, next?.fp);
  const terms = startTermPostings(tables, batch, alive, termLayout, next?.term);
  return async () => void (await Promise.all([fp(), terms()]));
}

function startFpPostings(
  tables: PostingTables,
  batch: PostingBatch,
  alive: (coll: number) => boolean,
  layout: FpLayout,
  grow?: FpLayout,
): () => Promise<void> {
  const { fpKeys } = batch;
  const { order, sorted, starts } = byRow(batch.fpHashes, batch.fpCount, layout);
  /** The batch's entries of row index r, sorted by hash (keys ascending within a hash: stable). */
  const groupOf = (r: number): FpEntries | undefined => {
    const from = starts[r];
    const n = starts[r + 1] - from;
    if (n === 0) return undefined;
    const hs = new Uint32Array(n);
    const ks = new Float64Array(n);
    hs.set(sorted.subarray(from, from + n));
    for (let j = 0; j < n; j++) ks[j] = fpKeys[order[from + j]];
    return { hs, ks, n };
  };
  const indexOfKey = new Map<number, number>();
  for (let r = 0; r + 1 < starts.length; r++) if (starts[r + 1] > starts[r]) indexOfKey.set(fpRowKeyOfIndex(r, layout), r);
  const next = grow ?? grownLayout(layout, layout.postings + batch.fpCount);
  const { keys, splitting, reading } = queueRowReads(tables.fp, layout, next, indexOfKey.keys());
  return async () => {
    const rows = await reading;
    const { out, gone, total } = rewriteRows(keys, rows, layout.postings, {
      // The batch's keys are all alive; a row's are unless it holds a dead collection.
      merge: (k, old) => {
        const r = indexOfKey.get(k);
        return mergeFp(old && decodeFp(old), r === undefined ? undefined : groupOf(r), old && !old.colls.every(alive) ? alive : null);
      },
      parts: (k, merged) => (splitting.has(k) ? partitionFp(merged, next) : merged.n > 0 ? [{ key: k, entries: merged }] : []),
      encode: encodeFp,
      size: fpCount,
    });
    await Promise.all([tables.fp.bulkDelete(gone), tables.fp.bulkPut(out), tables.meta.put(layoutRow({ ...next, postings: total }))]);
  };
}

/** The term rows' counterpart of startFpPostings; their layout grows on bytes (termEntryBytes). */
function startTermPostings(
  tables: PostingTables,
  batch: PostingBatch,
  alive: (coll: number) => boolean,
  layout: FpLayout,
  grow?: FpLayout,
): () => Promise<void> {
  const { termIds, termKeys, termWeights, termCount } = batch;
  if (termCount === 0 && !grow) return async () => {};
  const rowHashes = new Uint32Array(termCount);
  for (let i = 0; i < termCount; i++) rowHashes[i] = termRowHash(termIds[i]);
  const { order, starts } = byRow(rowHashes, termCount, layout);
  /** The batch's entries of row index r, by term id (keys in batch order). */
  const groupOf = (r: number): TermEntries | undefined => {
    if (starts[r + 1] === starts[r]) return undefined;
    const m: TermEntries = new Map();
    for (let j = starts[r]; j < starts[r + 1]; j++) {
      const i = order[j];
      const key = termKeys[i];
      const coll = collectionOfKey(key);
      const e = m.get(termIds[i]);
      if (!e) m.set(termIds[i], { df: [[coll, 1]], keys: [key], weights: [termWeights[i]] });
      else {
        const last = e.df[e.df.length - 1];
        if (last[0] === coll) last[1]++;
        else e.df.push([coll, 1]);
        e.keys.push(key);
        e.weights.push(termWeights[i]);
      }
    }
    return m;
  };
  const groups = new Map<number, TermEntries>();
  let added = 0;
  for (let r = 0; r + 1 < starts.length; r++) {
    const g = groupOf(r);
    if (!g) continue;
    groups.set(fpRowKeyOfIndex(r, layout), g);
    for (const e of g.values()) added += termEntryBytes(e);
  }
  const next = grow ?? grownLayout(layout, layout.postings + added, 1);
  const { keys, splitting, reading } = queueRowReads(tables.term, layout, next, groups.keys());
  return async () => {
    const rows = await reading;
    const { out, gone, total } = rewriteRows(keys, rows, layout.postings, {
      merge: (k, old) => {
        const merged = old ? decodeTermRow(old, alive) : new Map();
        const g = groups.get(k);
        if (g) mergeTermEntries(merged, g);
        return merged;
      },
      parts: (k, merged) =>
        splitting.has(k)
          ? [...partitionTerms(merged, next)].map(([key, entries]) => ({ key, entries }))
          : merged.size > 0
            ? [{ key: k, entries: merged }]
            : [],
      encode: encodeTermRow,
      size: (row) => row.data.byteLength,
    });
    await Promise.all([
      tables.term.bulkDelete(gone),
      tables.term.bulkPut(out),
      tables.meta.put(layoutRow({ ...next, postings: total }, TERM_LAYOUT_KEY)),
    ]);
  };
}

/**
 * The rows to write and the keys to delete when each row of `keys` (read as `rows`) is merged with
 * what a batch adds, and cut into the rows of the grown layout where it splits; `total` is the
 * layout's size measure (postings or bytes) moved from the old rows to the new ones.
 */
function rewriteRows<Row extends { b: number }, E>(
  keys: number[],
  rows: (Row | undefined)[],
  total: number,
  step: {
    merge(key: number, old: Row | undefined): E;
    parts(key: number, merged: E): { key: number; entries: E }[];
    encode(key: number, entries: E): Row;
    size(row: Row): number;
  },
): { out: Row[]; gone: number[]; total: number } {
  const out: Row[] = [];
  const gone: number[] = [];
  keys.forEach((k, i) => {
    const old = rows[i];
    if (old) total -= step.size(old);
    const parts = step.parts(k, step.merge(k, old));
    for (const p of parts) {
      const row = step.encode(p.key, p.entries);
      total += step.size(row);
      out.push(row);
    }
    if (old && !parts.some((p) => p.key === k)) gone.push(k);
  });
  return { out, gone, total };
}

/** The rows a batch rewrites (those it touches, and those the layout's growth from `layout` to `next`
 *  splits), in key order, with their reads queued. */
function queueRowReads<T extends { b: number }>(table: Table<T, number>, layout: FpLayout, next: FpLayout, touched: Iterable<number>) {
  const splitting = new Set(splitRows(layout, next));
  const keys = [...new Set([...touched, ...splitting])].sort((a, b) => a - b);
  return { keys, splitting, reading: readRows(table, keys) };
}

/** Range reads return many rows per request (measured ~3× faster than one get per row), worth it
 *  once a batch touches a good share of the rows in a key span; a sparse set is read row by row. */
const RANGES = 64;
/** Rows per range read at least (a merge of one part of the hash space reads a few thousand rows). */
const RANGE_ROWS = 64;

/** Rows by key (sorted ascending). Keys are grouped by level (a level's rows are one key span),
 *  and each group is read with range reads when dense in its span, with point gets when sparse. */
async function readRows<T extends { b: number }>(table: Table<T, number>, keys: number[]): Promise<(T | undefined)[]> {
  if (keys.length === 0) return [];
  const byKey = new Map<number, T>();
  const reads: Promise<void>[] = [];
  for (let from = 0; from < keys.length;) {
    const level = levelOfKey(keys[from]);
    let to = from + 1;
    while (to < keys.length && levelOfKey(keys[to]) === level) to++;
    const group = keys.slice(from, to);
    from = to;
    const lo = group[0];
    const hi = group[group.length - 1] + 1;
    if (group.length < (hi - lo) / 8) {
      reads.push(table.bulkGet(group).then((rows) => rows.forEach((r) => r && byKey.set(r.b, r))));
      continue;
    }
    const ranges = Math.max(1, Math.min(RANGES, Math.ceil(group.length / RANGE_ROWS)));
    const span = Math.ceil((hi - lo) / ranges);
    for (let r = 0; r < ranges; r++)
      reads.push(
        table
          .where(':id')
          .between(lo + r * span, Math.min(hi, lo + (r + 1) * span), true, false)
          .toArray()
          .then((rows) => rows.forEach((row) => byKey.set(row.b, row))),
      );
  }
  await Promise.all(reads);
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
    batch.add(row.key, termsOnly ? [] : a.fingerprints, a.terms);
  });
  const tables: PostingTables = { fp: tx.table('fpBuckets'), term: tx.table('termBuckets'), meta: tx.table('meta') };
  await tables.term.clear();
  await tables.meta.delete(TERM_LAYOUT_KEY);
  if (!termsOnly) {
    await tables.fp.clear();
    await tables.meta.delete(FP_LAYOUT_KEY);
  }
  // Only the cleared rows are rebuilt (with termsOnly the batch holds no fingerprints).
  await writePostings(tables, batch, (c) => live.has(c));
}
