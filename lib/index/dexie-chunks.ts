// Packed posting chunks for the IndexedDB index: the bucket layout, chunk keys, and the typed-array
// encodings of fingerprint and term postings (build, look up, merge, drop dead collections).
//
// Why chunks (see ../shared/PRODUCT.md, "Measured limits of the browser"): IndexedDB writes cost
// ~0.1 ms per row, so one row per fingerprint caps import near 20 stories/s. Postings are packed:
// a fingerprint hash falls in one of FP_BUCKETS buckets (its top bits), a term in one of
// TERM_BUCKETS (by its hash). An import batch appends ONE level-0 chunk row to each bucket it
// touches (rows per batch ≤ buckets, whatever the batch size); a query reads, for each bucket its
// page touches, every chunk of that bucket with one key-range getAll (one request per bucket, ~400
// per page). Compaction (dexie-compaction.ts) merges a bucket's chunks level by level (FANOUT at a
// time, like a size-tiered LSM), so the chunks per bucket stay few (≤ FANOUT-1 per level, levels
// grow as log_FANOUT(batches)) and every posting is rewritten only once per level. Chunks never
// exceed MAX_CHUNK_BYTES (Chromium moves values over 64 KB to blob files, much slower to read).
//
// Query cost at scale: a page's ~400 fingerprints touch ~400 buckets; the bytes read are about
// 400 × (fingerprint bytes of the corpus) / FP_BUCKETS. With 8 bytes per posting and ~180
// postings per 3 KB story that is ~4.5 KB per 1,000 stories, i.e. ~0.45 MB at 100k stories and
// ~4.5 MB at 1M: bounded by the page, not by the number of stories touched.
import { hashString } from '../text/hash';

/** Top bits of a fingerprint hash that pick its bucket. */
export const FP_BUCKET_BITS = 14;
export const FP_BUCKETS = 2 ** FP_BUCKET_BITS;
/** Bits of a term's hash that pick its bucket (a page looks up only ~40 terms). */
export const TERM_BUCKET_BITS = 12;
export const TERM_BUCKETS = 2 ** TERM_BUCKET_BITS;
/** Chunks of one level merged into one chunk of the next level. */
export const FANOUT = 6;
/** A merged chunk is split before it reaches Chromium's 64 KB blob threshold. */
export const MAX_CHUNK_BYTES = 48 * 1024;
/** Keys kept per fingerprint in a merged chunk. Only the count matters past the boilerplate
 *  threshold (HARD_BOILERPLATE_DF = 200, or 0.2% of the corpus: 2,000 at 1M stories), so 4,096
 *  keeps every verdict exact up to ~2M stories while bounding a chrome line's posting list. */
export const FP_KEYS_CAP = 4096;
/** Keys kept per term (highest weights first); the term's df stays exact. */
export const TERM_KEYS_CAP = 1000;
/** Story keys are collection number × 2^24 + sequence (as in the memory backend), so a key names its
 *  collection without a lookup: dead (deleted) collections are filtered from postings by arithmetic. */
export const KEYS_PER_COLLECTION = 2 ** 24;

/** Chunk row keys: bucket × 2^32 + level × 2^27 + sequence, so one key range holds a bucket. */
const BUCKET_SPAN = 2 ** 32;
const LEVEL_SPAN = 2 ** 27;
export const MAX_CHUNK_SEQ = LEVEL_SPAN - 1;

export function chunkKey(bucket: number, level: number, seq: number): number {
  return bucket * BUCKET_SPAN + level * LEVEL_SPAN + (seq % LEVEL_SPAN);
}
export function chunkBucket(key: number): number {
  return Math.floor(key / BUCKET_SPAN);
}
export function chunkLevel(key: number): number {
  return Math.floor((key % BUCKET_SPAN) / LEVEL_SPAN);
}
/** [lower, upper) bounds of a bucket's chunk keys. */
export function bucketRange(bucket: number): [number, number] {
  return [bucket * BUCKET_SPAN, (bucket + 1) * BUCKET_SPAN];
}

export const fpBucket = (hash: number): number => hash >>> (32 - FP_BUCKET_BITS);
export const termBucket = (term: string): number => hashString(term) >>> (32 - TERM_BUCKET_BITS);
export const collectionOfKey = (key: number): number => Math.floor(key / KEYS_PER_COLLECTION);

/** Keys relative to the chunk's base: 4 bytes while the span allows (always within one import),
 *  8 bytes for merged chunks spanning collections numbered far apart. */
export type KeyArray = Uint32Array | Float64Array;

