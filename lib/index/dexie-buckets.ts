// Packed posting buckets for the IndexedDB index: the bucket layout and the typed-array encodings
// of fingerprint and term postings (look up, merge a batch in, drop dead collections).
//
// Layout, from measurements in Chromium (see ../shared/PRODUCT.md, "Measured limits", and
// BENCHMARKS.md): an IndexedDB request costs ~0.05–0.1 ms whatever it carries, a key-range getAll
// ~2.5× a point get, and one row per fingerprint would cap import near 20 stories/s. So postings
// are packed: a fingerprint hash falls in one of FP_BUCKETS buckets (its top bits), a term in one
// of TERM_BUCKETS (by its hash), and each bucket is exactly ONE row keyed by its number.
//  - A query reads the rows of the buckets its page touches with point gets (bulkGet): ~1 request
//    per page fingerprint at most (~600 for a 1,500-word page) plus ~40 for its key terms, and
//    bytes ≈ requests × (corpus postings / buckets): bounded by the page, not the corpus.
//  - An import batch read-modify-writes the rows of the buckets it touches, in the same
//    transaction as its stories: 2 requests per touched bucket whatever the batch size, so batches
//    are large (thousands of stories) and the per-story cost stays small. Inside a row entries
//    are sorted, so merging a batch in is linear (no re-sort).
//  - Rows grow with the corpus: 6 bytes per fingerprint posting, so at FP_BUCKET_BITS = 13 a row
//    holds ~18 KB at 100k stories and ~180 KB at 1M (past Chromium's 64 KB inline-value limit:
//    still correct, reads slower). Raising the bits is a schema upgrade that re-buckets (the rows
//    hold full hashes' worth of bits).
import { hashString } from '../text/hash';

/** Top bits of a fingerprint hash that pick its bucket. */
export const FP_BUCKET_BITS = 13;
export const FP_BUCKETS = 2 ** FP_BUCKET_BITS;
/** Bits of a term's hash that pick its bucket: a page looks up only ~40 terms, so rows can be
 *  bigger (fewer rows rewritten per batch); capped term postings keep them under ~40 KB at 100k. */
export const TERM_BUCKET_BITS = 10;
export const TERM_BUCKETS = 2 ** TERM_BUCKET_BITS;
/** Keys kept per fingerprint. Only the count matters past the boilerplate threshold
 *  (HARD_BOILERPLATE_DF = 200, or 0.2% of the corpus: 2,000 at 1M stories), so 4,096 keeps every
 *  verdict exact up to ~2M stories while bounding a chrome line's posting list. */
export const FP_KEYS_CAP = 4096;
/** Keys kept per term (highest weights first); the term's df stays exact. */
export const TERM_KEYS_CAP = 1000;
/** Story keys are collection number × 2^24 + sequence (as in the memory backend), so a key names its
 *  collection without a lookup: dead (deleted) collections are filtered from postings by arithmetic. */
export const KEYS_PER_COLLECTION = 2 ** 24;

export const fpBucket = (hash: number): number => hash >>> (32 - FP_BUCKET_BITS);
export const termBucket = (term: string): number => hashString(term) >>> (32 - TERM_BUCKET_BITS);
export const collectionOfKey = (key: number): number => Math.floor(key / KEYS_PER_COLLECTION);

/** Bits of a hash below the bucket bits: 3 index a small directory, 16 are stored per entry. */
const LOW_BITS = 32 - FP_BUCKET_BITS;
const DIR_BITS = LOW_BITS - 16;
const DIR_SIZE = 2 ** DIR_BITS;
const LOW_MASK = 2 ** LOW_BITS - 1;

/** Keys relative to the row's base: 4 bytes while the span allows (collections numbered close
 *  together), 8 bytes otherwise. */
export type KeyArray = Uint32Array | Float64Array;

function keySpanFits(keys: ArrayLike<number>, n: number, base: number): boolean {
  for (let i = 0; i < n; i++) if (keys[i] - base >= 2 ** 32) return false;
  return true;
}

const align8 = (x: number) => (x + 7) & ~7;

function collectionsOf(keys: ArrayLike<number>, n: number): number[] {
  const s = new Set<number>();
  for (let i = 0; i < n; i++) s.add(collectionOfKey(keys[i]));
  return [...s].sort((a, b) => a - b);
}

