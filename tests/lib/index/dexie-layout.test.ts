// The growing fingerprint layout: which row a hash lives in, how the layout grows, and the backend
// staying exact while rows split batch after batch (and through a delete and a v2 → v3 upgrade).
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DexieBackend } from '../../../lib/index/dexie/backend';
import {
  FP_MIN_LEVEL,
  FP_POSTING_BYTES,
  FP_ROW_TARGET_BYTES,
  INITIAL_FP_LAYOUT,
  LEGACY_FP_BUCKET_BITS,
  decodeFp,
  encodeFp,
  fpKey,
  grownLayout,
  layoutRows,
  levelOfKey,
  partitionFp,
  splitRows,
  type FpEntries,
  type FpLayout,
} from '../../../lib/index/dexie/buckets';
import { SCHEMA_VERSION, openDb } from '../../../lib/index/dexie/db';
import { FP_LAYOUT_KEY } from '../../../lib/index/dexie/rows';
import type { AnalysedStory } from '../../../lib/index/types';

/** A row's (hash, key) pairs sorted by hash, keys ascending within a hash. */
function sortFp(hs: number[], ks: number[]): FpEntries {
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

let n = 0;
const name = () => `layout-${process.pid}-${n++}`;

function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0), x);
}

/** Every row key of a layout. */
function keysOf(l: FpLayout): number[] {
  const out: number[] = [];
  for (let p = 0; p < 2 * l.split; p++) out.push(2 ** (l.level + 1) + p);
  for (let p = l.split; p < 2 ** l.level; p++) out.push(2 ** l.level + p);
  return out;
}

const layoutArb = fc
  .integer({ min: FP_MIN_LEVEL, max: 14 })
  .chain((level) => fc.record({ level: fc.constant(level), split: fc.integer({ min: 0, max: 2 ** level - 1 }), postings: fc.constant(0) }));

