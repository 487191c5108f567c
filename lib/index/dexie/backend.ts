// IndexBackend on IndexedDB (Dexie): stories as rows, postings as packed chunks per hash bucket,
// every import batch one atomic transaction, every query a handful of point and range reads.
import type { AddResult, AnalysedStory, CollectionInfo, IndexBackend, StoredStory, TermPostings } from '../types';
import type { ImportJob } from '../../import/job-types';
import {
  INITIAL_FP_LAYOUT,
  KEYS_PER_COLLECTION,
  collectionOfKey,
  decodeFp,
  encodeFp,
  fpCount,
  fpKey,
  fpView,
  lookupFp,
  mergeFp,
  rowBytes,
  type FpBucket,
  type FpLayout,
} from './buckets';
import { PostingBatch, layoutRow, readLayout, startPostings, type LayoutKey } from './postings';
import {
  DIRECT_MERGE_BELOW,
  PARTS,
  mergeDue,
  mergeParts,
  mergePlan,
  mergesDirectly,
  queuePending,
  readPendingTotals,
  type PendingTables,
} from './pending';
import {
  TERM_KEYS_CAP,
  TERM_LAYOUT_KEY,
  decodeTermRow,
  encodeTermRow,
  lookupTermRow,
  sumDf,
  termId,
  termRowHash,
  type TermEntries,
  type TermRow,
} from './term-rows';
import { packStoryRow, rowAnalysis, unpackStoryRow } from './story-row';
import { openDb } from './db';
import { FP_LAYOUT_KEY, INITIAL_COUNTERS, type CollectionRow, type CountersRow, type FpLayoutRow, type StoryRow, type StoryTraceDb, type Table } from './rows';

/** A collection as the options page lists it (with its state while it is being deleted). */
export interface CollectionView extends CollectionInfo {
  state: CollectionRow['state'];
}

/** Rough sizes of what the index stores (for the options page and the benchmark). */
export interface IndexStats {
  stories: number;
  /** Characters of title + text of live stories. */
  textChars: number;
  fpBuckets: number;
  termBuckets: number;
  /** Approximate bytes of packed postings. */
  postingBytes: number;
}

export class DexieBackend implements IndexBackend {
  /** Batches are merged into the posting rows at once while the rows hold fewer fingerprint
   *  postings than this (DIRECT_MERGE_BELOW; tests set 0 to exercise pending postings). */
  directMergeBelow = DIRECT_MERGE_BELOW;
  /** Where the last putStories batch's time went (for the import's timings). */
  lastWriteSteps?: AddResult['steps'];

  constructor(readonly db: StoryTraceDb) {}

  /** Opens (creating or upgrading) a database and returns a backend on it. */
  static async open(name?: string): Promise<DexieBackend> {
    const db = openDb(name);
    await db.open();
    return new DexieBackend(db);
  }

  close(): void {
    this.db.close();
  }

  // ------------------------------------------------------------------ collections