function packKeys(keys: ArrayLike<number>, base: number): KeyArray {
  let max = 0;
  for (let i = 0; i < keys.length; i++) max = Math.max(max, keys[i] - base);
  const out = max < 2 ** 32 ? new Uint32Array(keys.length) : new Float64Array(keys.length);
  for (let i = 0; i < keys.length; i++) out[i] = keys[i] - base;
  return out;
}

function minOf(keys: ArrayLike<number>): number {
  let m = Infinity;
  for (let i = 0; i < keys.length; i++) if (keys[i] < m) m = keys[i];
  return m === Infinity ? 0 : m;
}

function collectionsOf(keys: ArrayLike<number>): number[] {
  const s = new Set<number>();
  for (let i = 0; i < keys.length; i++) s.add(collectionOfKey(keys[i]));
  return [...s].sort((a, b) => a - b);
}

// ---------------------------------------------------------------- fingerprint chunks

/** One chunk of fingerprint postings: (hash, key) pairs sorted by hash then key. */
export interface FpChunk {
  /** Primary key (chunkKey). */
  k: number;
  /** Collection numbers present (multi-entry index: finds chunks to purge after a delete). */
  colls: number[];
  base: number;
  hs: Uint32Array;
  ks: KeyArray;
}

/** Builds chunks (split under MAX_CHUNK_BYTES) from parallel hash/key lists of one bucket. */
export function buildFpChunks(hashes: ArrayLike<number>, keys: ArrayLike<number>, nextKey: () => number): FpChunk[] {
  const order = Array.from({ length: hashes.length }, (_, i) => i);
  order.sort((a, b) => hashes[a] - hashes[b] || keys[a] - keys[b]);
  const perChunk = Math.floor(MAX_CHUNK_BYTES / 12);
  const out: FpChunk[] = [];
  for (let from = 0; from < order.length; ) {
    let to = Math.min(order.length, from + perChunk);
    // Never split one hash's keys across chunks of the same merge: keeps per-hash caps simple.
    while (to < order.length && to > from + 1 && hashes[order[to]] === hashes[order[to - 1]]) to--;
    const hs = new Uint32Array(to - from);
    const ksAbs = new Float64Array(to - from);
    for (let i = from; i < to; i++) {
      hs[i - from] = hashes[order[i]];
      ksAbs[i - from] = keys[order[i]];
    }
    const base = minOf(ksAbs);
    out.push({ k: nextKey(), colls: collectionsOf(ksAbs), base, hs, ks: packKeys(ksAbs, base) });
    from = to;
  }
  return out;
}

/** Index of the first element ≥ x in a sorted array. */
function lowerBound(a: Uint32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Appends the live keys of `hash` found in `chunk` to `out`. */
export function lookupFp(chunk: FpChunk, hash: number, alive: (coll: number) => boolean, out: number[]): void {
  const { hs, ks, base } = chunk;
  for (let i = lowerBound(hs, hash); i < hs.length && hs[i] === hash; i++) {
    const key = base + ks[i];
    if (alive(collectionOfKey(key))) out.push(key);
  }
}

/** Merges chunks of one bucket into new chunks, dropping dead collections' keys and capping
 *  each hash's keys at FP_KEYS_CAP. */
export function mergeFpChunks(chunks: FpChunk[], alive: (coll: number) => boolean, nextKey: () => number): FpChunk[] {
  const hashes: number[] = [];
  const keys: number[] = [];
  for (const c of chunks)
    for (let i = 0; i < c.hs.length; i++) {
      const key = c.base + c.ks[i];
      if (alive(collectionOfKey(key))) hashes.push(c.hs[i]), keys.push(key);
    }
  if (hashes.length === 0) return [];
  // Cap per hash after sorting, so the kept keys are the lowest (oldest) ones, deterministically.
  const order = Array.from({ length: hashes.length }, (_, i) => i);
  order.sort((a, b) => hashes[a] - hashes[b] || keys[a] - keys[b]);
  const h2: number[] = [];
  const k2: number[] = [];
  let run = 0;
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    run = j > 0 && hashes[i] === hashes[order[j - 1]] ? run + 1 : 0;
    if (run < FP_KEYS_CAP) h2.push(hashes[i]), k2.push(keys[i]);
  }
  return buildFpChunks(h2, k2, nextKey);
}

// ---------------------------------------------------------------- term chunks

/** One term's postings while building or merging. */
export interface TermEntry {
  /** Exact document frequency per collection: [collection, count] pairs. */
  df: [number, number][];
  keys: number[];
  weights: number[];
}

