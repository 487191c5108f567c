// Append-only pools of numbers in fixed-size typed-array chunks, addressed by position: the memory
// backend's per-story data (fingerprints, term ids and weights, signatures, text bytes) live in a
// few large allocations instead of several small ones per story, and growing never copies.

/** Entries per chunk (2^20): 4 MB of uint32 or 8 MB of float64. */
const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

type Typed = Uint32Array | Float64Array | Uint8Array;

class Pool<T extends Typed> {
  private chunks: T[] = [];
  private length = 0;

  constructor(private make: (n: number) => T) {}

  /** Number of entries held (the position the next push gets). */
  get size(): number {
    return this.length;
  }

  push(v: number): number {
    const at = this.length++;
    if ((at & MASK) === 0) this.chunks.push(this.make(CHUNK));
    this.chunks[at >>> CHUNK_BITS][at & MASK] = v;
    return at;
  }

  /** Appends every entry of `values`; returns the position of the first. */
  pushAll(values: ArrayLike<number>): number {
    const first = this.length;
    let i = 0;
    while (i < values.length) {
      if ((this.length & MASK) === 0) this.chunks.push(this.make(CHUNK));
      const chunk = this.chunks[this.length >>> CHUNK_BITS];
      const off = this.length & MASK;
      const n = Math.min(values.length - i, CHUNK - off);
      if (ArrayBuffer.isView(values)) chunk.set((values as T).subarray(i, i + n), off);
      else for (let j = 0; j < n; j++) chunk[off + j] = values[i + j];
      i += n;
      this.length += n;
    }
    return first;
  }

  get(pos: number): number {
    return this.chunks[pos >>> CHUNK_BITS][pos & MASK];
  }

  /** Entries [from, from + n) copied out into a new array of the pool's type. */
  slice(from: number, n: number): T {
    const out = this.make(n);
    let i = 0;
    while (i < n) {
      const at = from + i;
      const off = at & MASK;
      const m = Math.min(n - i, CHUNK - off);
      out.set(this.chunks[at >>> CHUNK_BITS].subarray(off, off + m) as never, i);
      i += m;
    }
    return out;
  }
}

export class U32Pool extends Pool<Uint32Array> {
  constructor() {
    super((n) => new Uint32Array(n));
  }
}

export class F64Pool extends Pool<Float64Array> {
  constructor() {
    super((n) => new Float64Array(n));
  }
}

export class BytePool extends Pool<Uint8Array> {
  constructor() {
    super((n) => new Uint8Array(n));
  }
}
