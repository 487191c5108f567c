// The corpus invariant every fault must leave intact: each live collection's story count equals the
// stories stored under its key range, every posting points at a stored story, and every stored
// story with fingerprints has postings. Read straight from the tables (no index code in the way).
import { collectionOfKey, decodeFp, KEYS_PER_COLLECTION } from '../../../lib/index/dexie/buckets';
import type { DexieBackend } from '../../../lib/index/dexie/backend';

/** What is wrong with the stored corpus, one line per fault; empty when consistent. */
export async function corpusFaults(backend: DexieBackend): Promise<string[]> {
  const db = backend.db;
  const faults: string[] = [];
  const keys = new Set((await db.stories.toCollection().primaryKeys()) as number[]);
  const collections = await db.collections.toArray();
  const numbers = new Map(collections.map((c) => [c.number, c]));
  for (const c of collections) {
    if (c.state !== 'ready') continue;
    const lo = c.number * KEYS_PER_COLLECTION;
    const stored = await db.stories
      .where(':id')
      .between(lo, lo + KEYS_PER_COLLECTION)
      .count();
    if (stored !== c.stories) faults.push(`collection ${c.name}: says ${c.stories} stories, holds ${stored}`);
  }
  for (const k of keys) if (!numbers.has(collectionOfKey(k))) faults.push(`story ${k} belongs to no collection`);
  const posted = new Set<number>();
  for (const row of await db.fpBuckets.toArray()) {
    const e = decodeFp(row);
    for (let i = 0; i < e.n; i++) {
      const k = e.ks[i];
      const owner = numbers.get(collectionOfKey(k));
      // Postings of a collection being deleted may outlive its stories until the purge reaches them.
      if (!keys.has(k) && owner?.state !== 'deleting') faults.push(`posting for missing story ${k}`);
      posted.add(k);
    }
  }
  // Postings an import left pending count as the story's until they are merged; pending postings
  // of a deleted collection wait for the merge that drops them.
  for (const row of await db.pending.toArray()) {
    for (const k of row.fpKeys) {
      const owner = numbers.get(collectionOfKey(k));
      if (!keys.has(k) && owner?.state === 'ready') faults.push(`pending posting for missing story ${k}`);
      posted.add(k);
    }
  }
  await db.stories.each((s) => {
    if (s.nums && s.nums[1] > 0 && !posted.has(s.key)) faults.push(`story ${s.id} (${s.key}) has no postings`);
  });
  return faults.slice(0, 20);
}