  async ensureCollection(info: { id: string; name: string }): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.collections, db.meta, async () => {
      const existing = await db.collections.get(info.id);
      if (existing) {
        if (existing.state === 'deleting') throw new Error(`Collection "${existing.name}" is being deleted`);
        return;
      }
      const counters = await this.counters();
      await db.collections.add({
        id: info.id,
        number: counters.nextCollection,
        name: info.name,
        enabled: true,
        state: 'ready',
        stories: 0,
        bytes: 0,
        importedAt: new Date().toISOString(),
        nextSeq: 0,
      });
      await db.meta.put({ ...counters, nextCollection: counters.nextCollection + 1 });
    });
  }

  async setCollectionEnabled(collectionId: string, enabled: boolean): Promise<void> {
    await this.db.collections.update(collectionId, { enabled: Boolean(enabled) });
  }

  async renameCollection(collectionId: string, name: string): Promise<void> {
    await this.db.collections.update(collectionId, { name });
  }

  async listCollections(): Promise<CollectionInfo[]> {
    return (await this.db.collections.toArray()).filter((c) => c.state === 'ready').map(toInfo);
  }

  /** Every collection, including those still being deleted, oldest first. */
  async listCollectionViews(): Promise<CollectionView[]> {
    const rows = await this.db.collections.orderBy('number').toArray();
    return rows.map((c) => ({ ...toInfo(c), state: c.state }));
  }

  /**
   * Removes a collection: hidden from every query and listing at once (one small transaction),
   * then its stories, postings and statistics are deleted in bounded steps (purgeStep).
   */
  async removeCollection(collectionId: string): Promise<void> {
    await this.markDeleting(collectionId);
    while (await this.purgeStep()) {
      /* each step is its own transaction */
    }
  }

  /** First half of a delete: the collection disappears from queries, counts and listings. */
  async markDeleting(collectionId: string): Promise<boolean> {
    return this.db.transaction('rw', this.db.collections, async () => {
      const c = await this.db.collections.get(collectionId);
      if (!c) return false;
      await this.db.collections.update(collectionId, { state: 'deleting' });
      return true;
    });
  }

  /**
   * One bounded step of deleting the collections marked 'deleting': a slice of story rows, then a
   * range of posting rows (rewritten without dead keys; the position is kept in the collection row,
   * so a stopped worker resumes where it was), then the collection row itself. Returns false when
   * nothing is left to do. Safe to interrupt: every step is atomic and queries already ignore
   * everything of a deleting collection.
   */
  async purgeStep(maxStories = 2000, bucketsPerStep = 512): Promise<boolean> {
    const { db } = this;
    const dying = (await db.collections.toArray()).find((c) => c.state === 'deleting');
    if (!dying) return false;
    const lo = dying.number * KEYS_PER_COLLECTION;
    const storyKeys = await db.stories
      .where(':id')
      .between(lo, lo + KEYS_PER_COLLECTION, true, false)
      .limit(maxStories)
      .primaryKeys();
    if (storyKeys.length) {
      await db.stories.bulkDelete(storyKeys);
      return true;
    }
    // Posting rows: fingerprint rows, then term rows, a slice of keys per step.
    const at = dying.purge ?? { table: 'fp', after: -1 };
    const inFp = at.table === 'fp';
    const table = (inFp ? db.fpBuckets : db.termBuckets) as Table<FpBucket | TermRow, number>;
    await db.transaction('rw', [table, db.collections, db.meta], async () => {
      const alive = await this.aliveNumbers();
      const isAlive = (n: number) => alive.has(n);
      const rows = await table.where(':id').above(at.after).limit(Math.max(1, bucketsPerStep)).toArray();
      if (rows.length === 0) {
        if (inFp) await db.collections.update(dying.id, { purge: { table: 'term', after: -1 } });
        else await db.collections.delete(dying.id);
        return;
      }
      const keep: (FpBucket | TermRow)[] = [];
      const drop: number[] = [];
      // What the layout counts: fingerprint postings, or bytes of term rows.
      let removed = 0;
      for (const row of rows) {
        if (row.colls.every(isAlive)) continue;
        let fresh: FpBucket | TermRow;
        if (inFp) {
          fresh = encodeFp(row.b, mergeFp(decodeFp(row), undefined, isAlive));
          removed += fpCount(row) - fpCount(fresh);
        } else {
          fresh = encodeTermRow(row.b, decodeTermRow(row, isAlive));
          removed += row.data.byteLength - fresh.data.byteLength;
        }
        if (fresh.colls.length === 0) drop.push(row.b);
        else keep.push(fresh);
      }
      await table.bulkDelete(drop);
      await table.bulkPut(keep);
      if (removed !== 0) {
        const key: LayoutKey = inFp ? FP_LAYOUT_KEY : TERM_LAYOUT_KEY;
        const layout = await readLayout(db.meta, key);
        await db.meta.put(layoutRow({ ...layout, postings: Math.max(0, layout.postings - removed) }, key));
      }
      await db.collections.update(dying.id, { purge: { table: at.table, after: rows[rows.length - 1].b } });
    });
    return true;
  }

  // ------------------------------------------------------------------ writing

  /** Stores a batch and merges its postings at once: searchable when this resolves. */
  async putStories(collectionId: string, stories: AnalysedStory[]): Promise<AddResult> {
    const result = await this.putStoriesWithJob(collectionId, stories);
    await this.mergePending();
    return result;
  }

  /**
   * Stores a batch atomically: story rows, its postings as pending rows (dexie/pending.ts: found by
   * page checks once mergePending has run), the collection's counters and (for imports) the job row
   * from `jobAfter`, all in one transaction. Ids already stored in a live collection, or earlier in
   * the batch, are skipped.
   */
  async putStoriesWithJob(collectionId: string, stories: AnalysedStory[], jobAfter?: (r: AddResult) => ImportJob): Promise<AddResult> {
    const { db } = this;
    const t0 = performance.now();
    const steps = { idsMs: 0, storiesMs: 0, postingsMs: 0, totalMs: 0 };
    const since = (t: number) => Math.round(performance.now() - t);
    // A connection at a schema before v5 (the upgrade tests write old databases with this code) has
    // no pending rows: its batches are merged into the posting rows directly, as v4 did.
    const oldSchema = !db.tables.some((t) => t.name === 'pending');
    const postingTables = oldSchema ? [db.fpBuckets, db.termBuckets] : [db.pending, db.fpBuckets, db.termBuckets];
    const result = await db.transaction('rw', [db.stories, db.collections, ...postingTables, db.jobs, db.meta], async () => {
      const coll = await db.collections.get(collectionId);
      if (!coll) throw new Error(`Unknown collection ${collectionId}`);
      if (coll.state !== 'ready') throw new Error(`Collection "${coll.name}" is being deleted`);
      const alive = await this.aliveNumbers();

      // Idempotence: ids already in a live collection are not stored again.
      const ids = [...new Set(stories.map((s) => s.id))];
      const present = new Set<string>();
      if (ids.length)
        await db.stories
          .where('id')
          .anyOf(ids)
          .eachPrimaryKey((pk, cursor) => {
            if (alive.has(collectionOfKey(pk))) present.add(cursor.key as string);
          });

      steps.idsMs = since(t0);
      const rows: StoryRow[] = [];
      let alreadyPresent = 0;
      let chars = 0;
      let seq = coll.nextSeq;
      const postings = new PostingBatch();
      for (const s of stories) {
        if (present.has(s.id)) {
          alreadyPresent++;
          continue;
        }
        present.add(s.id);
        if (seq >= KEYS_PER_COLLECTION) throw new Error('A collection holds at most 16,777,216 stories');
        const key = coll.number * KEYS_PER_COLLECTION + seq++;
        rows.push(packStoryRow(s, key));
        chars += s.title.length + s.text.length;
        postings.add(key, s.fingerprints, s.terms);
      }
      const result: AddResult = { added: rows.length, alreadyPresent };
      if (rows.length) {
        const t1 = performance.now();
        const direct = oldSchema || (await mergesDirectly(db.meta, postings.fpCount, this.directMergeBelow));
        // Merged directly, the rows' reads are queued before the story writes, so the database
        // writes the stories while the rows are merged (see startPostings).
        const merging = direct
          ? await startPostings({ fp: db.fpBuckets, term: db.termBuckets, meta: db.meta }, postings, (c) => alive.has(c))
          : undefined;
        await Promise.all([
          db.stories.bulkAdd(rows).then(() => void (steps.storiesMs = since(t1))),
          (merging ? merging() : queuePending(this.pendingTables(), postings)).then(() => void (steps.postingsMs = since(t1))),
          db.collections.update(collectionId, { stories: coll.stories + rows.length, bytes: coll.bytes + chars, nextSeq: seq }),
        ]);
      }
      if (jobAfter) await db.jobs.put(jobAfter(result));
      return result;
    });
    steps.totalMs = since(t0);
    this.lastWriteSteps = steps;
    return result;
  }

  /** True when enough postings are pending for a merge to be worth its cost (MERGE_GROWTH). */
  mergeDue(): Promise<boolean> {
    return mergeDue(this.db.meta);
  }

  /** Changes whenever what page checks find changes: collections (sizes, enabled) and merges. */
  async corpusGeneration(): Promise<string> {
    const [colls, pending] = await Promise.all([this.db.collections.toArray(), readPendingTotals(this.db.meta)]);
    const parts = colls.map((c) => `${c.id}:${c.state}:${c.enabled ? 1 : 0}:${c.stories}`);
    return `${parts.join('|')}#${pending.seq}:${pending.fp}:${pending.terms}`;
  }

  /** Fingerprint postings stored but not yet merged (their stories are not found yet). */
  async pendingPostings(): Promise<number> {
    return (await readPendingTotals(this.db.meta)).fp;
  }

  /**
   * Merges every pending posting into the posting rows, and grows the layouts as far as they want:
   * one transaction per part of the hash space (one for all parts when little is pending), so each
   * holds a part of the rows in memory and the index is consistent after each. Stops between parts
   * when `signal` aborts (what is left stays pending). Returns whether anything was done.
   * `partsPerStep` (a divisor of PARTS) overrides the cut, for tests. With `drain` false it makes one
   * pass: postings committed while it runs, and growth past the level it reached, wait for a later
   * merge (an import's merges run beside its commits: chasing them rewrote every row again and again;
   * rows can be up to twice their target size meanwhile).
   */
  async mergePending(
    opts: { signal?: AbortSignal; onProgress?: (partsDone: number, parts: number) => void; partsPerStep?: number; drain?: boolean } = {},
  ): Promise<boolean> {
    const { db } = this;
    if (!db.tables.some((t) => t.name === 'pending')) return false;
    const tables = this.pendingTables();
    let worked = false;
    // Each round grows the layouts by at most a level (partLayout), so a few rounds always suffice.
    for (let round = 0; round < 16; round++) {
      const plan = await mergePlan(db.meta);
      if (!plan.needed || (round > 0 && opts.drain === false)) break;
      worked = true;
      const step = opts.partsPerStep ?? (plan.oneStep ? PARTS : 1);
      for (let p = 0; p < PARTS; p += step) {
        if (opts.signal?.aborted) return worked;
        await db.transaction('rw', [db.pending, db.fpBuckets, db.termBuckets, db.meta, db.collections], async () => {
          const alive = await this.aliveNumbers();
          await mergeParts(tables, p, p + step, (c) => alive.has(c));
        });
        opts.onProgress?.(p + step, PARTS);
      }
    }
    return worked;
  }

  private pendingTables(): PendingTables {
    const { db } = this;
    return { pending: db.pending, fp: db.fpBuckets, term: db.termBuckets, meta: db.meta };
  }

  // ------------------------------------------------------------------ reading

  async fingerprintPostings(hashes: number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    const unique = [...new Set(hashes.map((x) => x >>> 0))];
    if (unique.length === 0) return out;
    const [alive, { rows, byRow }] = await Promise.all([
      this.aliveNumbers(),
      this.readLayoutRows<FpBucket>('fpBuckets', FP_LAYOUT_KEY, unique, (h) => h),
    ]);
    const isAlive = (c: number) => alive.has(c);
    rows.forEach((row, i) => {
      if (!row) return;
      const view = fpView(row);
      for (const h of byRow[i]) {
        const keys: number[] = [];
        lookupFp(view, h, isAlive, keys);
        if (keys.length) out.set(h, keys);
      }
    });
    return out;
  }

  /**
   * The rows holding `items` (placed by the 32-bit `rowHash` of each), with the items each holds: the
   * layout and then the rows, read in ONE read-only transaction (an import batch that splits rows
   * commits wholly before or after it), with point gets in key order (neighbouring rows share the
   * storage engine's blocks and caches), straight on IndexedDB: measured ~20% faster than Dexie's
   * bulkGet, whose per-request promise bookkeeping is what a read of small rows mostly costs.
   */
  private async readLayoutRows<Row>(
    store: 'fpBuckets' | 'termBuckets',
    layoutKey: LayoutKey,
    items: number[],
    rowHash: (item: number) => number,
  ): Promise<{ rows: (Row | undefined)[]; byRow: number[][] }> {
    if (!this.db.isOpen()) await this.db.open();
    const idb = this.db.backendDB();
    return new Promise((resolve, reject) => {
      const tx = idb.transaction(['meta', store], 'readonly');
      const keys: number[] = [];
      const byRow: number[][] = [];
      const rows: (Row | undefined)[] = [];
      tx.oncomplete = () => resolve({ rows, byRow });
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('read aborted'));
      const m = tx.objectStore('meta').get(layoutKey);
      m.onsuccess = () => {
        const r = m.result as FpLayoutRow | undefined;
        const layout: FpLayout = r ? { level: r.level, split: r.split, postings: r.postings } : INITIAL_FP_LAYOUT;
        const group = new Map<number, number[]>();
        for (const item of items) {
          const k = fpKey(rowHash(item), layout);
          const list = group.get(k);
          if (list) list.push(item);
          else group.set(k, [item]);
        }
        keys.push(...[...group.keys()].sort((a, b) => a - b));
        for (const k of keys) byRow.push(group.get(k)!);
        const st = tx.objectStore(store);
        keys.forEach((k, i) => {
          const g = st.get(k);
          g.onsuccess = () => void (rows[i] = g.result as Row | undefined);
        });
      };
    });
  }

  async termPostings(terms: string[]): Promise<Map<string, TermPostings>> {
    const byId = new Map<number, string>();
    for (const t of new Set(terms)) if (typeof t === 'string') byId.set(termId(t), t);
    const out = new Map<string, TermPostings>();
    if (byId.size === 0) return out;
    const [alive, { rows, byRow }] = await Promise.all([
      this.aliveNumbers(),
      this.readLayoutRows<TermRow>('termBuckets', TERM_LAYOUT_KEY, [...byId.keys()], termRowHash),
    ]);
    const isAlive = (c: number) => alive.has(c);
    const found: TermEntries = new Map();
    rows.forEach((row, i) => {
      if (row) lookupTermRow(row, byRow[i], isAlive, found);
    });
    for (const [id, e] of found) {
      const df = sumDf(e.df).reduce((s, [, n]) => s + n, 0);
      if (df === 0) continue;
      let { keys, weights } = e;
      if (keys.length > TERM_KEYS_CAP) {
        const idx = keys
          .map((_, i) => i)
          .sort((a, b) => weights[b] - weights[a] || keys[a] - keys[b])
          .slice(0, TERM_KEYS_CAP);
        keys = idx.map((i) => e.keys[i]);
        weights = idx.map((i) => e.weights[i]);
      }
      out.set(byId.get(id)!, { df, keys, weights });
    }
    return out;
  }

  async getStories(keys: number[]): Promise<StoredStory[]> {
    const { db } = this;
    const wanted = keys.filter((k) => Number.isSafeInteger(k) && k >= 0);
    if (wanted.length === 0) return [];
    {
      const [colls, rows] = await Promise.all([db.collections.toArray(), this.getMany<StoryRow>('stories', wanted)]);
      const enabled = new Map(colls.filter((c) => c.state === 'ready' && c.enabled).map((c) => [c.number, c.id]));
      const out: StoredStory[] = [];
      for (const row of rows) {
        const id = row && enabled.get(collectionOfKey(row.key));
        if (row && id) out.push(unpackStoryRow(row, id));
      }
      return out;
    }
  }

  async getStoryById(id: string): Promise<StoredStory | undefined> {
    const { db } = this;
    if (typeof id !== 'string') return undefined;
    return db.transaction('r', db.stories, db.collections, async () => {
      const [colls, rows] = await Promise.all([db.collections.toArray(), db.stories.where('id').equals(id).toArray()]);
      const live = new Map(colls.filter((c) => c.state === 'ready').map((c) => [c.number, c.id]));
      for (const row of rows) {
        const cid = live.get(collectionOfKey(row.key));
        if (cid) return unpackStoryRow(row, cid);
      }
      return undefined;
    });
  }

  async getSignatures(keys: number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    const wanted = keys.filter((k) => Number.isSafeInteger(k) && k >= 0);
    if (wanted.length === 0) return out;
    const [alive, rows] = await Promise.all([this.aliveNumbers(), this.getMany<StoryRow>('stories', wanted)]);
    for (const row of rows) if (row && alive.has(collectionOfKey(row.key))) out.set(row.key, Array.from(rowAnalysis(row).signature));
    return out;
  }

  async storyCount(): Promise<number> {
    const colls = await this.db.collections.toArray();
    return colls.reduce((s, c) => s + (c.state === 'ready' ? c.stories : 0), 0);
  }

  async collectionStories(collectionId: string, afterKey: number, limit: number): Promise<StoredStory[]> {
    const { db } = this;
    const coll = await db.collections.get(collectionId);
    if (!coll || coll.state !== 'ready') return [];
    const lo = coll.number * KEYS_PER_COLLECTION;
    const from = Math.max(lo, Math.floor(Number(afterKey)) + 1);
    const hi = lo + KEYS_PER_COLLECTION;
    if (!(from < hi)) return [];
    const n = Math.max(0, Math.min(10_000, Math.floor(limit)));
    if (n === 0) return [];
    const rows = await db.stories.where(':id').between(from, hi, true, false).limit(n).toArray();
    return rows.map((r) => unpackStoryRow(r, coll.id));
  }

  // ------------------------------------------------------------------ upkeep

  /** Rough sizes (a walk of the posting rows plus the collection rows). */
  async stats(): Promise<IndexStats> {
    const { db } = this;
    const colls = await db.collections.toArray();
    const live = colls.filter((c) => c.state === 'ready');
    let postingBytes = 0;
    await db.fpBuckets.each((r) => void (postingBytes += rowBytes(r)));
    await db.termBuckets.each((r) => void (postingBytes += rowBytes(r)));
    return {
      stories: live.reduce((s, c) => s + c.stories, 0),
      textChars: live.reduce((s, c) => s + c.bytes, 0),
      fpBuckets: await db.fpBuckets.count(),
      termBuckets: await db.termBuckets.count(),
      postingBytes,
    };
  }

  /**
   * Point reads of many keys in one read-only transaction, straight on IndexedDB: the query's hot
   * path (hundreds of bucket rows per page). Measured ~20% faster than Dexie's bulkGet, whose
   * per-request promise bookkeeping is what a read of small rows mostly costs.
   */
  private async getMany<T>(store: 'stories', keys: number[]): Promise<(T | undefined)[]> {
    if (keys.length === 0) return [];
    if (!this.db.isOpen()) await this.db.open();
    const idb = this.db.backendDB();
    return new Promise((resolve, reject) => {
      const tx = idb.transaction(store, 'readonly');
      const st = tx.objectStore(store);
      const out = new Array<T | undefined>(keys.length);
      tx.oncomplete = () => resolve(out);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('read aborted'));
      keys.forEach((k, i) => {
        const r = st.get(k);
        r.onsuccess = () => void (out[i] = r.result as T | undefined);
      });
    });
  }

  /** Numbers of collections whose postings count (ready, enabled or not). */
  async aliveNumbers(): Promise<Set<number>> {
    const colls = await this.db.collections.toArray();
    return new Set(colls.filter((c) => c.state === 'ready').map((c) => c.number));
  }

  /** Must run inside a transaction that includes `meta`. */
  async counters(): Promise<CountersRow> {
    return ((await this.db.meta.get('counters')) as CountersRow | undefined) ?? { ...INITIAL_COUNTERS };
  }
}

function toInfo(c: CollectionRow): CollectionInfo {
  return { id: c.id, name: c.name, enabled: c.enabled, stories: c.stories, bytes: c.bytes, importedAt: c.importedAt };
}
