// The IndexedDB backend against a brute-force model of the IndexBackend contract on random operation
// sequences: same postings, statistics, stories and collections after every step, through batches
// merged into shared bucket rows, deletes (hidden at once, purged step by step) and enable/disable.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DexieBackend } from '../../../lib/index/dexie/backend';
import { FP_MIN_LEVEL } from '../../../lib/index/dexie/buckets';
import type { AnalysedStory, CollectionInfo, StoredStory, TermPostings } from '../../../lib/index/types';

let dbn = 0;
// Few distinct hashes, spread over few buckets (several per bucket), so postings collide and merge.
const HASHES = Array.from({ length: 24 }, (_, i) => (((i % 6) << (32 - FP_MIN_LEVEL)) | (i * 7919 + 1)) >>> 0);
const TERMS = ['crimea', 'aksyonov', 'berlin', 'diplomats', 'smart gun', 'biofire', 'lavrov', 'cuba'];

const storyArb = fc.record({
  id: fc.constantFrom(...Array.from({ length: 30 }, (_, i) => `s${i}`)),
  fps: fc.uniqueArray(fc.constantFrom(...HASHES), { maxLength: 6 }),
  terms: fc.uniqueArray(fc.constantFrom(...TERMS), { maxLength: 4 }),
  w: fc.integer({ min: 1, max: 5000 }),
});

/** The contract, by brute force over every stored story (keys numbered as the backends do). */
class Model {
  private colls = new Map<string, CollectionInfo & { number: number; nextSeq: number }>();
  private stories = new Map<number, StoredStory>();
  private nextNumber = 1;
  async ensureCollection(info: { id: string; name: string }) {
    if (!this.colls.has(info.id))
      this.colls.set(info.id, { ...info, enabled: true, stories: 0, bytes: 0, importedAt: '', number: this.nextNumber++, nextSeq: 0 });
  }
  async putStories(id: string, batch: AnalysedStory[]) {
    const c = this.colls.get(id)!;
    const ids = new Set([...this.stories.values()].map((s) => s.id));
    let added = 0;
    let alreadyPresent = 0;
    for (const s of batch) {
      if (ids.has(s.id)) {
        alreadyPresent++;
        continue;
      }
      ids.add(s.id);
      const key = c.number * 2 ** 24 + c.nextSeq++;
      this.stories.set(key, { ...s, key, collection: id });
      c.stories++;
      c.bytes += s.title.length + s.text.length;
      added++;
    }
    return { added, alreadyPresent };
  }
  async removeCollection(id: string) {
    for (const [k, s] of this.stories) if (s.collection === id) this.stories.delete(k);
    this.colls.delete(id);
  }
  async setCollectionEnabled(id: string, on: boolean) {
    const c = this.colls.get(id);
    if (c) c.enabled = on;
  }
  async listCollections(): Promise<CollectionInfo[]> {
    return [...this.colls.values()].map(({ number: _n, nextSeq: _s, ...c }) => c);
  }
  async storyCount() {
    return this.stories.size;
  }
  async fingerprintPostings(hashes: number[]) {
    const out = new Map<number, number[]>();
    for (const h of hashes) {
      const keys = [...this.stories.values()].filter((s) => s.fingerprints.includes(h)).map((s) => s.key);
      if (keys.length) out.set(h, keys);
    }
    return out;
  }
  async termPostings(terms: string[]) {
    const out = new Map<string, TermPostings>();
    for (const t of terms) {
      const hits = [...this.stories.values()].flatMap((s) => s.terms.filter(([x]) => x === t).map(([, w]) => [s.key, w]));
      if (hits.length) out.set(t, { df: hits.length, keys: hits.map(([k]) => k), weights: hits.map(([, w]) => w) });
    }
    return out;
  }
  async getStories(keys: number[]) {
    const enabled = new Set([...this.colls.values()].filter((c) => c.enabled).map((c) => c.id));
    return keys.map((k) => this.stories.get(k)).filter((s): s is StoredStory => !!s && enabled.has(s.collection));
  }
  async getStoryById(id: string) {
    return [...this.stories.values()].find((s) => s.id === id);
  }
}