// ---------------------------------------------------------------- fingerprint buckets

/**
 * All postings of one fingerprint bucket: entries sorted by hash (then insertion order), packed in
 * ONE buffer — structured clone cost grows with the number of buffers per row (measured about half
 * the read time for 600 rows of four typed arrays), and a query reads hundreds of rows.
 * data: [base f64][n u32][key width u32][dir u32 × DIR_SIZE+1][lo u16 × n][pad][keys u32|f64 × n]
 */
export interface FpBucket {
  /** Bucket number (primary key). */
  b: number;
  /** Collection numbers present (a delete rewrites only the rows holding a dead one). */
  colls: number[];
  data: Uint8Array;
}

/** Typed views on a row's buffer. */
export interface FpView {
  base: number;
  n: number;
  /** DIR_SIZE + 1 offsets: entries whose hash has middle bits d lie in [dir[d], dir[d + 1]). */
  dir: Uint32Array;
  /** Low 16 bits of each entry's hash. */
  lo: Uint16Array;
  ks: KeyArray;
}

const FP_HEADER = align8(16 + 4 * (DIR_SIZE + 1));

export function fpView(row: FpBucket): FpView {
  const { buffer, byteOffset } = row.data;
  // Structured clone gives each row its own buffer at offset 0; copy if not (keeps views aligned).
  const data = byteOffset % 8 === 0 ? row.data : row.data.slice();
  const buf = data === row.data ? buffer : data.buffer;
  const off = data === row.data ? byteOffset : 0;
  const head = new DataView(buf, off, 16);
  const base = head.getFloat64(0, true);
  const n = head.getUint32(8, true);
  const wide = head.getUint32(12, true) === 8;
  const dir = new Uint32Array(buf, off + 16, DIR_SIZE + 1);
  const lo = new Uint16Array(buf, off + FP_HEADER, n);
  const kOff = off + align8(FP_HEADER + 2 * n);
  const ks = wide ? new Float64Array(buf, kOff, n) : new Uint32Array(buf, kOff, n);
  return { base, n, dir, lo, ks };
}

/** Parallel (hash, key) lists, hashes sorted ascending: what a bucket holds, or a batch adds. */
export interface FpEntries {
  hs: Uint32Array | number[];
  ks: Float64Array | number[];
  n: number;
}

export function encodeFp(b: number, e: FpEntries): FpBucket {
  let base = Infinity;
  for (let i = 0; i < e.n; i++) if (e.ks[i] < base) base = e.ks[i];
  if (base === Infinity) base = 0;
  const wide = !keySpanFits(e.ks, e.n, base);
  const kOff = align8(FP_HEADER + 2 * e.n);
  const data = new Uint8Array(kOff + e.n * (wide ? 8 : 4));
  const head = new DataView(data.buffer, 0, 16);
  head.setFloat64(0, base, true);
  head.setUint32(8, e.n, true);
  head.setUint32(12, wide ? 8 : 4, true);
  const dir = new Uint32Array(data.buffer, 16, DIR_SIZE + 1);
  const lo = new Uint16Array(data.buffer, FP_HEADER, e.n);
  const ks = wide ? new Float64Array(data.buffer, kOff, e.n) : new Uint32Array(data.buffer, kOff, e.n);
  for (let i = 0; i < e.n; i++) {
    const low = e.hs[i] & LOW_MASK;
    dir[(low >>> 16) + 1]++;
    lo[i] = low & 0xffff;
    ks[i] = e.ks[i] - base;
  }
  for (let d = 1; d <= DIR_SIZE; d++) dir[d] += dir[d - 1];
  return { b, colls: collectionsOf(e.ks, e.n), data };
}

/** Every entry of a row, with full hashes, sorted by hash. */
export function decodeFp(row: FpBucket): FpEntries {
  const v = fpView(row);
  const hs = new Uint32Array(v.n);
  const ks = new Float64Array(v.n);
  const high = row.b * 2 ** LOW_BITS;
  for (let d = 0; d < DIR_SIZE; d++) for (let i = v.dir[d]; i < v.dir[d + 1]; i++) hs[i] = high + d * 0x10000 + v.lo[i];
  for (let i = 0; i < v.n; i++) ks[i] = v.base + v.ks[i];
  return { hs, ks, n: v.n };
}

