// What only the IndexedDB backend promises: one row per posting bucket however many batches came
// in, with exact answers; a delete hides a collection at once and then leaves no trace; a failed
// batch writes nothing; a term's df stays exact when its keys are truncated.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DexieBackend } from '../../../lib/index/dexie/backend';
import { FP_MIN_LEVEL, FP_KEYS_CAP } from '../../../lib/index/dexie/buckets';
import { TERM_KEYS_CAP } from '../../../lib/index/dexie/term-rows';
import type { AnalysedStory } from '../../../lib/index/types';

let n = 0;
const open = () => DexieBackend.open(`life-${process.pid}-${n++}`);

/** Synthetic analysed stories: fingerprints from a seeded generator, a shared and an own term. */
function batch(prefix: string, count: number, seed: number): AnalysedStory[] {
  let x = seed >>> 0 || 1;
  const rnd = () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0), x);
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`,
    title: `${prefix} ${i}`,
    text: `story ${prefix} ${i}`,
    // Eight buckets only, so every batch touches every one of them and merges happen.
    fingerprints: [
      ...new Set(Array.from({ length: 40 }, () => (((rnd() % 8) << (32 - FP_MIN_LEVEL)) | (rnd() >>> FP_MIN_LEVEL)) >>> 0)),
    ].sort((a, b) => a - b),
    signature: [i],
    terms: [
      ['shared', 1 + (i % 7)],
      [`own-${prefix}${i}`, 2],
    ],
    words: 3,
  }));
}

async function allPostings(b: DexieBackend, stories: AnalysedStory[]) {
  const hashes = [...new Set(stories.flatMap((s) => s.fingerprints))];
  const fp = await b.fingerprintPostings(hashes);
  return [...fp.entries()].map(([h, ks]) => `${h}:${[...ks].sort((a, c) => a - c).join(',')}`).sort();
}

describe('bucket rows', () => {
  it('merge batch after batch into one row per bucket, answers exact', async () => {
    const b = await open();
    await b.ensureCollection({ id: 'a', name: 'A' });
    const stories: AnalysedStory[] = [];
    for (let i = 0; i < 12; i++) {
      const s = batch(`b${i}-`, 15, i + 1);
      stories.push(...s);
      await b.putStories('a', s);
    }
    // Brute force: story i has key 2^24 + i (collection 1).
    const expected = new Map<number, number[]>();
    stories.forEach((s, i) => s.fingerprints.forEach((h) => expected.set(h, [...(expected.get(h) ?? []), 2 ** 24 + i])));
    expect(await allPostings(b, stories)).toEqual([...expected.entries()].map(([h, ks]) => `${h}:${ks.join(',')}`).sort());
    expect(await b.db.fpBuckets.count()).toBe(8);
    const shared = (await b.termPostings(['shared'])).get('shared')!;
    expect(shared.df).toBe(stories.length);
    expect((await b.termPostings(['own-b3-1'])).get('own-b3-1')).toEqual({ df: 1, keys: [2 ** 24 + 3 * 15 + 1], weights: [2] });
  });

  it('caps a fingerprint held by very many stories, keeping the count above every boilerplate threshold', async () => {
    const b = await open();
    await b.ensureCollection({ id: 'a', name: 'A' });
    const chrome = 0x12345678;
    const n = FP_KEYS_CAP + 500;
    const many = Array.from({ length: n }, (_, i) => ({
      id: `c${i}`,
      title: '',
      text: 'x',
      fingerprints: [chrome],
      signature: [],
      terms: [] as [string, number][],
      words: 1,
    }));
    await b.putStories('a', many.slice(0, 3000));
    await b.putStories('a', many.slice(3000));
    const keys = (await b.fingerprintPostings([chrome])).get(chrome)!;
    expect(keys.length).toBe(FP_KEYS_CAP);
    expect(keys[0]).toBe(2 ** 24);
  });
});

describe('delete', () => {
  it('hides the collection at once, then purges its stories and postings, leaving others intact', async () => {
    const b = await open();
    await b.ensureCollection({ id: 'keep', name: 'Keep' });
    await b.ensureCollection({ id: 'gone', name: 'Gone' });
    const keep = batch('k', 30, 7);
    const gone = batch('g', 30, 8);
    await b.putStories('keep', keep);
    await b.putStories('gone', gone);
    const keepBefore = await allPostings(b, keep);

    await b.markDeleting('gone');
    // Hidden before a single row is purged.
    expect(await b.storyCount()).toBe(30);
    expect((await b.listCollections()).map((c) => c.id)).toEqual(['keep']);
    expect(await b.fingerprintPostings(gone[0].fingerprints.filter((h) => !keep.some((s) => s.fingerprints.includes(h))))).toEqual(
      new Map(),
    );
    expect(await b.getStoryById('g1')).toBeUndefined();
    expect((await b.termPostings(['shared'])).get('shared')!.df).toBe(30);
    // Re-importing a deleted story is allowed at once (a new story, not "already present").
    await b.ensureCollection({ id: 'again', name: 'Again' });
    expect(await b.putStories('again', gone.slice(0, 2))).toEqual({ added: 2, alreadyPresent: 0 });

    let steps = 0;
    // 7 stories, then 2 posting rows a step: 5 story steps, then the 8 fingerprint rows in 4 or more.
    while (await b.purgeStep(7, 2)) steps++;
    expect(steps).toBeGreaterThan(5 + 4);
    const gNumber = 2;
    expect(await b.db.collections.get('gone')).toBeUndefined();
    expect(
      await b.db.stories
        .where(':id')
        .between(gNumber * 2 ** 24, (gNumber + 1) * 2 ** 24)
        .count(),
    ).toBe(0);
    for (const row of [...(await b.db.fpBuckets.toArray()), ...(await b.db.termBuckets.toArray())])
      expect(row.colls).not.toContain(gNumber);
    expect(await allPostings(b, keep)).toEqual(keepBefore);
    expect((await b.getStoryById('g1'))?.collection).toBe('again');
  });
});

describe('atomic batches', () => {
  it('a batch whose transaction fails leaves the corpus exactly as before', async () => {
    const b = await open();
    await b.ensureCollection({ id: 'a', name: 'A' });
    await b.putStories('a', batch('x', 5, 1));
    const snapshot = async () => ({
      stories: await b.db.stories.count(),
      fp: await b.db.fpBuckets.toArray(),
      terms: await b.db.termBuckets.toArray(),
      coll: await b.db.collections.get('a'),
      meta: await b.db.meta.get('counters'),
    });
    const before = await snapshot();
    await expect(
      b.putStoriesWithJob('a', batch('y', 5, 2), () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await snapshot()).toEqual(before);
  });

  it('skips ids repeated inside one batch', async () => {
    const b = await open();
    await b.ensureCollection({ id: 'a', name: 'A' });
    const s = batch('d', 3, 3);
    expect(await b.putStories('a', [...s, s[1], s[0]])).toEqual({ added: 3, alreadyPresent: 2 });
  });
});

describe('term postings', () => {
  it('truncates keys to the highest weights but keeps df exact, across batches, merges and deletes', async () => {
    const b = await open();
    await b.ensureCollection({ id: 'a', name: 'A' });
    await b.ensureCollection({ id: 'b', name: 'B' });
    const mk = (p: string, count: number, w: (i: number) => number): AnalysedStory[] =>
      Array.from({ length: count }, (_, i) => ({
        id: `${p}${i}`,
        title: '',
        text: 'x',
        fingerprints: [],
        signature: [],
        terms: [['common', w(i)]],
        words: 1,
      }));
    const a = mk('a', 700, (i) => (i % 10) / 10 + 1); // weights 1.0 .. 1.9
    const bb = mk('b', 700, () => 5); // heavier
    await b.putStories('a', a.slice(0, 350));
    await b.putStories('a', a.slice(350));
    await b.putStories('b', bb);
    const p1 = (await b.termPostings(['common'])).get('common')!;
    expect(p1.df).toBe(1400);
    expect(p1.keys.length).toBe(TERM_KEYS_CAP);
    // All of B's (weight 5) are kept, then A's heaviest.
    expect(p1.weights.filter((w) => w === 5).length).toBe(700);
    expect(Math.min(...p1.weights)).toBeGreaterThanOrEqual(1.5);
    await b.removeCollection('b');
    const p = (await b.termPostings(['common'])).get('common')!;
    expect(p.df).toBe(700);
    expect(p.weights.every((w) => w < 5)).toBe(true);
  });
});
