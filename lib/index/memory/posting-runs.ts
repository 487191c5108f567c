// Postings of the in-memory index (value → the slots holding it, each with an optional weight) kept
// as a few sorted runs of typed arrays instead of a Map entry and an array per value.
//
// Why: a V8 Map entry with its array cost ~40 bytes per posting and a Map holds at most 2^24 entries
// (the 100k engine bench failed at 81,000 stories); here a posting costs 8 bytes (16 with a weight).
// New postings collect in a tail that is sorted into a run when it is full or read; runs are merged
// like a binary counter (a run is merged into the one before it once it is at least half its size),
// so there are O(log n) runs, each posting is moved O(log n) times, and a look-up is one binary
// search per run. Slots only grow, and a run holds later slots than the runs before it, so reading
// the runs in order yields a value's slots in insertion order, as a Map of arrays would.

/** One sealed run, sorted by value, then slot. */
interface Run {
  values: Uint32Array;
  slots: Uint32Array;
  weights?: Float64Array;
}

/** Entries in the tail before it is sealed. The sort packs value × 2^TAIL_BITS + index into one
 *  exact double (32 + 21 bits), so the tail must stay below 2^21 entries. */
const TAIL_BITS = 21;
const TAIL_MAX = 1 << 20;

export class PostingRuns {
  private runs: Run[] = [];
  private tailValues = new Uint32Array(1024);
  private tailSlots = new Uint32Array(1024);
  private tailWeights: Float64Array | undefined;
  private tailLength = 0;

  constructor(readonly weighted: boolean) {
    if (weighted) this.tailWeights = new Float64Array(1024);
  }

  /** Number of postings held. */
  get size(): number {
    return this.runs.reduce((n, r) => n + r.values.length, this.tailLength);
  }

  /** Adds one posting; slots must not decrease from one call to the next. */
  add(value: number, slot: number, weight = 0): void {
    if (this.tailLength === this.tailValues.length) this.growTail();
    this.tailValues[this.tailLength] = value;
    this.tailSlots[this.tailLength] = slot;
    if (this.tailWeights) this.tailWeights[this.tailLength] = weight;
    if (++this.tailLength === TAIL_MAX) this.seal();
  }

  /** Calls `visit` for every posting of `value`, in insertion order. */
  forEach(value: number, visit: (slot: number, weight: number) => void): void {
    this.seal();
    const v = value >>> 0;
    for (const r of this.runs) {
      let lo = 0;
      let hi = r.values.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (r.values[mid] < v) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < r.values.length && r.values[i] === v; i++) visit(r.slots[i], r.weights ? r.weights[i] : 0);
    }
  }

  /** Drops every posting whose slot `gone` names. */
  remove(gone: (slot: number) => boolean): void {
    this.seal();
    this.runs = this.runs
      .map((r) => {
        let n = 0;
        for (let i = 0; i < r.slots.length; i++) if (!gone(r.slots[i])) n++;
        const out: Run = { values: new Uint32Array(n), slots: new Uint32Array(n), weights: r.weights && new Float64Array(n) };
        let j = 0;
        for (let i = 0; i < r.slots.length; i++) {
          if (gone(r.slots[i])) continue;
          out.values[j] = r.values[i];
          out.slots[j] = r.slots[i];
          if (out.weights) out.weights[j] = r.weights![i];
          j++;
        }
        return out;
      })
      .filter((r) => r.values.length > 0);
  }

  private growTail(): void {
    const n = Math.min(TAIL_MAX, this.tailValues.length * 2);
    const values = new Uint32Array(n);
    values.set(this.tailValues);
    const slots = new Uint32Array(n);
    slots.set(this.tailSlots);
    this.tailValues = values;
    this.tailSlots = slots;
    if (this.tailWeights) {
      const weights = new Float64Array(n);
      weights.set(this.tailWeights);
      this.tailWeights = weights;
    }
  }

  /** Sorts the tail into a run and merges runs until each is at least twice the next one's size. */
  private seal(): void {
    const n = this.tailLength;
    if (n === 0) return;
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = this.tailValues[i] * 2 ** TAIL_BITS + i;
    packed.sort();
    const run: Run = { values: new Uint32Array(n), slots: new Uint32Array(n), weights: this.tailWeights && new Float64Array(n) };
    for (let j = 0; j < n; j++) {
      const i = packed[j] % 2 ** TAIL_BITS;
      run.values[j] = this.tailValues[i];
      run.slots[j] = this.tailSlots[i];
      if (run.weights) run.weights[j] = this.tailWeights![i];
    }
    this.tailLength = 0;
    // A sealed tail starts small again: the next batch may be a single story.
    if (this.tailValues.length > 1024) {
      this.tailValues = new Uint32Array(1024);
      this.tailSlots = new Uint32Array(1024);
      if (this.tailWeights) this.tailWeights = new Float64Array(1024);
    }
    this.runs.push(run);
    while (this.runs.length >= 2) {
      const last = this.runs[this.runs.length - 1];
      const before = this.runs[this.runs.length - 2];
      if (last.values.length * 2 < before.values.length) break;
      this.runs.splice(this.runs.length - 2, 2, merge(before, last));
    }
  }
}

/** Merges two runs, `a` holding earlier slots than `b` (so on equal values a's come first). */
function merge(a: Run, b: Run): Run {
  const n = a.values.length + b.values.length;
  const out: Run = { values: new Uint32Array(n), slots: new Uint32Array(n), weights: a.weights && new Float64Array(n) };
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    const fromA = j >= b.values.length || (i < a.values.length && a.values[i] <= b.values[j]);
    const src = fromA ? a : b;
    const at = fromA ? i++ : j++;
    out.values[k] = src.values[at];
    out.slots[k] = src.slots[at];
    if (out.weights) out.weights[k] = src.weights![at];
  }
  return out;
}
