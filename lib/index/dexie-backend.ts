// IndexBackend on IndexedDB (Dexie): stories as rows, postings as packed chunks per hash bucket,
// every import batch one atomic transaction, every query a handful of point and range reads.
import type { AddResult, AnalysedStory, CollectionInfo, IndexBackend, StoredStory, TermPostings } from './types';
import type { ImportJob } from '../import/job-types';
import {
  KEYS_PER_COLLECTION,
  MAX_CHUNK_SEQ,
  TERM_KEYS_CAP,
  bucketRange,
  buildFpChunks,
  buildTermChunks,
  chunkBucket,
  chunkBytes,
  chunkKey,
  chunkLevel,
  collectionOfKey,
  fpBucket,
  lookupFp,
  lookupTerm,
  mergeFpChunks,
  mergeTermChunks,
  sumDf,
  termBucket,
  type FpChunk,
  type TermChunk,
  type TermEntry,
} from './dexie-chunks';
import { INITIAL_COUNTERS, openDb, type CollectionRow, type CountersRow, type StoryRow, type StoryTraceDb, type Table } from './dexie-db';

/** Parts a single merge or batch may split one bucket's chunk into (see partKeys). */
export const PARTS_PER_RUN = 64;

/** A collection as the options page lists it (with its state while it is being deleted). */
export interface CollectionView extends CollectionInfo {
  state: CollectionRow['state'];
}

/** Rough sizes of what the index stores (for the options page and the benchmark). */
export interface IndexStats {
  stories: number;
  /** Characters of title + text of live stories. */
  textChars: number;
  fpChunks: number;
  termChunks: number;
  /** Approximate bytes of packed postings. */
  postingBytes: number;
}

export class DexieBackend implements IndexBackend {
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
   * One bounded step of deleting the collections marked 'deleting': a slice of story rows, then the
   * chunks holding their postings (rewritten without them), then the collection row itself.
   * Returns false when nothing is left to do. Safe to interrupt: every step is atomic and queries
   * already ignore everything of a deleting collection.
   */
  async purgeStep(maxStories = 2000, maxChunks = 300): Promise<boolean> {
    const { db } = this;
    const dying = (await db.collections.toArray()).find((c) => c.state === 'deleting');
    if (!dying) return false;
    const lo = dying.number * KEYS_PER_COLLECTION;
    const storyKeys = await db.stories.where(':id').between(lo, lo + KEYS_PER_COLLECTION, true, false).limit(maxStories).primaryKeys();
    if (storyKeys.length) {
      await db.stories.bulkDelete(storyKeys);
      return true;
    }
    for (const table of ['fpChunks', 'termChunks'] as const) {
      const done = await db.transaction('rw', db[table], db.collections, db.meta, async () => {
        const chunks: (FpChunk | TermChunk)[] = await db[table].where('colls').equals(dying.number).limit(maxChunks).toArray();
        if (chunks.length === 0) return true;
        const alive = await this.aliveNumbers();
        const isAlive = (n: number) => alive.has(n);
        const run = await this.takeRunSeq();
        // Chunks of one bucket and level are rewritten together (as one merged run of that level).
        const groups = new Map<number, (FpChunk | TermChunk)[]>();
        for (const c of chunks) {
          const g = chunkKey(chunkBucket(c.k), chunkLevel(c.k), 0);
          const list = groups.get(g);
          if (list) list.push(c);
          else groups.set(g, [c]);
        }
        const fresh: (FpChunk | TermChunk)[] = [];
        for (const list of groups.values()) {
          const mk = partKeys(chunkBucket(list[0].k), chunkLevel(list[0].k), run);
          if ('hs' in list[0]) fresh.push(...mergeFpChunks(list as FpChunk[], isAlive, mk));
          else fresh.push(...mergeTermChunks(list as TermChunk[], isAlive, mk));
        }
        await db[table].bulkDelete(chunks.map((c) => c.k));
        if (fresh.length) await (db[table] as Table<FpChunk | TermChunk, number>).bulkAdd(fresh);
        return false;
      });
      if (!done) return true;
    }
    await db.collections.delete(dying.id);
    return true;
  }

