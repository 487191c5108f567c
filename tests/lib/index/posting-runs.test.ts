import { describe, expect, it } from 'vitest';
import { PostingRuns } from '../../../lib/index/memory/posting-runs';
import { mulberry32 } from '../../bench/prng';

/** What a Map of arrays would answer. */
function model(entries: [value: number, slot: number, weight: number][], value: number) {
  return entries.filter(([v]) => v === value).map(([, s, w]) => [s, w]);
}

function read(runs: PostingRuns, value: number) {
  const out: number[][] = [];
  runs.forEach(value, (s, w) => out.push([s, w]));
  return out;
}

describe('PostingRuns', () => {
  it('answers like a Map of arrays across seals, merges and removals', () => {
    const rng = mulberry32(11);
    const runs = new PostingRuns(true);
    let entries: [number, number, number][] = [];
    let slot = 0;
    for (let batch = 0; batch < 40; batch++) {
      const n = 1 + Math.floor(rng() * 300);
      for (let i = 0; i < n; i++, slot++) {
        for (let k = 0; k < 3; k++) {
          // Few distinct values so most have many holders; some near 2^32 - 1.
          const value = rng() < 0.1 ? 0xffffffff - Math.floor(rng() * 3) : Math.floor(rng() * 500);
          const weight = Math.round(rng() * 5000) / 1000;
          runs.add(value, slot, weight);
          entries.push([value, slot, weight]);
        }
      }
      for (const v of [0, 7, 499, 0xffffffff, 0xfffffffe, 12345]) expect(read(runs, v)).toEqual(model(entries, v));
      if (batch % 13 === 12) {
        const gone = (s: number) => s % 5 === batch % 5;
        runs.remove(gone);
        entries = entries.filter(([, s]) => !gone(s));
      }
    }
    expect(runs.size).toBe(entries.length);
    for (let v = 0; v < 500; v++) expect(read(runs, v)).toEqual(model(entries, v));
  });

  it('seals a full tail on its own (over a million postings)', () => {
    const runs = new PostingRuns(false);
    for (let i = 0; i < (1 << 20) + 10; i++) runs.add(i % 1000, i);
    expect(runs.size).toBe((1 << 20) + 10);
    const slots: number[] = [];
    runs.forEach(999, (s) => slots.push(s));
    expect(slots.length).toBe(1048);
    expect(slots.every((s, i) => i === 0 || s > slots[i - 1])).toBe(true);
  });
});