/** Appends the live keys of `hash` (which must fall in this row's bucket) to `out`. */
export function lookupFp(view: FpView, hash: number, alive: (coll: number) => boolean, out: number[]): void {
  const low = hash & LOW_MASK;
  const d = low >>> 16;
  const x = low & 0xffff;
  let lo = view.dir[d];
  let hi = view.dir[d + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (view.lo[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < view.dir[d + 1] && view.lo[i] === x; i++) {
    const key = view.base + view.ks[i];
    if (alive(collectionOfKey(key))) out.push(key);
  }
}

/**
 * Merges sorted entry lists (a row's and a batch's) into one sorted list, dropping dead
 * collections' keys and keeping at most FP_KEYS_CAP keys per hash (the first ones: older rows first).
 */
export function mergeFp(lists: FpEntries[], alive: (coll: number) => boolean): FpEntries {
  let total = 0;
  for (const l of lists) total += l.n;
  const hs = new Uint32Array(total);
  const ks = new Float64Array(total);
  const pos = lists.map(() => 0);
  let n = 0;
  let run = 0;
  for (;;) {
    // Smallest head among the lists (few lists: a linear pick is fastest).
    let best = -1;
    let bh = Infinity;
    for (let l = 0; l < lists.length; l++) {
      if (pos[l] < lists[l].n && lists[l].hs[pos[l]] < bh) {
        bh = lists[l].hs[pos[l]];
        best = l;
      }
    }
    if (best < 0) break;
    const key = lists[best].ks[pos[best]++];
    if (!alive(collectionOfKey(key))) continue;
    run = n > 0 && hs[n - 1] === bh ? run + 1 : 0;
    if (run >= FP_KEYS_CAP) continue;
    hs[n] = bh;
    ks[n] = key;
    n++;
  }
  return { hs, ks, n };
}

/** Sorts a batch's (hash, key) pairs by hash, keys ascending within a hash. */
export function sortFp(hs: number[], ks: number[]): FpEntries {
  const order = new Float64Array(hs.length);
  // Hash in the high part, position in the low part: one native numeric sort, no comparator.
  for (let i = 0; i < hs.length; i++) order[i] = hs[i] * 2 ** 21 + i;
  if (hs.length >= 2 ** 21) throw new Error('batch too large for one bucket');
  order.sort();
  const out = { hs: new Uint32Array(hs.length), ks: new Float64Array(hs.length), n: hs.length };
  for (let j = 0; j < order.length; j++) {
    const i = order[j] % 2 ** 21;
    out.hs[j] = hs[i];
    out.ks[j] = ks[i];
  }
  return out;
}

// ---------------------------------------------------------------- term buckets

/** One term's postings while building or merging. */
export interface TermEntry {
  /** Exact document frequency per collection: [collection, count] pairs. */
  df: [number, number][];
  keys: number[];
  weights: number[];
}

/** All postings of one term bucket, flattened into typed arrays (cheap to clone, no per-term objects). */
export interface TermBucket {
  b: number;
  colls: number[];
  /** Terms, sorted (binary search). */
  ts: string[];
  /** ts.length + 1 offsets into dfs (in pairs). */
  dfo: Uint32Array;
  /** Flattened [collection, count] pairs. */
  dfs: Uint32Array;
  /** ts.length + 1 offsets into ks / ws. */
  ko: Uint32Array;
  base: number;
  ks: KeyArray;
  /** Weights × 1000 (the engine rounds weights to 1/1000). */
  ws: Uint32Array;
}

/** Keeps the TERM_KEYS_CAP highest-weight keys (ties: lower key), returned in key order. */
function truncateEntry(e: TermEntry): TermEntry {
  if (e.keys.length <= TERM_KEYS_CAP) return e;
  const idx = e.keys.map((_, i) => i);
  idx.sort((a, b) => e.weights[b] - e.weights[a] || e.keys[a] - e.keys[b]);
  const kept = idx.slice(0, TERM_KEYS_CAP).sort((a, b) => e.keys[a] - e.keys[b]);
  return { df: e.df, keys: kept.map((i) => e.keys[i]), weights: kept.map((i) => e.weights[i]) };
}

/** Sums [collection, count] pairs by collection. */
export function sumDf(df: [number, number][]): [number, number][] {
  const m = new Map<number, number>();
  for (const [c, n] of df) m.set(c, (m.get(c) ?? 0) + n);
  return [...m.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
}

/** Packs term → entry into a row (keys truncated, df summed per collection). */
export function encodeTerms(b: number, entries: Map<string, TermEntry>): TermBucket {
  const terms = [...entries.keys()].sort();
  const packed = terms.map((t) => {
    const e = truncateEntry(entries.get(t)!);
    return { df: sumDf(e.df), keys: e.keys, weights: e.weights };
  });
  let nDf = 0;
  let nKeys = 0;
  for (const e of packed) {
    nDf += e.df.length;
    nKeys += e.keys.length;
  }
  const dfo = new Uint32Array(terms.length + 1);
  const dfs = new Uint32Array(nDf * 2);
  const ko = new Uint32Array(terms.length + 1);
  const keys = new Float64Array(nKeys);
  const ws = new Uint32Array(nKeys);
  const colls = new Set<number>();
  let d = 0;
  let n = 0;
  packed.forEach((e, i) => {
    dfo[i] = d;
    ko[i] = n;
    for (const [c, count] of e.df) {
      dfs[2 * d] = c;
      dfs[2 * d + 1] = count;
      d++;
      colls.add(c);
    }
    for (let j = 0; j < e.keys.length; j++) {
      keys[n] = e.keys[j];
      ws[n] = Math.round(e.weights[j] * 1000);
      n++;
    }
  });
  dfo[terms.length] = d;
  ko[terms.length] = n;
  let base = Infinity;
  for (let i = 0; i < n; i++) if (keys[i] < base) base = keys[i];
  if (base === Infinity) base = 0;
  const ks = keySpanFits(keys, n, base) ? Uint32Array.from(keys.subarray(0, n), (k) => k - base) : Float64Array.from(keys.subarray(0, n), (k) => k - base);
  return { b, colls: [...colls].sort((a, c) => a - c), ts: terms, dfo, dfs, ko, base, ks, ws };
}

function findTerm(ts: string[], term: string): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid] < term) lo = mid + 1;
    else hi = mid;
  }
  return lo < ts.length && ts[lo] === term ? lo : -1;
}