  // ------------------------------------------------------------------ writing

  putStories(collectionId: string, stories: AnalysedStory[]): Promise<AddResult> {
    return this.putStoriesWithJob(collectionId, stories);
  }

  /**
   * Stores a batch atomically: story rows, one level-0 chunk per touched posting bucket, the
   * collection's counters and (for imports) the job row from `jobAfter`, all in one transaction.
   * Ids already stored in a live collection, or earlier in the batch, are skipped.
   */
  async putStoriesWithJob(collectionId: string, stories: AnalysedStory[], jobAfter?: (r: AddResult) => ImportJob): Promise<AddResult> {
    const { db } = this;
    return db.transaction('rw', [db.stories, db.collections, db.fpChunks, db.termChunks, db.meta, db.jobs], async () => {
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

      const rows: StoryRow[] = [];
      let alreadyPresent = 0;
      let chars = 0;
      let seq = coll.nextSeq;
      const fp = new Map<number, { hs: number[]; ks: number[] }>();
      const terms = new Map<number, Map<string, TermEntry>>();
      for (const s of stories) {
        if (present.has(s.id)) {
          alreadyPresent++;
          continue;
        }
        present.add(s.id);
        if (seq >= KEYS_PER_COLLECTION) throw new Error('A collection holds at most 16,777,216 stories');
        const key = coll.number * KEYS_PER_COLLECTION + seq++;
        rows.push(toRow(s, key));
        chars += s.title.length + s.text.length;
        for (const h of s.fingerprints) {
          const b = fpBucket(h);
          let g = fp.get(b);
          if (!g) fp.set(b, (g = { hs: [], ks: [] }));
          g.hs.push(h);
          g.ks.push(key);
        }
        for (const [t, w] of s.terms) {
          const b = termBucket(t);
          let m = terms.get(b);
          if (!m) terms.set(b, (m = new Map()));
          const e = m.get(t);
          if (e) e.df[0][1]++, e.keys.push(key), e.weights.push(w);
          else m.set(t, { df: [[coll.number, 1]], keys: [key], weights: [w] });
        }
      }
      const result: AddResult = { added: rows.length, alreadyPresent };
      if (rows.length) {
        const run = await this.takeRunSeq(true);
        const fpChunks: FpChunk[] = [];
        for (const [b, g] of fp) fpChunks.push(...buildFpChunks(g.hs, g.ks, partKeys(b, 0, run)));
        const termChunks: TermChunk[] = [];
        for (const [b, m] of terms) termChunks.push(...buildTermChunks(m, partKeys(b, 0, run)));
        await db.stories.bulkAdd(rows);
        await db.fpChunks.bulkAdd(fpChunks);
        await db.termChunks.bulkAdd(termChunks);
        await db.collections.update(collectionId, { stories: coll.stories + rows.length, bytes: coll.bytes + chars, nextSeq: seq });
      }
      if (jobAfter) await db.jobs.put(jobAfter(result));
      return result;
    });
  }

  // ------------------------------------------------------------------ reading

  async fingerprintPostings(hashes: number[]): Promise<Map<number, number[]>> {
    const { db } = this;
    const byBucket = new Map<number, number[]>();
    for (const h of new Set(hashes.map((x) => x >>> 0))) {
      const b = fpBucket(h);
      const list = byBucket.get(b);
      if (list) list.push(h);
      else byBucket.set(b, [h]);
    }
    const out = new Map<number, number[]>();
    if (byBucket.size === 0) return out;
    await db.transaction('r', db.fpChunks, db.collections, async () => {
      const buckets = [...byBucket.keys()];
      const [alive, lists] = await Promise.all([
        this.aliveNumbers(),
        Promise.all(buckets.map((b) => db.fpChunks.where(':id').between(...bucketRange(b), true, false).toArray())),
      ]);
      const isAlive = (c: number) => alive.has(c);
      buckets.forEach((b, i) => {
        for (const h of byBucket.get(b)!) {
          const keys: number[] = [];
          for (const chunk of lists[i]) lookupFp(chunk, h, isAlive, keys);
          if (keys.length) out.set(h, keys);
        }
      });
    });
    return out;
  }

