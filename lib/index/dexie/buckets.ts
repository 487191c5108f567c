// Packed posting rows for the IndexedDB index: the growing row layout (shared with the term rows of
// dexie/term-rows.ts) and the encoding of fingerprint postings (look up, merge a batch in, drop dead
// collections).
//
// Layout, from measurements in Chromium (see ../shared/PRODUCT.md, "Measured limits", and
// BENCHMARKS.md): an IndexedDB request costs ~0.05–0.1 ms whatever it carries, a key-range getAll
// ~2.5× a point get, and one row per fingerprint would cap import near 20 stories/s. So postings
// are packed: a fingerprint hash falls in one of the layout's rows (by its top bits, see FpLayout
// below), a term by the top 32 bits of its id in a layout of its own, and each bucket is ONE row.
//  - A query reads the rows of the buckets its page touches with point gets: ~1 request per page
//    fingerprint at most (~270 for a 1,500-word page) plus ~40 for its key terms, each row about
//    FP_ROW_TARGET_BYTES: bounded by the page, not the corpus.
//  - An import batch read-modify-writes the rows of the buckets it touches, in the same
//    transaction as its stories: 2 requests per touched bucket whatever the batch size, so batches
//    are large (thousands of stories, growing with the index: import-runner.ts) and the per-story
//    cost stays small. Inside a row entries are sorted, so merging a batch in is linear (no re-sort).
//  - Rows would grow with the corpus (6 bytes per fingerprint posting: ~18 KB a row at 100k stories
//    with a fixed 8,192 buckets, ~180 KB at 1M, past Chromium's 64 KB inline-value limit where reads
//    get several times slower). So the number of fingerprint buckets grows with the corpus instead
//    (FpLayout): rows stay near FP_ROW_TARGET_BYTES, and a query reads ~1 small row per page
//    fingerprint whatever the corpus size. Rows are numbered as in a binary heap: the row of the
//    hashes whose top `level` bits are p has key 2^level + p, so its two halves one level down are
//    2k and 2k + 1 and a key says its own level. The layout (level L, split pointer s) is one row in
//    `meta`: prefixes p < s of level L are already split into level L + 1 (linear hashing). Each
//    import batch advances the split pointer in proportion to what it adds, inside its own
//    transaction (it reads and rewrites most rows anyway), so the layout is consistent at every
//    commit and no separate re-bucketing pass is needed.

/** Bucket bits of the fixed layout of schema v2 (its row b is row 2^13 + b of the growing layout). */
export const LEGACY_FP_BUCKET_BITS = 13;
/** Average fingerprint row size the layout keeps to. A read costs ~0.07 ms plus ~3 ms per MB
 *  (PRODUCT.md, measured limits), so at 8 KB the bytes add ~35% to a query's row reads while an
 *  import batch (which rewrites most rows: ~0.1 ms a row) writes half as many rows as at 4 KB. */
export const FP_ROW_TARGET_BYTES = 8192;
/** Bytes a fingerprint posting takes in a row (16-bit low hash + 32-bit key). */
export const FP_POSTING_BYTES = 6;
/** Smallest level (256 rows; a smaller level would need a large in-row directory) and largest
 *  (2^20 rows of 8 KB hold ~1.4 billion postings: ~7M stories). */
export const FP_MIN_LEVEL = 8;
export const FP_MAX_LEVEL = 20;

/** Where fingerprint rows are: level L, and prefixes below `split` already split into level L + 1. */
export interface FpLayout {
  level: number;
  split: number;
  /** Fingerprint postings stored (what the next growth step is sized on). */
  postings: number;
}

export const INITIAL_FP_LAYOUT: FpLayout = { level: FP_MIN_LEVEL, split: 0, postings: 0 };

/** Level of a row key (2^level ≤ key < 2^(level+1)). */
export const levelOfKey = (key: number): number => 31 - Math.clz32(key);

/** The key of the row that holds `hash` under `layout`. */
export function fpKey(hash: number, layout: FpLayout): number {
  const { level, split } = layout;
  const p = hash >>> (32 - level);
  if (p < split) return 2 ** (level + 1) + (hash >>> (31 - level));
  return 2 ** level + p;
}

/** Index of the row holding `hash` among the layout's rows in hash order (0 … layoutRows − 1):
 *  fpKey without the key arithmetic, for sorting a batch's postings into rows. */
export function fpRowIndex(hash: number, level: number, split: number): number {
  const p = hash >>> (32 - level);
  return p < split ? 2 * p + ((hash >>> (31 - level)) & 1) : p + split;
}

/** The row key of a row index (see fpRowIndex). */
export function fpRowKeyOfIndex(index: number, layout: FpLayout): number {
  return index < 2 * layout.split ? 2 ** (layout.level + 1) + index : 2 ** layout.level + index - layout.split;
}