/** One chunk of term postings, flattened into typed arrays (cheap to clone, no per-term objects). */
export interface TermChunk {
  k: number;
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

/** Builds term chunks (split under MAX_CHUNK_BYTES) from term → entry. */
export function buildTermChunks(entries: Map<string, TermEntry>, nextKey: () => number): TermChunk[] {
  const terms = [...entries.keys()].sort();
  const out: TermChunk[] = [];
  let group: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (group.length) out.push(packTermChunk(group, entries, nextKey()));
    group = [];
    bytes = 0;
  };
  for (const t of terms) {
    const e = truncateEntry(entries.get(t)!);
    entries.set(t, e);
    const size = t.length * 2 + 16 + e.df.length * 8 + e.keys.length * 12;
    if (bytes + size > MAX_CHUNK_BYTES) flush();
    group.push(t);
    bytes += size;
  }
  flush();
  return out;
}

function packTermChunk(terms: string[], entries: Map<string, TermEntry>, k: number): TermChunk {
  let nDf = 0;
  let nKeys = 0;
  for (const t of terms) (nDf += entries.get(t)!.df.length), (nKeys += entries.get(t)!.keys.length);
  const dfo = new Uint32Array(terms.length + 1);
  const dfs = new Uint32Array(nDf * 2);
  const ko = new Uint32Array(terms.length + 1);
  const keys = new Float64Array(nKeys);
  const ws = new Uint32Array(nKeys);
  const colls = new Set<number>();
  let d = 0;
  let n = 0;
  terms.forEach((t, i) => {
    const e = entries.get(t)!;
    dfo[i] = d;
    ko[i] = n;
    for (const [c, count] of e.df) (dfs[2 * d] = c), (dfs[2 * d + 1] = count), d++, colls.add(c);
    for (let j = 0; j < e.keys.length; j++) (keys[n] = e.keys[j]), (ws[n] = Math.round(e.weights[j] * 1000)), n++;
  });
  dfo[terms.length] = d;
  ko[terms.length] = n;
  const base = minOf(keys);
  return { k, colls: [...colls].sort((a, b) => a - b), ts: terms, dfo, dfs, ko, base, ks: packKeys(keys, base), ws };
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

/** Adds the live postings of `term` in `chunk` to `into` (creating its entry). */
export function lookupTerm(chunk: TermChunk, term: string, alive: (coll: number) => boolean, into: Map<string, TermEntry>): void {
  const i = findTerm(chunk.ts, term);
  if (i < 0) return;
  let e = into.get(term);
  if (!e) into.set(term, (e = { df: [], keys: [], weights: [] }));
  for (let d = chunk.dfo[i]; d < chunk.dfo[i + 1]; d++) {
    const c = chunk.dfs[2 * d];
    if (alive(c)) e.df.push([c, chunk.dfs[2 * d + 1]]);
  }
  for (let j = chunk.ko[i]; j < chunk.ko[i + 1]; j++) {
    const key = chunk.base + chunk.ks[j];
    if (alive(collectionOfKey(key))) e.keys.push(key), e.weights.push(chunk.ws[j] / 1000);
  }
}

/** Every live entry of a chunk (for merging). */
function entriesOf(chunk: TermChunk, alive: (coll: number) => boolean, into: Map<string, TermEntry>): void {
  for (const t of chunk.ts) lookupTerm(chunk, t, alive, into);
}

/** Sums [collection, count] pairs by collection. */
export function sumDf(df: [number, number][]): [number, number][] {
  const m = new Map<number, number>();
  for (const [c, n] of df) m.set(c, (m.get(c) ?? 0) + n);
  return [...m.entries()].sort((a, b) => a[0] - b[0]);
}

/** Merges term chunks of one bucket: dead collections dropped, df summed, keys capped. */
export function mergeTermChunks(chunks: TermChunk[], alive: (coll: number) => boolean, nextKey: () => number): TermChunk[] {
  const all = new Map<string, TermEntry>();
  for (const c of chunks) entriesOf(c, alive, all);
  for (const [t, e] of all) {
    const df = sumDf(e.df).filter(([, n]) => n > 0);
    if (df.length === 0) all.delete(t);
    else all.set(t, { df, keys: e.keys, weights: e.weights });
  }
  return buildTermChunks(all, nextKey);
}

/** Approximate stored bytes of a chunk (for size reporting). */
export function chunkBytes(c: FpChunk | TermChunk): number {
  if ('hs' in c) return c.hs.byteLength + c.ks.byteLength + 32;
  let s = 64 + c.dfo.byteLength + c.dfs.byteLength + c.ko.byteLength + c.ks.byteLength + c.ws.byteLength;
  for (const t of c.ts) s += t.length * 2 + 4;
  return s;
}