  async termPostings(terms: string[]): Promise<Map<string, TermPostings>> {
    const { db } = this;
    const byBucket = new Map<number, string[]>();
    for (const t of new Set(terms)) {
      if (typeof t !== 'string') continue;
      const b = termBucket(t);
      const list = byBucket.get(b);
      if (list) list.push(t);
      else byBucket.set(b, [t]);
    }
    const out = new Map<string, TermPostings>();
    if (byBucket.size === 0) return out;
    await db.transaction('r', db.termChunks, db.collections, async () => {
      const buckets = [...byBucket.keys()];
      const [alive, lists] = await Promise.all([
        this.aliveNumbers(),
        Promise.all(buckets.map((b) => db.termChunks.where(':id').between(...bucketRange(b), true, false).toArray())),
      ]);
      const isAlive = (c: number) => alive.has(c);
      const found = new Map<string, TermEntry>();
      buckets.forEach((b, i) => {
        for (const t of byBucket.get(b)!) for (const chunk of lists[i]) lookupTerm(chunk, t, isAlive, found);
      });
      for (const [t, e] of found) {
        const df = sumDf(e.df).reduce((s, [, n]) => s + n, 0);
        if (df === 0) continue;
        let { keys, weights } = e;
        if (keys.length > TERM_KEYS_CAP) {
          const idx = keys.map((_, i) => i).sort((a, b) => weights[b] - weights[a] || keys[a] - keys[b]).slice(0, TERM_KEYS_CAP);
          keys = idx.map((i) => e.keys[i]);
          weights = idx.map((i) => e.weights[i]);
        }
        out.set(t, { df, keys, weights });
      }
    });
    return out;
  }

  async getStories(keys: number[]): Promise<StoredStory[]> {
    const { db } = this;
    const wanted = keys.filter((k) => Number.isSafeInteger(k) && k >= 0);
    if (wanted.length === 0) return [];
    return db.transaction('r', db.stories, db.collections, async () => {
      const [colls, rows] = await Promise.all([db.collections.toArray(), db.stories.bulkGet(wanted)]);
      const enabled = new Map(colls.filter((c) => c.state === 'ready' && c.enabled).map((c) => [c.number, c.id]));
      const out: StoredStory[] = [];
      for (const row of rows) {
        const id = row && enabled.get(collectionOfKey(row.key));
        if (row && id) out.push(fromRow(row, id));
      }
      return out;
    });
  }

  async getStoryById(id: string): Promise<StoredStory | undefined> {
    const { db } = this;
    if (typeof id !== 'string') return undefined;
    return db.transaction('r', db.stories, db.collections, async () => {
      const [colls, rows] = await Promise.all([db.collections.toArray(), db.stories.where('id').equals(id).toArray()]);
      const live = new Map(colls.filter((c) => c.state === 'ready').map((c) => [c.number, c.id]));
      for (const row of rows) {
        const cid = live.get(collectionOfKey(row.key));
        if (cid) return fromRow(row, cid);
      }
      return undefined;
    });
  }

  async getSignatures(keys: number[]): Promise<Map<number, number[]>> {
    const { db } = this;
    const out = new Map<number, number[]>();
    const wanted = keys.filter((k) => Number.isSafeInteger(k) && k >= 0);
    if (wanted.length === 0) return out;
    await db.transaction('r', db.stories, db.collections, async () => {
      const [alive, rows] = await Promise.all([this.aliveNumbers(), db.stories.bulkGet(wanted)]);
      for (const row of rows) if (row && alive.has(collectionOfKey(row.key))) out.set(row.key, Array.from(row.sig));
    });
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
    return rows.map((r) => fromRow(r, coll.id));
  }

  // ------------------------------------------------------------------ upkeep

