// The one module that opens Dexie: the StoryTrace IndexedDB database and its versioned schema,
// with an upgrade for every change (the rows it holds are typed in rows.ts).
import Dexie, { type Transaction } from 'dexie';
import { LEGACY_FP_BUCKET_BITS, fpCount, type FpBucket } from './buckets';
import { rebuildPostings } from './postings';
import { packStoryRow } from './story-row';
import { DB_NAME, FP_LAYOUT_KEY, type FpLayoutRow, type StoryRowV1, type StoryTraceDb } from './rows';

export { Dexie };

/**
 * Schema history. Never edit a released version: add one.
 * v1: stories with a unique `id` index; postings as append-only chunks per bucket merged level by
 *     level (read with key-range getAll: measured ~2.5× slower than point gets, and 14k rows per
 *     batch); no jobs or settings.
 * v2: one row per posting bucket (point reads, see dexie/buckets.ts), rebuilt from the stored
 *     stories' fingerprints and terms on upgrade; story rows packed (StoryRow; converted on
 *     upgrade); `id` no longer unique (a story of a collection being deleted may coexist with its
 *     re-import, see DexieBackend.putStories); import jobs and settings tables.
 * v3: the fingerprint rows' layout grows with the corpus (FpLayout, a row in `meta`); v2's fixed
 *     8,192 rows become the rows of level 13 (key 2^13 + bucket, same encoding), moved on upgrade.
 * v4: term rows hold 52-bit term ids in one buffer and grow with the corpus like the fingerprint
 *     rows (TermRow, dexie/term-rows.ts; layout row TERM_LAYOUT_KEY); rebuilt from the stored
 *     stories' terms on upgrade.
 * v5: import batches store their postings as pending rows, merged into the posting rows later in
 *     parts (PendingRow, dexie/pending.ts; totals in `meta` under PENDING_KEY). Nothing to convert.
 */
export const SCHEMA: Record<number, Record<string, string | null>> = {
  1: {
    stories: 'key, &id',
    collections: 'id, &number',
    fpChunks: 'k, *colls',
    termChunks: 'k, *colls',
    meta: 'key',
  },
  2: {
    stories: 'key, id',
    fpChunks: null,
    termChunks: null,
    // No index on the collections a row holds: it costs ~15% of every row write, and a delete
    // walks the rows by key range instead (DexieBackend.purgeStep).
    fpBuckets: 'b',
    termBuckets: 'b',
    jobs: 'id, state',
    settings: 'key',
  },
  3: {},
  4: {},
  5: { pending: 'k' },
};
export const SCHEMA_VERSION = 5;

/** Opens (creating or upgrading) the database. Pass `upTo` only in the upgrade test. */
export function openDb(name = DB_NAME, upTo = SCHEMA_VERSION): StoryTraceDb {
  const db = new Dexie(name) as StoryTraceDb;
  db.version(1).stores(SCHEMA[1]);
  if (upTo >= 2)
    db.version(2)
      .stores(SCHEMA[2])
      // The stories keep their fingerprints and terms: convert the rows, rebuild the postings.
      .upgrade(async (tx) => {
        await tx
          .table('stories')
          .toCollection()
          .modify((row: Record<string, unknown>) => {
            const old = row as unknown as StoryRowV1;
            if (!(old.fp instanceof Uint32Array) || !(old.sig instanceof Uint32Array) || !Array.isArray(old.terms)) return;
            const packed = packStoryRow({ ...old, fingerprints: Array.from(old.fp), signature: Array.from(old.sig) }, old.key);
            delete row.fp;
            delete row.sig;
            row.nums = packed.nums;
            row.terms = packed.terms;
          });
        await rebuildPostings(tx);
      });
  if (upTo >= 3) db.version(3).stores(SCHEMA[3]).upgrade(rekeyLegacyFpRows);
  if (upTo >= 4)
    db.version(4)
      .stores(SCHEMA[4])
      .upgrade((tx) => rebuildPostings(tx, true));
  if (upTo >= 5) db.version(5).stores(SCHEMA[5]);
  return db;
}

/** v2 → v3: bucket b of the fixed layout becomes row 2^13 + b (same bytes), moved in slices; a
 *  database rebuilt by the v1 → v2 step above already has its layout row and is left alone. */
async function rekeyLegacyFpRows(tx: Transaction): Promise<void> {
  const meta = tx.table('meta');
  if (await meta.get(FP_LAYOUT_KEY)) return;
  const fp = tx.table('fpBuckets');
  const legacyRows = 2 ** LEGACY_FP_BUCKET_BITS;
  let postings = 0;
  for (;;) {
    const rows: FpBucket[] = await fp.where(':id').below(legacyRows).limit(512).toArray();
    if (rows.length === 0) break;
    for (const r of rows) postings += fpCount(r);
    await fp.bulkPut(rows.map((r) => ({ ...r, b: legacyRows + r.b })));
    await fp.bulkDelete(rows.map((r) => r.b));
  }
  const layout: FpLayoutRow = { key: FP_LAYOUT_KEY, level: LEGACY_FP_BUCKET_BITS, split: 0, postings };
  await meta.put(layout);
}