/** Adds the live postings of `term` in `row` to `into` (creating its entry). */
export function lookupTerm(row: TermBucket, term: string, alive: (coll: number) => boolean, into: Map<string, TermEntry>): void {
  const i = findTerm(row.ts, term);
  if (i >= 0) addEntry(row, i, alive, into);
}

function addEntry(row: TermBucket, i: number, alive: (coll: number) => boolean, into: Map<string, TermEntry>): void {
  const term = row.ts[i];
  let e = into.get(term);
  if (!e) into.set(term, (e = { df: [], keys: [], weights: [] }));
  for (let d = row.dfo[i]; d < row.dfo[i + 1]; d++) {
    const c = row.dfs[2 * d];
    if (alive(c)) e.df.push([c, row.dfs[2 * d + 1]]);
  }
  for (let j = row.ko[i]; j < row.ko[i + 1]; j++) {
    const key = row.base + row.ks[j];
    if (alive(collectionOfKey(key))) {
      e.keys.push(key);
      e.weights.push(row.ws[j] / 1000);
    }
  }
}

/** Every live entry of a row, into `into` (merging with what is there). */
export function decodeTerms(row: TermBucket, alive: (coll: number) => boolean, into: Map<string, TermEntry> = new Map()): Map<string, TermEntry> {
  for (let i = 0; i < row.ts.length; i++) addEntry(row, i, alive, into);
  for (const [t, e] of into) if (sumDf(e.df).length === 0) into.delete(t);
  return into;
}

/** Approximate stored bytes of a row (for size reporting). */
export function rowBytes(r: FpBucket | TermBucket): number {
  if ('data' in r) return r.data.byteLength + 16;
  let s = 64 + r.dfo.byteLength + r.dfs.byteLength + r.ko.byteLength + r.ks.byteLength + r.ws.byteLength;
  for (const t of r.ts) s += t.length * 2 + 4;
  return s;
}