  /** Import batches written since the last compaction pass. */
  async batchesSinceCompaction(): Promise<number> {
    return (await this.db.meta.get('counters'))?.batchesSinceCompaction ?? 0;
  }

  /** Rough sizes (a keys-only walk of the chunk tables plus the collection rows). */
  async stats(): Promise<IndexStats> {
    const { db } = this;
    const colls = await db.collections.toArray();
    const live = colls.filter((c) => c.state === 'ready');
    let postingBytes = 0;
    await db.fpChunks.each((c) => void (postingBytes += chunkBytes(c)));
    await db.termChunks.each((c) => void (postingBytes += chunkBytes(c)));
    return {
      stories: live.reduce((s, c) => s + c.stories, 0),
      textChars: live.reduce((s, c) => s + c.bytes, 0),
      fpChunks: await db.fpChunks.count(),
      termChunks: await db.termChunks.count(),
      postingBytes,
    };
  }

  /** Numbers of collections whose postings count (ready, enabled or not). */
  async aliveNumbers(): Promise<Set<number>> {
    const colls = await this.db.collections.toArray();
    return new Set(colls.filter((c) => c.state === 'ready').map((c) => c.number));
  }

  /** Must run inside a transaction that includes `meta`. */
  async counters(): Promise<CountersRow> {
    return (await this.db.meta.get('counters')) ?? { ...INITIAL_COUNTERS };
  }

  /**
   * A fresh run number for chunk keys (seq = run × PARTS_PER_RUN + part). Runs wrap after 2M; by
   * then every chunk of an old run has long been merged away. Call inside a transaction with `meta`.
   */
  async takeRunSeq(isBatch = false): Promise<number> {
    const c = await this.counters();
    const run = c.nextChunkSeq % Math.floor((MAX_CHUNK_SEQ + 1) / PARTS_PER_RUN);
    await this.db.meta.put({
      ...c,
      nextChunkSeq: c.nextChunkSeq + 1,
      batchesSinceCompaction: c.batchesSinceCompaction + (isBatch ? 1 : 0),
    });
    return run;
  }
}

function toInfo(c: CollectionRow): CollectionInfo {
  return { id: c.id, name: c.name, enabled: c.enabled, stories: c.stories, bytes: c.bytes, importedAt: c.importedAt };
}

function toRow(s: AnalysedStory, key: number): StoryRow {
  const row: StoryRow = {
    key,
    id: s.id,
    title: s.title,
    text: s.text,
    words: s.words,
    fp: Uint32Array.from(s.fingerprints),
    sig: Uint32Array.from(s.signature),
    terms: s.terms,
  };
  if (s.url) row.url = s.url;
  if (s.source) row.source = s.source;
  if (s.date) row.date = s.date;
  if (s.author) row.author = s.author;
  return row;
}

function fromRow(r: StoryRow, collection: string): StoredStory {
  const s: StoredStory = {
    key: r.key,
    collection,
    id: r.id,
    title: r.title,
    text: r.text,
    words: r.words,
    fingerprints: Array.from(r.fp),
    signature: Array.from(r.sig),
    terms: r.terms,
  };
  if (r.url) s.url = r.url;
  if (r.source) s.source = r.source;
  if (r.date) s.date = r.date;
  if (r.author) s.author = r.author;
  return s;
}

/**
 * Key maker for the parts of one run in one bucket and level. A run (one batch, one merge step) takes
 * one sequence number for all buckets; its parts in a bucket are seq × PARTS_PER_RUN + part, so
 * compaction can count runs from keys alone.
 */
export function partKeys(bucket: number, level: number, run: number): () => number {
  let part = 0;
  return () => {
    if (part >= PARTS_PER_RUN) throw new Error(`Posting bucket ${bucket} overflows ${PARTS_PER_RUN} chunks in one run`);
    return chunkKey(bucket, level, run * PARTS_PER_RUN + part++);
  };
}

/** The run a chunk key belongs to. */
export function runOfKey(key: number): number {
  return Math.floor((key % 2 ** 27) / PARTS_PER_RUN);
}