describe('layout arithmetic', () => {
  it('every hash falls in exactly one row of the layout, whose range holds it', () => {
    fc.assert(
      fc.property(layoutArb, fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 1, maxLength: 50 }), (l, hashes) => {
        const rows = new Set(keysOf(l));
        expect(rows.size).toBe(layoutRows(l));
        for (const h of hashes) {
          const k = fpKey(h, l);
          expect(rows.has(k)).toBe(true);
          const level = levelOfKey(k);
          expect(Math.floor(h / 2 ** (32 - level))).toBe(k - 2 ** level);
        }
      }),
    );
  });

  it('grows to keep the average row under the target, never shrinks, and splits exactly the rows that change', () => {
    fc.assert(
      fc.property(layoutArb, fc.integer({ min: 0, max: 5_000_000 }), (l, postings) => {
        const g = grownLayout(l, postings);
        expect(layoutRows(g)).toBeGreaterThanOrEqual(layoutRows(l));
        if (g.level < 20) expect(layoutRows(g)).toBeGreaterThanOrEqual(Math.ceil((postings * FP_POSTING_BYTES) / FP_ROW_TARGET_BYTES));
        const before = new Set(keysOf(l));
        const after = new Set(keysOf(g));
        const split = new Set(splitRows(l, g));
        const wrong = [...before].filter((k) => split.has(k) === after.has(k));
        expect(wrong).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('a row split into the next layout keeps every entry, each in the row fpKey names', () => {
    const rnd = rng(3);
    const from: FpLayout = { level: 9, split: 100, postings: 0 };
    const to: FpLayout = { level: 10, split: 3, postings: 0 };
    for (const k of splitRows(from, to).slice(0, 20)) {
      const level = levelOfKey(k);
      const hs = Array.from({ length: 300 }, () => (k - 2 ** level) * 2 ** (32 - level) + (rnd() % 2 ** (32 - level)));
      const ks = hs.map((_, i) => 2 ** 24 + i);
      const row = encodeFp(k, sortFp(hs, ks));
      const parts = partitionFp(decodeFp(row), to);
      expect(parts.length).toBeGreaterThan(1);
      let total = 0;
      for (const p of parts) {
        const back = decodeFp(encodeFp(p.key, p.entries));
        for (let i = 0; i < back.n; i++) expect(fpKey(back.hs[i], to)).toBe(p.key);
        total += back.n;
      }
      expect(total).toBe(300);
    }
  });
});

/** Stories with `fps` random fingerprints each (a few shared between stories, as reprints do). */
function stories(prefix: string, count: number, fps: number, seed: number, pool: number[]): AnalysedStory[] {
  const rnd = rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const own = Array.from({ length: fps }, () => (rnd() % 5 === 0 ? pool[rnd() % pool.length] : rnd()));
    return {
      id: `${prefix}${i}`,
      title: '',
      text: 'x',
      fingerprints: [...new Set(own)].sort((a, b) => a - b),
      signature: [],
      terms: [],
      words: 1,
    };
  });
}

describe('backend while the layout grows', () => {
  it('answers exactly after every batch while rows split, through a delete, with rows near the target size', async () => {
    const b = await DexieBackend.open(name());
    const pool = Array.from({ length: 2000 }, (_, i) => (i * 2654435761) >>> 0);
    const expected = new Map<number, number[]>();
    await b.ensureCollection({ id: 'a', name: 'A' });
    await b.ensureCollection({ id: 'z', name: 'Z' });
    const batches = [
      ['a', stories('a', 1500, 120, 1, pool)],
      ['z', stories('z', 1000, 120, 2, pool)],
      ['a', stories('b', 1500, 120, 3, pool)],
      ['a', stories('c', 1500, 120, 4, pool)],
    ] as const;
    const seq = { a: 0, z: 0 };
    const levels: string[] = [];
    for (const [coll, batch] of batches) {
      await b.putStories(coll, [...batch]);
      const number = coll === 'a' ? 1 : 2;
      for (const s of batch) {
        const key = number * 2 ** 24 + seq[coll]++;
        for (const h of s.fingerprints) expected.set(h, [...(expected.get(h) ?? []), key]);
      }
      const layout = (await b.db.meta.get(FP_LAYOUT_KEY)) as FpLayout & { key: string };
      levels.push(`${layout.level}/${layout.split}`);
      expect(await b.db.fpBuckets.count()).toBeLessThanOrEqual(layoutRows(layout));
      // Sample hashes: stored ones and absent ones.
      const probe = [...expected.keys()].filter((_, i) => i % 97 === 0).concat([1, 2, 3]);
      const got = await b.fingerprintPostings(probe);
      const sorted = (ks: number[] = []) => [...ks].sort((x, y) => x - y).join();
      expect(probe.filter((h) => sorted(got.get(h)) !== sorted(expected.get(h)))).toEqual([]);
    }
    // The layout grew past its first level (~600k postings ≈ 3.6 MB ≈ 440 rows of 8 KB).
    expect(new Set(levels).size).toBeGreaterThan(1);
    const rows = await b.db.fpBuckets.toArray();
    const bytes = rows.reduce((s, r) => s + r.data.byteLength, 0);
    expect(bytes / rows.length).toBeLessThan(FP_ROW_TARGET_BYTES * 1.2);
    expect(Math.max(...rows.map((r) => r.data.byteLength))).toBeLessThan(FP_ROW_TARGET_BYTES * 3);

    await b.removeCollection('z');
    for (const [h, keys] of expected)
      expected.set(
        h,
        keys.filter((k) => k < 2 * 2 ** 24),
      );
    const layout = (await b.db.meta.get(FP_LAYOUT_KEY)) as FpLayout;
    let stored = 0;
    for (const r of await b.db.fpBuckets.toArray()) stored += decodeFp(r).n;
    expect(layout.postings).toBe(stored);
    const probe = [...expected.keys()].filter((_, i) => i % 53 === 0);
    const got = await b.fingerprintPostings(probe);
    const sorted = (ks: number[] = []) => [...ks].sort((x, y) => x - y).join();
    expect(probe.filter((h) => sorted(got.get(h)) !== sorted(expected.get(h)))).toEqual([]);
    b.close();
  }, 60_000);
});

describe('v2 → v3 upgrade', () => {
  it('moves the fixed 8,192-bucket rows to level 13 of the growing layout, answers unchanged', async () => {
    const dbName = name();
    const v2 = openDb(dbName, 2);
    await v2.open();
    const rnd = rng(9);
    const entries = new Map<number, [number[], number[]]>();
    const expected = new Map<number, number[]>();
    for (let i = 0; i < 3000; i++) {
      const h = rnd();
      const key = 2 ** 24 + (i % 200);
      const bucket = h >>> (32 - LEGACY_FP_BUCKET_BITS);
      const e = entries.get(bucket) ?? [[], []];
      entries.set(bucket, e);
      e[0].push(h);
      e[1].push(key);
      expected.set(h, [...(expected.get(h) ?? []), key]);
    }
    // Rows exactly as v2 stored them: keyed by bucket number, level-13 encoding.
    const rows = [...entries].map(([bucket, [hs, ks]]) => ({
      ...encodeFp(2 ** LEGACY_FP_BUCKET_BITS + bucket, sortFp(hs, ks)),
      b: bucket,
    }));
    await v2.table('fpBuckets').bulkAdd(rows);
    await v2
      .table('collections')
      .add({ id: 'a', number: 1, name: 'A', enabled: true, state: 'ready', stories: 200, bytes: 0, importedAt: '', nextSeq: 200 });
    await v2.table('meta').put({ key: 'counters', nextCollection: 2 });
    v2.close();

    const b = await DexieBackend.open(dbName);
    expect(b.db.verno).toBe(SCHEMA_VERSION);
    expect(await b.db.meta.get(FP_LAYOUT_KEY)).toEqual({ key: FP_LAYOUT_KEY, level: 13, split: 0, postings: 3000 });
    const keys = (await b.db.fpBuckets.toCollection().primaryKeys()) as number[];
    expect(keys.length).toBe(rows.length);
    for (const k of keys) expect(levelOfKey(k)).toBe(13);
    const got = await b.fingerprintPostings([...expected.keys()]);
    for (const [h, ks] of expected) expect([...got.get(h)!].sort((x, y) => x - y)).toEqual(ks);
    // New batches go on from there, in the same layout.
    await b.putStories('a', stories('n', 10, 20, 5, [1]));
    expect(((await b.db.meta.get(FP_LAYOUT_KEY)) as FpLayout).level).toBe(13);
    b.close();
  });

  it('a fresh database starts at the smallest level', async () => {
    const b = await DexieBackend.open(name());
    await b.ensureCollection({ id: 'a', name: 'A' });
    await b.putStories('a', stories('s', 20, 30, 1, [7]));
    expect(await b.db.meta.get(FP_LAYOUT_KEY)).toMatchObject({ level: INITIAL_FP_LAYOUT.level, split: 0 });
    b.close();
  });
});