/** First hash of a row's range. */
const firstHash = (key: number): number => {
  const level = levelOfKey(key);
  return (key - 2 ** level) * 2 ** (32 - level);
};

/** Number of rows of a layout. */
export const layoutRows = (l: FpLayout): number => 2 ** l.level + l.split;

/** The layout after `postings` postings: rows split (in prefix order) until the average row is back
 *  under FP_ROW_TARGET_BYTES. Never shrinks (a delete leaves rows smaller, which is harmless). */
export function grownLayout(l: FpLayout, postings: number, bytesPerPosting = FP_POSTING_BYTES): FpLayout {
  let { level, split } = l;
  const want = Math.ceil((Math.max(0, postings) * bytesPerPosting) / FP_ROW_TARGET_BYTES);
  while (level < FP_MAX_LEVEL && 2 ** level + split < want) {
    const more = Math.min(want - (2 ** level + split), 2 ** level - split);
    split += more;
    if (split === 2 ** level) {
      level++;
      split = 0;
    }
  }
  return { level, split, postings: Math.max(0, postings) };
}

/** Keys of `from`'s rows whose range `to` splits (a row split is rewritten as its halves). */
export function splitRows(from: FpLayout, to: FpLayout): number[] {
  const out: number[] = [];
  const rows = (l: FpLayout, f: (key: number) => void) => {
    for (let p = 0; p < 2 * l.split; p++) f(2 ** (l.level + 1) + p);
    for (let p = l.split; p < 2 ** l.level; p++) f(2 ** l.level + p);
  };
  if (from.level === to.level && from.split === to.split) return out;
  rows(from, (k) => {
    if (fpKey(firstHash(k), to) !== k) out.push(k);
  });
  return out;
}

/** Keys kept per fingerprint. Only the count matters past the boilerplate threshold
 *  (HARD_BOILERPLATE_DF = 200, or 0.2% of the corpus: 2,000 at 1M stories), so 4,096 keeps every
 *  verdict exact up to ~2M stories while bounding a chrome line's posting list. */
export const FP_KEYS_CAP = 4096;
/** Story keys are collection number × 2^24 + sequence (as in the memory backend), so a key names its
 *  collection without a lookup: dead (deleted) collections are filtered from postings by arithmetic. */
export const KEYS_PER_COLLECTION = 2 ** 24;

export const collectionOfKey = (key: number): number => Math.floor(key / KEYS_PER_COLLECTION);

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
 * All postings of one fingerprint row: entries sorted by hash (then insertion order), packed in ONE
 * buffer — structured clone cost grows with the number of buffers per row (measured about half the
 * read time for 600 rows of four typed arrays), and a query reads hundreds of rows.
 * data: [base f64][n u32][key width u32][dir u32 × DIR+1][lo u16 × n][pad][keys u32|f64 × n]
 * The hash bits below the row's level are the directory slot (bits above the low 16) and `lo`.
 */
export interface FpBucket {
  /** Row key (primary key): 2^level + prefix, see FpLayout. */
  b: number;
  /** Collection numbers present (a delete rewrites only the rows holding a dead one). */
  colls: number[];
  data: Uint8Array;
}

/** Typed views on a row's buffer. */
export interface FpView {
  base: number;
  n: number;
  /** Mask of the hash bits below the row's level. */
  lowMask: number;
  /** Directory: entries whose low bits (above the lowest 16) are d lie in [dir[d], dir[d + 1]). */
  dir: Uint32Array;
  /** Low 16 bits of each entry's hash. */
  lo: Uint16Array;
  ks: KeyArray;
}

/** In-row geometry of a row key's level. */
function geometry(key: number) {
  const lowBits = 32 - levelOfKey(key);
  const dirSize = 2 ** Math.max(0, lowBits - 16);
  return { lowBits, lowMask: 2 ** lowBits - 1, dirSize, header: align8(16 + 4 * (dirSize + 1)) };
}

export function fpView(row: FpBucket): FpView {
  const g = geometry(row.b);
  const { buffer, byteOffset } = row.data;
  // Structured clone gives each row its own buffer at offset 0; copy if not (keeps views aligned).
  const data = byteOffset % 8 === 0 ? row.data : row.data.slice();
  const buf = data === row.data ? buffer : data.buffer;
  const off = data === row.data ? byteOffset : 0;
  const head = new DataView(buf, off, 16);
  const base = head.getFloat64(0, true);
  const n = head.getUint32(8, true);
  const wide = head.getUint32(12, true) === 8;
  const dir = new Uint32Array(buf, off + 16, g.dirSize + 1);
  const lo = new Uint16Array(buf, off + g.header, n);
  const kOff = off + align8(g.header + 2 * n);
  const ks = wide ? new Float64Array(buf, kOff, n) : new Uint32Array(buf, kOff, n);
  return { base, n, lowMask: g.lowMask, dir, lo, ks };
}

