// Term postings of the IndexedDB index, packed into rows laid out like the fingerprint rows: a term
// is a 52-bit id whose top 32 bits place it in a row of a growing layout (FpLayout, its own row in
// `meta`), so rows stay near a fixed size however large the corpus grows.
//
// Why not strings: a row of v3 held its terms as an array of strings, and one row per 1/1024 of
// the vocabulary. At 100,000 stories a row was ~40 KB with ~600 strings, and reading a page's 40
// term rows took 74 ms in Chromium (structured clone of the strings, measured), more than reading its
// 300 fingerprint rows; at 1M stories the rows would have passed the 64 KB inline-value limit. Ids
// in one buffer clone as fast as fingerprint rows. Two terms share an id with odds ~n²/2^53 (a few in
// a million for 10M terms); a shared id only merges postings, and scoring compares the story's own
// term strings, so it can never invent a shared term.
import { termId, termRowHash } from '../term-id';
import { collectionOfKey, fpKey, type FpLayout, type KeyArray } from './buckets';

export { termId, termRowHash };

/** The `meta` row holding the term rows' layout (its `postings` counts bytes, see termEntryBytes). */
export const TERM_LAYOUT_KEY = 'termLayout';
/** Keys kept per term (highest weights first); the term's df stays exact. */
export const TERM_KEYS_CAP = 1000;

/** The row of a term id under `layout`. */
export const termRowKey = (id: number, layout: FpLayout): number => fpKey(termRowHash(id), layout);

/** One term's postings while building or merging. */
export interface TermEntry {
  /** Exact document frequency per collection: [collection, count] pairs. */
  df: [number, number][];
  keys: number[];
  weights: number[];
}

/** Entries by term id. */
export type TermEntries = Map<number, TermEntry>;

/**
 * All postings of one term row in ONE buffer (one clone per row, as fingerprint rows):
 * [base f64][terms u32][df pairs u32][keys u32][key width u32][pad]
 * [ids f64 × T][dfo u32 × T+1][ko u32 × T+1][dfs u32 × 2D][ws u32 × K][pad][ks u32|f64 × K]
 */
export interface TermRow {
  /** Row key (primary key): 2^level + prefix, as fingerprint rows. */
  b: number;
  /** Collection numbers present (a delete rewrites only the rows holding a dead one). */
  colls: number[];
  data: Uint8Array;
}

interface TermView {
  base: number;
  /** Term ids, ascending. */
  ids: Float64Array;
  /** Offsets (per term, plus one) into dfs (in pairs) and into ks / ws. */
  dfo: Uint32Array;
  ko: Uint32Array;
  dfs: Uint32Array;
  /** Weights × 1000 (the engine rounds weights to 1/1000). */
  ws: Uint32Array;
  ks: KeyArray;
}

const HEADER = 24;
const align8 = (x: number) => (x + 7) & ~7;

function offsets(t: number, d: number, k: number) {
  const ids = HEADER;
  const dfo = ids + 8 * t;
  const ko = dfo + 4 * (t + 1);
  const dfs = ko + 4 * (t + 1);
  const ws = dfs + 8 * d;
  const ks = align8(ws + 4 * k);
  return { ids, dfo, ko, dfs, ws, ks };
}

function view(row: TermRow): TermView {
  // Structured clone gives each row its own buffer at offset 0; copy if not (keeps views aligned).
  const data = row.data.byteOffset % 8 === 0 ? row.data : row.data.slice();
  const { buffer, byteOffset: o } = data;
  const head = new DataView(buffer, o, HEADER);
  const t = head.getUint32(8, true);
  const d = head.getUint32(12, true);
  const k = head.getUint32(16, true);
  const wide = head.getUint32(20, true) === 8;
  const at = offsets(t, d, k);
  return {
    base: head.getFloat64(0, true),
    ids: new Float64Array(buffer, o + at.ids, t),
    dfo: new Uint32Array(buffer, o + at.dfo, t + 1),
    ko: new Uint32Array(buffer, o + at.ko, t + 1),
    dfs: new Uint32Array(buffer, o + at.dfs, 2 * d),
    ws: new Uint32Array(buffer, o + at.ws, k),
    ks: wide ? new Float64Array(buffer, o + at.ks, k) : new Uint32Array(buffer, o + at.ks, k),
  };
}