type Backend = Pick<Model, 'storyCount' | 'listCollections' | 'fingerprintPostings' | 'termPostings' | 'getStories' | 'getStoryById'>;

type Op =
  | { kind: 'add'; coll: number; stories: { id: string; fps: number[]; terms: string[]; w: number }[] }
  | { kind: 'remove'; coll: number }
  | { kind: 'enable'; coll: number; on: boolean }
  | { kind: 'purge' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      coll: fc.integer({ min: 0, max: 3 }),
      stories: fc.array(storyArb, { maxLength: 6 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), coll: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('enable' as const), coll: fc.integer({ min: 0, max: 3 }), on: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'purge' as const }) },
);

function analysed(s: { id: string; fps: number[]; terms: string[]; w: number }): AnalysedStory {
  return {
    id: s.id,
    title: `Title ${s.id}`,
    text: `Text of ${s.id}`,
    fingerprints: [...s.fps].sort((a, b) => a - b),
    signature: [s.w, s.w + 1],
    terms: s.terms.map((t, i) => [t, (s.w + i * 37) / 1000] as [string, number]),
    words: 3,
  };
}

async function snapshot(b: Backend) {
  const fp = await b.fingerprintPostings(HASHES);
  const terms = await b.termPostings(TERMS);
  const keys = [...new Set([...fp.values()].flat())].sort((x, y) => x - y);
  return {
    count: await b.storyCount(),
    collections: (await b.listCollections()).map(({ importedAt: _, ...c }) => c).sort((x, y) => x.id.localeCompare(y.id)),
    fp: [...fp.entries()].map(([h, ks]) => [h, [...ks].sort((x, y) => x - y)]).sort((x, y) => (x[0] as number) - (y[0] as number)),
    terms: [...terms.entries()]
      .map(([t, p]) => [t, p.df, p.keys.map((k, i) => `${k}:${p.weights[i]}`).sort()])
      .sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    stories: (await b.getStories(keys)).map((s) => `${s.key}:${s.id}:${s.collection}:${s.signature.join(',')}`).sort(),
    byId: (await Promise.all(Array.from({ length: 30 }, (_, i) => b.getStoryById(`s${i}`)))).map((s) => s?.key ?? null),
  };
}

describe('DexieBackend ≡ brute-force model', () => {
  it('agrees on random sequences of batches, deletes, purge steps and enable/disable', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), async (ops) => {
        const mem = new Model();
        const dx = await DexieBackend.open(`equiv-${process.pid}-${dbn++}`);
        // Collection ids are fresh after a delete, as the importer makes them.
        const generation = [0, 0, 0, 0];
        const cid = (c: number) => `c${c}g${generation[c]}`;
        try {
          for (const op of ops) {
            if (op.kind === 'add') {
              const info = { id: cid(op.coll), name: `C${op.coll}` };
              const batch = op.stories.map(analysed);
              await mem.ensureCollection(info);
              await dx.ensureCollection(info);
              expect(await dx.putStories(info.id, batch)).toEqual(await mem.putStories(info.id, batch));
            } else if (op.kind === 'remove') {
              // Hidden at once; the purge happens in later 'purge' steps (or never): same answers.
              await mem.removeCollection(cid(op.coll));
              await dx.markDeleting(cid(op.coll));
              generation[op.coll]++;
            } else if (op.kind === 'enable') {
              await mem.setCollectionEnabled(cid(op.coll), op.on);
              await dx.setCollectionEnabled(cid(op.coll), op.on);
            } else await dx.purgeStep(2, 3000);
            expect(await snapshot(dx)).toEqual(await snapshot(mem));
          }
        } finally {
          dx.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
