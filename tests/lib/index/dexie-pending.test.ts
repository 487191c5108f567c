// Pending postings: an import batch's postings are stored apart and merged into the posting rows
// later, one part of the hash space per transaction. Stories are found only once merged, every
// merge transaction leaves a consistent layout (a stopped merge resumes), and the answers after the
// merge are exactly those of merging every batch at once.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DexieBackend } from '../../../lib/index/dexie/backend';
import { FP_ROW_TARGET_BYTES, fpKey, layoutRows, levelOfKey, decodeFp, type FpLayout } from '../../../lib/index/dexie/buckets';
import { FP_LAYOUT_KEY } from '../../../lib/index/dexie/rows';
import { PARTS, mergeDue, partLayout, partOfHash, readPendingTotals } from '../../../lib/index/dexie/pending';
import type { AnalysedStory } from '../../../lib/index/types';
import { corpusFaults } from '../hostile/consistency';

let n = 0;
const name = () => `pending-${process.pid}-${n++}`;

function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0), x);
}

const TERMS = ['harbour', 'minister', 'flood', 'election', 'tariff', 'vaccine', 'strike', 'summit'];

/** Stories with `fps` random fingerprints (a fifth drawn from a shared pool) and two key terms. */
function stories(prefix: string, count: number, fps: number, seed: number, pool: number[]): AnalysedStory[] {
  const rnd = rng(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`,
    title: '',
    text: 'x',
    fingerprints: [...new Set(Array.from({ length: fps }, () => (rnd() % 5 === 0 ? pool[rnd() % pool.length] : rnd())))].sort(
      (a, b) => a - b,
    ),
    signature: [],
    terms: [
      [TERMS[i % TERMS.length], 1],
      [`${prefix}-only`, 0.5],
    ],
    words: 1,
  }));
}

/** Fingerprints a batch stores (each story's are unique already). */
const countDupes = (batch: AnalysedStory[]) => batch.reduce((n, st) => n + (60 - st.fingerprints.length), 0);

const sorted = (ks: number[] = []) => [...ks].sort((x, y) => x - y).join();

/** Row keys and contents agree with the stored layout: every row is one of its rows and holds only its hashes. */
async function layoutFaults(b: DexieBackend): Promise<string[]> {
  const layout = (await b.db.meta.get(FP_LAYOUT_KEY)) as FpLayout;
  const faults: string[] = [];
  for (const row of await b.db.fpBuckets.toArray()) {
    const e = decodeFp(row);
    if (e.n > 0 && fpKey(e.hs[0], layout) !== row.b)
      faults.push(`row ${row.b} (level ${levelOfKey(row.b)}) is not a row of ${layout.level}/${layout.split}`);
    for (let i = 0; i < e.n; i++) if (fpKey(e.hs[i], layout) !== row.b) faults.push(`hash ${e.hs[i]} in row ${row.b}`);
  }
  return faults.slice(0, 10);
}

describe('pending postings', () => {
  it('are found only once merged; a merge stopped between parts resumes; the answers are exact and the rows near their target', async () => {
    const b = await DexieBackend.open(name());
    b.directMergeBelow = 0;
    const pool = Array.from({ length: 2000 }, (_, i) => (i * 2654435761) >>> 0);
    await b.ensureCollection({ id: 'a', name: 'A' });
    await b.ensureCollection({ id: 'z', name: 'Z' });
    const expected = new Map<number, number[]>();
    const seq = { a: 0, z: 0 };
    const record = (coll: 'a' | 'z', batch: AnalysedStory[]) => {
      for (const s of batch) {
        const key = (coll === 'a' ? 1 : 2) * 2 ** 24 + seq[coll]++;
        for (const h of s.fingerprints) expected.set(h, [...(expected.get(h) ?? []), key]);
      }
    };
    /** Probes whose answer is not exact; hashes in parts from `mergedParts` on answer from `before`. */
    const check = async (mergedParts = PARTS, before = expected) => {
      const probe = [...expected.keys()].filter((_, i) => i % 61 === 0).concat([1, 2, 3]);
      const got = await b.fingerprintPostings(probe);
      return probe.filter((h) => sorted(got.get(h)) !== sorted((partOfHash(h) < mergedParts ? expected : before).get(h)));
    };

    // A first batch, merged at once.
    const first = stories('a', 1200, 120, 1, pool);
    await b.putStories('a', first);
    record('a', first);
    expect(await check()).toEqual([]);

    // Two more batches stay pending: stored, counted, not found.
    const later = [
      ['z', stories('z', 1500, 120, 2, pool)],
      ['a', stories('b', 1500, 120, 3, pool)],
    ] as const;
    for (const [coll, batch] of later) await b.putStoriesWithJob(coll, [...batch]);
    expect(await b.storyCount()).toBe(4200);
    const hidden = later[1][1][7].fingerprints.filter((h) => !pool.includes(h));
    expect((await b.fingerprintPostings(hidden)).size).toBe(0);
    expect((await readPendingTotals(b.db.meta)).fp).toBeGreaterThan(300_000);
    expect(await mergeDue(b.db.meta)).toBe(true);
    expect(await corpusFaults(b)).toEqual([]);

    // A merge one part per transaction, stopped a third of the way: consistent; the merged parts
    // answer with every batch, the others with the first batch only.
    const firstOnly = new Map(expected);
    for (const [coll, batch] of later) record(coll, [...batch]);
    const stop = new AbortController();
    const seen: number[] = [];
    await b.mergePending({
      partsPerStep: 1,
      signal: stop.signal,
      onProgress: (done, total) => {
        seen.push(done);
        expect(total).toBe(PARTS);
        if (done === 21) stop.abort();
      },
    });
    expect(seen.at(-1)).toBe(21);
    expect(await layoutFaults(b)).toEqual([]);
    expect(await check(21, firstOnly)).toEqual([]);
    expect(await corpusFaults(b)).toEqual([]);
    const half = (await b.db.meta.get(FP_LAYOUT_KEY)) as FpLayout;

    // Resumed: everything found, nothing pending, rows near the target size.
    await b.mergePending({ partsPerStep: 1 });
    expect(await check()).toEqual([]);
    expect(await layoutFaults(b)).toEqual([]);
    expect(await b.db.pending.count()).toBe(0);
    expect(await readPendingTotals(b.db.meta)).toMatchObject({ fp: 0, terms: 0 });
    const layout = (await b.db.meta.get(FP_LAYOUT_KEY)) as FpLayout;
    expect(layoutRows(layout)).toBeGreaterThan(layoutRows(half));
    const rows = await b.db.fpBuckets.toArray();
    let stored = 0;
    for (const r of rows) stored += decodeFp(r).n;
    expect(layout.postings).toBe(stored);
    expect(rows.reduce((s, r) => s + r.data.byteLength, 0) / rows.length).toBeLessThan(FP_ROW_TARGET_BYTES * 1.2);
    const flood = await b.termPostings(['flood', 'b-only', 'z-only']);
    expect(flood.get('b-only')?.df).toBe(1500);
    expect(flood.get('z-only')?.df).toBe(1500);
    expect(flood.get('flood')?.df).toBe(Math.ceil(1200 / 8) + Math.ceil(1500 / 8) * 2);
    expect(await mergeDue(b.db.meta)).toBe(false);

    // A collection deleted while its postings are pending: the merge drops them.
    const doomed = stories('d', 300, 50, 5, pool);
    await b.ensureCollection({ id: 'd', name: 'D' });
    await b.putStoriesWithJob('d', doomed);
    await b.removeCollection('d');
    expect(await corpusFaults(b)).toEqual([]);
    await b.mergePending({ partsPerStep: 4 });
    const keys = new Set<number>();
    for (const r of await b.db.fpBuckets.toArray()) for (const k of decodeFp(r).ks) keys.add(Math.floor(k / 2 ** 24));
    expect([...keys].sort()).toEqual([1, 2]);
    expect((await b.termPostings(['d-only'])).size).toBe(0);
    expect(await check()).toEqual([]);
    b.close();
  }, 120_000);

  it('merges a batch at once while the rows are small and nothing is pending; pending past DIRECT_MERGE_BELOW', async () => {
    const b = await DexieBackend.open(name());
    const pool = Array.from({ length: 100 }, (_, i) => (i * 2654435761) >>> 0);
    await b.ensureCollection({ id: 'a', name: 'A' });
    const small = stories('a', 200, 60, 1, pool);
    await b.putStoriesWithJob('a', small);
    expect(await b.db.pending.count()).toBe(0);
    const own = small[3].fingerprints.filter((h) => !pool.includes(h));
    expect((await b.fingerprintPostings(own)).size).toBe(own.length);
    b.directMergeBelow = 12_000 + 200 * 60; // what is merged plus one more batch, about
    const next = stories('b', 300, 60, 2, pool);
    await b.putStoriesWithJob('a', next);
    expect(await b.db.pending.count()).toBeGreaterThan(0);
    // Once something is pending, a batch that would fit waits behind it (postings stay in order).
    await b.putStoriesWithJob('a', stories('c', 1, 5, 3, pool));
    expect((await readPendingTotals(b.db.meta)).fp).toBe(300 * 60 - countDupes(next) + 5);
    b.close();
  });

  it('moves the layout in prefix order only: a part after an unsplit gap waits, the last part ends the level', () => {
    const l: FpLayout = { level: 10, split: 0, postings: 1_000_000 };
    const pending = 2_000_000; // 18 MB wants ~2,200 rows: the whole of level 10 split, and more
    expect(partLayout(l, pending, 0, 1)).toMatchObject({ level: 10, split: 16 });
    expect(partLayout({ ...l, split: 16 }, pending, 1, 2)).toMatchObject({ level: 10, split: 32 });
    expect(partLayout(l, pending, 5, 6)).toEqual(l);
    expect(partLayout({ ...l, split: 320 }, pending, 0, 1)).toEqual({ ...l, split: 320 });
    expect(partLayout({ ...l, split: 320 }, pending, 20, 21)).toMatchObject({ level: 10, split: 336 });
    expect(partLayout({ ...l, split: 1008 }, pending, 63, 64)).toMatchObject({ level: 11, split: 0 });
    expect(partLayout(l, pending, 0, PARTS).level).toBe(11);
    expect(partLayout(l, 0, 0, 1)).toEqual(l);
  });
});
