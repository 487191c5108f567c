// Postings of the in-memory index as a few sorted runs of pool positions: each posting is the
// position of a value (a fingerprint, a term id) in the pool that holds every story's values in
// insertion order (pools.ts), so a posting costs 4 bytes on top of the story's own copy of the value,
// instead of a V8 Map entry and an array per value (~40 bytes a posting, and at most 2^24 entries:
// the 100k engine bench failed at 81,000 stories).
//
// Positions added since the last seal form the tail; it is sorted into a run when it is full or read.
// Runs are merged like a binary counter (a run is merged into the one before it once it is at least
// half its size) up to MERGE_CAP positions, so there are few runs, each position is moved a few
// times, a merge never needs more than 2 × MERGE_CAP × 4 bytes beside the runs, and a look-up is one
// binary search per run. Positions only grow and a run holds later positions than the runs before
// it, so reading the runs in order yields a value's postings in insertion order.

/** The tail is sorted by packing value × 2^TAIL_BITS + offset into one exact double (32 + 21 bits). */
const TAIL_BITS = 21;
const TAIL_MAX = 1 << 20;
/** Runs this large are not merged further (16 MB each). */
const MERGE_CAP = 1 << 22;

export class PostingRuns {
  /** Each run: positions sorted by value, then position. */
  private runs: Uint32Array[] = [];
  /** Positions below this are in runs (or were removed); the tail is [sealed, end). */
  private sealed = 0;
  private end = 0;

  /** `valueAt(pos)`: the value at a pool position (uint32). */
  constructor(private readonly valueAt: (pos: number) => number) {}

  /** Number of postings held. */
  get size(): number {
    return this.runs.reduce((n, r) => n + r.length, this.end - this.sealed);
  }

  /** Adds the postings at positions [end, to): the pool's entries appended since the last call. */
  extendTo(to: number): void {
    while (to - this.sealed >= TAIL_MAX) {
      this.end = this.sealed + TAIL_MAX;
      this.seal();
    }
    this.end = to;
  }

  /** Calls `visit` with the position of every posting of `value`, in insertion order. */
  forEach(value: number, visit: (pos: number) => void): void {
    this.seal();
    const v = value >>> 0;
    for (const r of this.runs) {
      let lo = 0;
      let hi = r.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.valueAt(r[mid]) < v) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < r.length && this.valueAt(r[i]) === v; i++) visit(r[i]);
    }
  }

  /** Drops every posting whose position `gone` names. */
  remove(gone: (pos: number) => boolean): void {
    this.seal();
    this.runs = this.runs.map((r) => r.filter((pos) => !gone(pos))).filter((r) => r.length > 0);
  }

  /** Sorts the tail into a run and merges runs while the last is at least half the one before. */
  private seal(): void {
    const n = this.end - this.sealed;
    if (n === 0) return;
    const from = this.sealed;
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = this.valueAt(from + i) * 2 ** TAIL_BITS + i;
    packed.sort();
    const run = new Uint32Array(n);
    for (let j = 0; j < n; j++) run[j] = from + (packed[j] % 2 ** TAIL_BITS);
    this.sealed = this.end;
    this.runs.push(run);
    while (this.runs.length >= 2) {
      const last = this.runs[this.runs.length - 1];
      const before = this.runs[this.runs.length - 2];
      if (last.length * 2 < before.length || before.length + last.length > MERGE_CAP) break;
      this.runs.splice(this.runs.length - 2, 2, this.merge(before, last));
    }
  }

  /** Merges two runs, `a` holding earlier positions than `b` (so on equal values a's come first). */
  private merge(a: Uint32Array, b: Uint32Array): Uint32Array {
    const out = new Uint32Array(a.length + b.length);
    let i = 0;
    let j = 0;
    let k = 0;
    let va = a.length ? this.valueAt(a[0]) : 0;
    let vb = b.length ? this.valueAt(b[0]) : 0;
    while (i < a.length && j < b.length) {
      if (va <= vb) {
        out[k++] = a[i++];
        if (i < a.length) va = this.valueAt(a[i]);
      } else {
        out[k++] = b[j++];
        if (j < b.length) vb = this.valueAt(b[j]);
      }
    }
    while (i < a.length) out[k++] = a[i++];
    while (j < b.length) out[k++] = b[j++];
    return out;
  }
}
