// Term rows (schema v4): the packed encoding round-trips, and the backend's term postings stay exact
// (df per collection, highest-weight keys) batch after batch while the term layout splits rows,
// and through a delete.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DexieBackend } from '../../../lib/index/dexie/backend';
import { FP_MIN_LEVEL, FP_ROW_TARGET_BYTES, layoutRows, type FpLayout } from '../../../lib/index/dexie/buckets';
import {
  TERM_KEYS_CAP,
  TERM_LAYOUT_KEY,
  decodeTermRow,
  encodeTermRow,
  lookupTermRow,
  termId,
  termRowHash,
  type TermEntries,
} from '../../../lib/index/dexie/term-rows';
import type { AnalysedStory } from '../../../lib/index/types';

let n = 0;
const name = () => `terms-${process.pid}-${n++}`;
const all = () => true;

describe('term row encoding', () => {
  it('decodes what it encodes (ids, df pairs, keys, weights to 1/1000), wide key spans included', () => {
    const entry = fc.record({
      df: fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 1e6 })), { minLength: 1, maxLength: 3 }),
      keys: fc.uniqueArray(fc.oneof(fc.integer({ min: 2 ** 24, max: 2 ** 25 }), fc.integer({ min: 2 ** 40, max: 2 ** 41 })), {
        maxLength: 30,
      }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 2 ** 52 - 1 }), entry), { minLength: 1, maxLength: 40, selector: ([id]) => id }),
        (list) => {
          const entries: TermEntries = new Map(
            list.map(([id, e]) => [
              id,
              { df: e.df.map(([c, k]) => [c, k] as [number, number]), keys: e.keys, weights: e.keys.map((_, i) => (i % 7) / 8) },
            ]),
          );
          const row = encodeTermRow(300, entries);
          const back = decodeTermRow(row, all);
          expect([...back.keys()].sort((a, b) => a - b)).toEqual([...entries.keys()].sort((a, b) => a - b));
          for (const [id, e] of entries) {
            const got = back.get(id)!;
            const pairs = new Map<number, number>();
            for (const [c, k] of e.df) pairs.set(c, (pairs.get(c) ?? 0) + k);
            expect(got.df).toEqual([...pairs].sort((a, b) => a[0] - b[0]));
            const byKey = (a: number[], b: number[]) => a[0] - b[0];
            const want = e.keys.map((k, i) => [k, Math.round(e.weights[i] * 1000) / 1000]).sort(byKey);
            expect(got.keys.map((k, i) => [k, got.weights[i]]).sort(byKey)).toEqual(want);
          }
          // A lookup of one id finds the same as the decode; an absent id finds nothing.
          const [someId] = entries.keys();
          const found: TermEntries = new Map();
          lookupTermRow(row, [someId, someId + 0.5], all, found);
          expect([...found.keys()]).toEqual([someId]);
          expect(found.get(someId)).toEqual(back.get(someId));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('drops dead collections on decode and terms left with no live df', () => {
    const row = encodeTermRow(
      256,
      new Map([
        [
          5,
          {
            df: [
              [1, 2],
              [2, 1],
            ] as [number, number][],
            keys: [2 ** 24, 2 ** 24 + 1, 2 * 2 ** 24],
            weights: [0.5, 0.25, 1],
          },
        ],
        [9, { df: [[2, 1]] as [number, number][], keys: [2 * 2 ** 24 + 3], weights: [1] }],
      ]),
    );
    const back = decodeTermRow(row, (c) => c === 1);
    expect([...back.keys()]).toEqual([5]);
    expect(back.get(5)).toEqual({ df: [[1, 2]], keys: [2 ** 24, 2 ** 24 + 1], weights: [0.5, 0.25] });
  });

  it('term ids are 52-bit, stable, and placed by their top 32 bits', () => {
    const id = termId('Sergei Lavrov');
    expect(id).toBe(termId('Sergei Lavrov'));
    expect(id).not.toBe(termId('Sergei Lavro'));
    expect(Number.isSafeInteger(id) && id < 2 ** 52).toBe(true);
    expect(termRowHash(id)).toBeLessThan(2 ** 32);
  });
});