/** Sums [collection, count] pairs by collection. */
export function sumDf(df: [number, number][]): [number, number][] {
  const m = new Map<number, number>();
  for (const [c, n] of df) m.set(c, (m.get(c) ?? 0) + n);
  return [...m.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
}

/** Keeps the TERM_KEYS_CAP highest-weight keys (ties: lower key), returned in key order. */
function truncateEntry(e: TermEntry): TermEntry {
  if (e.keys.length <= TERM_KEYS_CAP) return e;
  const idx = e.keys.map((_, i) => i);
  idx.sort((a, b) => e.weights[b] - e.weights[a] || e.keys[a] - e.keys[b]);
  const kept = idx.slice(0, TERM_KEYS_CAP).sort((a, b) => e.keys[a] - e.keys[b]);
  return { df: e.df, keys: kept.map((i) => e.keys[i]), weights: kept.map((i) => e.weights[i]) };
}

/** About what an entry adds to a row, in bytes (what the layout grows on). */
export function termEntryBytes(e: TermEntry): number {
  return 16 + 8 * e.df.length + 8 * Math.min(e.keys.length, TERM_KEYS_CAP);
}

/** Packs entries into row `b` (keys truncated, df summed per collection, dead-free input assumed). */
export function encodeTermRow(b: number, entries: TermEntries): TermRow {
  const ids = [...entries.keys()].sort((x, y) => x - y);
  const packed = ids.map((id) => {
    const e = truncateEntry(entries.get(id)!);
    return { df: sumDf(e.df), keys: e.keys, weights: e.weights };
  });
  let d = 0;
  let k = 0;
  let base = Infinity;
  let top = -Infinity;
  for (const e of packed) {
    d += e.df.length;
    k += e.keys.length;
    for (const key of e.keys) {
      if (key < base) base = key;
      if (key > top) top = key;
    }
  }
  if (base === Infinity) base = top = 0;
  const wide = top - base >= 2 ** 32;
  const at = offsets(ids.length, d, k);
  const data = new Uint8Array(at.ks + k * (wide ? 8 : 4));
  const head = new DataView(data.buffer, 0, HEADER);
  head.setFloat64(0, base, true);
  head.setUint32(8, ids.length, true);
  head.setUint32(12, d, true);
  head.setUint32(16, k, true);
  head.setUint32(20, wide ? 8 : 4, true);
  const v = view({ b, colls: [], data });
  const colls = new Set<number>();
  let di = 0;
  let ki = 0;
  packed.forEach((e, i) => {
    v.ids[i] = ids[i];
    v.dfo[i] = di;
    v.ko[i] = ki;
    for (const [c, n] of e.df) {
      v.dfs[2 * di] = c;
      v.dfs[2 * di + 1] = n;
      di++;
      colls.add(c);
    }
    for (let j = 0; j < e.keys.length; j++) {
      v.ks[ki] = e.keys[j] - base;
      v.ws[ki] = Math.round(e.weights[j] * 1000);
      ki++;
    }
  });
  v.dfo[ids.length] = di;
  v.ko[ids.length] = ki;
  return { b, colls: [...colls].sort((x, y) => x - y), data };
}

function findId(ids: Float64Array, id: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < ids.length && ids[lo] === id ? lo : -1;
}

function addEntry(v: TermView, i: number, alive: (coll: number) => boolean, e: TermEntry): void {
  for (let d = v.dfo[i]; d < v.dfo[i + 1]; d++) {
    const c = v.dfs[2 * d];
    if (alive(c)) e.df.push([c, v.dfs[2 * d + 1]]);
  }
  for (let j = v.ko[i]; j < v.ko[i + 1]; j++) {
    const key = v.base + v.ks[j];
    if (alive(collectionOfKey(key))) {
      e.keys.push(key);
      e.weights.push(v.ws[j] / 1000);
    }
  }
}

/** The live postings of the given term ids (which must fall in this row) into `into`, by id. */
export function lookupTermRow(row: TermRow, ids: number[], alive: (coll: number) => boolean, into: TermEntries): void {
  const v = view(row);
  for (const id of ids) {
    const i = findId(v.ids, id);
    if (i < 0) continue;
    let e = into.get(id);
    if (!e) into.set(id, (e = { df: [], keys: [], weights: [] }));
    addEntry(v, i, alive, e);
  }
}

/** Every live entry of a row, into `into` (merging with what is there); terms left with no live df are dropped. */
export function decodeTermRow(row: TermRow, alive: (coll: number) => boolean, into: TermEntries = new Map()): TermEntries {
  const v = view(row);
  for (let i = 0; i < v.ids.length; i++) {
    const id = v.ids[i];
    let e = into.get(id);
    if (!e) into.set(id, (e = { df: [], keys: [], weights: [] }));
    addEntry(v, i, alive, e);
    if (e.df.length === 0) into.delete(id);
  }
  return into;
}

/** Merges `add` into `into` (postings appended; truncation happens when the row is encoded). The
 *  entries of `add` are taken over, not copied: it is a batch's fresh group, used once. */
export function mergeTermEntries(into: TermEntries, add: TermEntries): TermEntries {
  for (const [id, e] of add) {
    const m = into.get(id);
    if (!m) into.set(id, e);
    else {
      m.df.push(...e.df);
      for (let i = 0; i < e.keys.length; i++) {
        m.keys.push(e.keys[i]);
        m.weights.push(e.weights[i]);
      }
    }
  }
  return into;
}

/** Splits entries by the row that holds them under `layout`. */
export function partitionTerms(entries: TermEntries, layout: FpLayout): Map<number, TermEntries> {
  const out = new Map<number, TermEntries>();
  for (const [id, e] of entries) {
    const k = termRowKey(id, layout);
    let m = out.get(k);
    if (!m) out.set(k, (m = new Map()));
    m.set(id, e);
  }
  return out;
}
