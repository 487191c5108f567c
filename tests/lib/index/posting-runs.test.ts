import { describe, expect, it } from 'vitest';
import { PostingRuns } from '../../../lib/index/memory/posting-runs';
import { F64Pool, U32Pool } from '../../../lib/index/memory/pools';
import { mulberry32 } from '../../bench/prng';

function read(runs: PostingRuns, value: number) {
  const out: number[] = [];
  runs.forEach(value, (pos) => out.push(pos));
  return out;
}

describe('PostingRuns', () => {
  it('answers like a Map of arrays across seals, merges and removals', () => {
    const rng = mulberry32(11);
    const pool = new U32Pool();
    const runs = new PostingRuns((pos) => pool.get(pos));
    const removed = new Set<number>();
    /** What a Map of arrays would answer: the positions of `value`, in insertion order. */
    const model = (value: number) => {
      const out: number[] = [];
      for (let pos = 0; pos < pool.size; pos++) if (pool.get(pos) === value >>> 0 && !removed.has(pos)) out.push(pos);
      return out;
    };
    for (let batch = 0; batch < 40; batch++) {
      const n = 1 + Math.floor(rng() * 900);
      for (let i = 0; i < n; i++) {
        // Few distinct values so most have many holders; some near 2^32 - 1.
        pool.push(rng() < 0.1 ? 0xffffffff - Math.floor(rng() * 3) : Math.floor(rng() * 500));
        if (rng() < 0.3) runs.extendTo(pool.size);
      }
      runs.extendTo(pool.size);
      for (const v of [0, 7, 499, 0xffffffff, 0xfffffffe, 12345]) expect(read(runs, v)).toEqual(model(v));
      if (batch % 13 === 12) {
        const gone = (pos: number) => pos % 5 === batch % 5;
        for (let pos = 0; pos < pool.size; pos++) if (gone(pos)) removed.add(pos);
        runs.remove(gone);
      }
    }
    expect(runs.size).toBe(pool.size - removed.size);
    for (let v = 0; v < 500; v++) expect(read(runs, v)).toEqual(model(v));
  });

  it('seals full tails on its own and keeps insertion order across runs (over two million postings)', () => {
    const pool = new U32Pool();
    const runs = new PostingRuns((pos) => pool.get(pos));
    const n = (1 << 21) + 10;
    for (let i = 0; i < n; i++) pool.push(i % 1000);
    runs.extendTo(pool.size);
    expect(runs.size).toBe(n);
    const got = read(runs, 999);
    expect(got.length).toBe(Math.floor(n / 1000) + (n % 1000 > 999 ? 1 : 0));
    expect(got.every((pos, i) => pool.get(pos) === 999 && (i === 0 || pos > got[i - 1]))).toBe(true);
  });
});

describe('pools', () => {
  it('hold values across chunk boundaries, pushed one by one or in runs', () => {
    const u = new U32Pool();
    const f = new F64Pool();
    const at = u.pushAll(Uint32Array.from({ length: (1 << 20) - 3 }, (_, i) => i));
    expect(at).toBe(0);
    const span = u.pushAll([7, 8, 9, 10, 11, 0xffffffff]);
    expect(Array.from(u.slice(span, 6))).toEqual([7, 8, 9, 10, 11, 0xffffffff]);
    expect(u.get((1 << 20) + 2)).toBe(0xffffffff);
    expect(u.push(5)).toBe((1 << 20) + 3);
    for (let i = 0; i < 10; i++) f.push(i / 1000);
    expect(Array.from(f.slice(2, 3))).toEqual([0.002, 0.003, 0.004]);
  });
});