/** Parallel (hash, key) lists, hashes sorted ascending: what a bucket holds, or a batch adds. */
export interface FpEntries {
  hs: Uint32Array | number[];
  ks: Float64Array | number[];
  n: number;
}

/** Packs entries (sorted, all inside row `b`'s hash range) into row `b`. */
export function encodeFp(b: number, e: FpEntries): FpBucket {
  const g = geometry(b);
  let base = Infinity;
  for (let i = 0; i < e.n; i++) if (e.ks[i] < base) base = e.ks[i];
  if (base === Infinity) base = 0;
  const wide = !keySpanFits(e.ks, e.n, base);
  const kOff = align8(g.header + 2 * e.n);
  const data = new Uint8Array(kOff + e.n * (wide ? 8 : 4));
  const head = new DataView(data.buffer, 0, 16);
  head.setFloat64(0, base, true);
  head.setUint32(8, e.n, true);
  head.setUint32(12, wide ? 8 : 4, true);
  const dir = new Uint32Array(data.buffer, 16, g.dirSize + 1);
  const lo = new Uint16Array(data.buffer, g.header, e.n);
  const ks = wide ? new Float64Array(data.buffer, kOff, e.n) : new Uint32Array(data.buffer, kOff, e.n);
  for (let i = 0; i < e.n; i++) {
    const low = e.hs[i] & g.lowMask;
    dir[(low >>> 16) + 1]++;
    lo[i] = low & 0xffff;
    ks[i] = e.ks[i] - base;
  }
  for (let d = 1; d <= g.dirSize; d++) dir[d] += dir[d - 1];
  return { b, colls: collectionsOf(e.ks, e.n), data };
}

/** Number of entries in a row (without decoding it). */
export function fpCount(row: FpBucket): number {
  return new DataView(row.data.buffer, row.data.byteOffset + 8, 4).getUint32(0, true);
}

/** Every entry of a row, with full hashes, sorted by hash. */
export function decodeFp(row: FpBucket): FpEntries {
  const v = fpView(row);
  const hs = new Uint32Array(v.n);
  const ks = new Float64Array(v.n);
  const high = firstHash(row.b);
  for (let d = 0; d + 1 < v.dir.length; d++) for (let i = v.dir[d]; i < v.dir[d + 1]; i++) hs[i] = high + d * 0x10000 + v.lo[i];
  for (let i = 0; i < v.n; i++) ks[i] = v.base + v.ks[i];
  return { hs, ks, n: v.n };
}

/** Appends the live keys of `hash` (which must fall in this row's range) to `out`. */
export function lookupFp(view: FpView, hash: number, alive: (coll: number) => boolean, out: number[]): void {
  const low = hash & view.lowMask;
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

/** Splits sorted entries into runs by the row that holds them under `layout` (keys ascending). */
export function partitionFp(e: FpEntries, layout: FpLayout): { key: number; entries: FpEntries }[] {
  const out: { key: number; entries: FpEntries }[] = [];
  let from = 0;
  while (from < e.n) {
    const key = fpKey(e.hs[from], layout);
    let to = from + 1;
    while (to < e.n && fpKey(e.hs[to], layout) === key) to++;
    out.push({ key, entries: { hs: e.hs.slice(from, to), ks: e.ks.slice(from, to), n: to - from } });
    from = to;
  }
  return out;
}

/**
 * Merges a row's sorted entries and a batch's into one sorted list (the row's first on equal hashes),
 * dropping dead collections' keys (`alive` null: all are alive, the common case, checked per row
 * from its `colls`) and keeping at most FP_KEYS_CAP keys per hash (the first ones: older first).
 */
export function mergeFp(old: FpEntries | undefined, add: FpEntries | undefined, alive: ((coll: number) => boolean) | null): FpEntries {
  const an = old?.n ?? 0;
  const bn = add?.n ?? 0;
  const hs = new Uint32Array(an + bn);
  const ks = new Float64Array(an + bn);
  let i = 0;
  let j = 0;
  let n = 0;
  let run = 0;
  while (i < an || j < bn) {
    let h: number;
    let key: number;
    if (j >= bn || (i < an && old!.hs[i] <= add!.hs[j])) {
      h = old!.hs[i];
      key = old!.ks[i++];
    } else {
      h = add!.hs[j];
      key = add!.ks[j++];
    }
    if (alive && !alive(collectionOfKey(key))) continue;
    run = n > 0 && hs[n - 1] === h ? run + 1 : 0;
    if (run >= FP_KEYS_CAP) continue;
    hs[n] = h;
    ks[n] = key;
    n++;
  }
  return { hs, ks, n };
}

/** Approximate stored bytes of a packed row (for size reporting). */
export function rowBytes(r: { data: Uint8Array; colls: number[] }): number {
  return r.data.byteLength + 16 + 4 * r.colls.length;
}