/** Stories whose terms are drawn from a vocabulary; weights vary so truncation has work to do. */
function stories(prefix: string, count: number, vocab: string[], seed: number): AnalysedStory[] {
  let x = seed;
  const rnd = () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0), x);
  return Array.from({ length: count }, (_, i) => {
    const terms = new Map<string, number>();
    for (let t = 0; t < 60; t++) terms.set(vocab[rnd() % vocab.length], ((rnd() % 1000) + 1) / 1000);
    return { id: `${prefix}${i}`, title: '', text: 'x', fingerprints: [], signature: [], terms: [...terms], words: 1 };
  });
}

describe('backend term postings while the term layout grows', () => {
  it('answers exactly after every batch while rows split, through a delete, with rows near the target size', async () => {
    const b = await DexieBackend.open(name());
    // A Zipf-like vocabulary: a few terms in most stories (their keys get truncated), many rare ones.
    const vocab = Array.from({ length: 6000 }, (_, i) => `term ${i % 40 === 0 ? 'common' : 'rare'} ${i}`);
    vocab.push(...Array.from({ length: 3000 }, (_, i) => `frequent ${i % 5}`));
    await b.ensureCollection({ id: 'a', name: 'A' });
    await b.ensureCollection({ id: 'z', name: 'Z' });
    const truth = new Map<string, { keys: Map<number, number>; df: number; everKeys: number }>();
    const add = (key: number, s: AnalysedStory) => {
      for (const [t, w] of s.terms) {
        const e = truth.get(t) ?? { keys: new Map(), df: 0, everKeys: 0 };
        truth.set(t, e);
        e.keys.set(key, w);
        e.df++;
        e.everKeys = e.keys.size;
      }
    };
    // After a delete, a term whose keys were truncated keeps only the survivors of its stored top keys.
    const check = async (afterDelete = false) => {
      const got = await b.termPostings([...truth.keys()]);
      for (const [t, e] of truth) {
        if (e.df === 0) {
          expect(got.has(t)).toBe(false);
          continue;
        }
        const p = got.get(t)!;
        expect(p.df).toBe(e.df);
        const best = [...e.keys].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, TERM_KEYS_CAP);
        if (afterDelete && e.everKeys > TERM_KEYS_CAP) for (const k of p.keys) expect(e.keys.has(k)).toBe(true);
        else expect(new Set(p.keys)).toEqual(new Set(best.map(([k]) => k)));
      }
    };
    let level0: FpLayout | undefined;
    for (const [coll, batch, base] of [
      ['a', stories('a', 2000, vocab, 1), 1 * 2 ** 24],
      ['z', stories('z', 1500, vocab, 2), 2 * 2 ** 24],
      ['a', stories('b', 3000, vocab, 3), 1 * 2 ** 24 + 2000],
    ] as const) {
      await b.putStories(coll, [...batch]);
      batch.forEach((s, i) => add(base + i, s));
      level0 ??= (await b.db.meta.get(TERM_LAYOUT_KEY)) as FpLayout;
      await check();
    }
    const layout = (await b.db.meta.get(TERM_LAYOUT_KEY)) as FpLayout;
    expect(layout.level > FP_MIN_LEVEL || layout.split > 0).toBe(true);
    expect(layoutRows(layout)).toBeGreaterThan(layoutRows(level0!));
    const rows = await b.db.termBuckets.toArray();
    expect(rows.length).toBe(layoutRows(layout));
    const mean = rows.reduce((s, r) => s + r.data.byteLength, 0) / rows.length;
    expect(mean).toBeLessThan(FP_ROW_TARGET_BYTES * 1.2);
    expect(layout.postings).toBe(rows.reduce((s, r) => s + r.data.byteLength, 0));

    // Deleting Z: its df and keys disappear at once, and from the rows once purged.
    await b.removeCollection('z');
    for (const e of truth.values())
      for (const k of [...e.keys.keys()])
        if (k >= 2 * 2 ** 24) {
          e.keys.delete(k);
          e.df--;
        }
    await check(true);
    for (const r of await b.db.termBuckets.toArray()) expect(r.colls).toEqual([1]);
    b.close();
  }, 120_000);
});
