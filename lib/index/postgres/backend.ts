// IndexBackend on PostgreSQL: a team's shared index. Each putStories batch is one transaction that
// COPYs its stories and its packed posting rows, so a story is visible with all its postings or not
// at all; every read of the query path is one statement. Schema and layout: ./migrations.ts.
import type pg from 'pg';
import { storyRef } from '../story-ref';
import type { AddResult, AnalysedStory, CollectionInfo, IndexBackend, StoredStory, StoryRef, TermPostings } from '../types';
import { fingerprintBucket, fromInt4, termBucket, toInt4 } from './buckets';
import { copyNumbers, copyText } from './copy-text';
import { copyRows, createPool, rows, transaction } from './db';
import { migrate, MIGRATIONS } from './migrations';
import { termPostingsById } from './term-ids';

export interface PostgresBackendOptions {
  /** Schema holding the index (created if missing; default `public`): several indexes can share a
   *  database, one schema each. */
  schema?: string;
  /** Connections in the pool (default 4). */
  maxConnections?: number;
  /** A streaming replica (read-only): no migration is run (the primary's replays onto it); one whose
   *  schema is not the newest this storytrace knows is refused. */
  readOnly?: boolean;
}

/** What compact() did. */
export interface CompactResult {
  fingerprintRowsBefore: number;
  fingerprintRowsAfter: number;
  termRowsBefore: number;
  termRowsAfter: number;
}

/** Keys per collection: a key is collection number × 2^32 + a global story sequence number. */
const KEY_SPACE = 2 ** 32;
/** Keys returned per term, highest weights first (df stays exact), as the other backends do. */
const TERM_KEYS_CAP = 1000;
/** Compaction rewrites the buckets in this many parts, one short transaction each. */
const COMPACT_PARTS = 64;
/** Advisory lock held by a compaction part, so two compactions do not do the same work twice. */
const COMPACT_LOCK = 0x53545453;
/** Conflicts another transaction may cause (unique_violation from a concurrent import of the same
 *  ids, deadlock_detected, serialization_failure): the batch is retried from the start. */
const RETRYABLE = new Set(['23505', '40P01', '40001']);
const RETRIES = 8;

interface StoryRow {
  key: number;
  id: string;
  collection_id: string;
  title: string;
  body?: string;
  url: string | null;
  source: string | null;
  date: string | null;
  published: string | null;
  author: string | null;
  words?: number;
  fingerprints?: number[];
  signature?: number[];
  terms: string;
}

/** Opens (and migrates) the index at a postgres:// URL. */
export async function openPostgresBackend(url: string, options: PostgresBackendOptions = {}): Promise<PostgresBackend> {
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name "${schema}" (lower-case letters, digits, _)`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`invalid database URL "${url}" (expected postgres://user@host:port/database)`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new Error(`invalid database URL "${url}" (expected postgres://user@host:port/database)`);
  const pool = createPool(url, schema, options.maxConnections ?? 4);
  try {
    if (options.readOnly) {
      const [v] = await rows<{ v: number | null }>(pool, 'SELECT max(version) AS v FROM schema_migrations');
      const newest = Math.max(...MIGRATIONS.map((m) => m.version));
      if (v?.v !== newest) throw new Error(`the read-only index at ${parsed.host} holds schema version ${v?.v ?? 'none'}, not ${newest}: migrate its primary first`);
    } else await migrate(pool, schema);
    const meta = await rows<{ name: string; value: string }>(pool, 'SELECT name, value FROM index_meta');
    const bits = (name: string) => Number(meta.find((m) => m.name === name)?.value);
    return new PostgresBackend(pool, schema, bits('fp_bucket_bits'), bits('term_bucket_bits'));
  } catch (e) {
    await pool.end();
    throw e;
  }
}

export class PostgresBackend implements IndexBackend {
  constructor(
    /** The connection pool (for tools and tests that inspect the tables). */
    readonly pool: pg.Pool,
    /** The schema holding the index. */
    readonly schema: string,
    readonly fpBucketBits: number,
    readonly termBucketBits: number,
  ) {}

  /** Closes the connection pool. */
  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Newest schema version applied. */
  async schemaVersion(): Promise<number> {
    const [r] = await rows<{ v: number }>(this.pool, 'SELECT max(version) AS v FROM schema_migrations');
    return r.v;
  }

  async ensureCollection(info: { id: string; name: string }): Promise<void> {
    await this.pool.query('INSERT INTO collections (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [info.id, info.name]);
  }

  async putStories(collectionId: string, stories: AnalysedStory[]): Promise<AddResult> {
    const unique = new Map<string, AnalysedStory>();
    for (const s of stories) if (!unique.has(s.id)) unique.set(s.id, s);
    for (let attempt = 0; ; attempt++) {
      try {
        const added = await transaction(this.pool, (tx) => this.writeBatch(tx, collectionId, [...unique.values()]));
        return { added, alreadyPresent: stories.length - added };
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (attempt < RETRIES && code && RETRYABLE.has(code)) {
          await new Promise((ok) => setTimeout(ok, 5 + Math.random() * 20 * (attempt + 1)));
          continue;
        }
        throw e;
      }
    }
  }

  /** One batch in one transaction; returns the number of stories stored. */
  private async writeBatch(tx: pg.PoolClient, collectionId: string, batch: AnalysedStory[]): Promise<number> {
    // KEY SHARE: concurrent imports proceed together, a removal of the collection waits for them.
    const [c] = await rows<{ number: number }>(tx, 'SELECT number FROM collections WHERE id = $1 FOR KEY SHARE', [collectionId]);
    if (!c) throw new Error(`unknown collection ${collectionId}`);
    if (batch.length === 0) return 0;
    const present = new Set(
      (await rows<{ id: string }>(tx, 'SELECT id FROM stories WHERE id = ANY($1::text[])', [batch.map((s) => s.id)])).map((r) => r.id),
    );
    const fresh = batch.filter((s) => !present.has(s.id));
    if (fresh.length === 0) return 0;
    const seqs = await rows<{ seq: number }>(tx, "SELECT nextval('story_seq') AS seq FROM generate_series(1, $1::int)", [fresh.length]);
    const [{ batch: batchId }] = await rows<{ batch: number }>(tx, "SELECT nextval('posting_batch') AS batch");
    const keys = seqs.map((r) => c.number * KEY_SPACE + r.seq);

    let bytes = 0;
    const terms = new Map<string, { keys: number[]; weights: number[] }>();
    for (let i = 0; i < fresh.length; i++) {
      const s = fresh[i];
      bytes += s.title.length + s.text.length;
      for (const [t, w] of s.terms) {
        let row = terms.get(t);
        if (!row) terms.set(t, (row = { keys: [], weights: [] }));
        row.keys.push(keys[i]);
        row.weights.push(w);
      }
    }
    const storyRows = function* () {
      for (let i = 0; i < fresh.length; i++) {
        const s = fresh[i];
        yield [
          keys[i],
          copyText(s.id),
          c.number,
          copyText(s.title),
          copyText(s.text),
          copyText(s.url),
          copyText(s.source),
          copyText(s.date),
          copyText(s.published),
          copyText(s.author),
          s.words,
          copyNumbers(s.fingerprints.map(toInt4)),
          copyNumbers(s.signature.map(toInt4)),
          copyText(JSON.stringify(s.terms)),
        ].join('\t') + '\n';
      }
    };
    await copyRows(
      tx,
      'COPY stories (key, id, collection, title, body, url, source, date, published, author, words, fingerprints, signature, terms) FROM STDIN',
      storyRows(),
    );
    await copyRows(tx, 'COPY fp_postings (bucket, batch, hashes, keys) FROM STDIN', this.fingerprintRows(fresh, keys, batchId));
    await copyRows(
      tx,
      'COPY term_postings (bucket, term, batch, keys, weights) FROM STDIN',
      mapRows(terms, (t, r) => `${termBucket(t, this.termBucketBits)}\t${copyText(t)}\t${batchId}\t${copyNumbers(r.keys)}\t${copyNumbers(r.weights)}\n`),
    );
    await tx.query('UPDATE collections SET stories = stories + $1, bytes = bytes + $2 WHERE number = $3', [fresh.length, bytes, c.number]);
    return fresh.length;
  }

  /** The batch's fingerprint postings as COPY lines, one per bucket: grouped by a counting sort
   *  over typed arrays (a Map of arrays per bucket cost as much as the rest of the batch). */
  private *fingerprintRows(stories: AnalysedStory[], keys: number[], batchId: number): Generator<string> {
    const buckets = 2 ** this.fpBucketBits;
    const starts = new Uint32Array(buckets + 1);
    let total = 0;
    for (const s of stories) {
      for (const h of s.fingerprints) starts[fingerprintBucket(h, this.fpBucketBits) + 1]++;
      total += s.fingerprints.length;
    }
    for (let b = 0; b < buckets; b++) starts[b + 1] += starts[b];
    const fill = starts.slice(0, buckets);
    const hashes = new Int32Array(total);
    const owners = new Float64Array(total);
    stories.forEach((s, i) => {
      for (const h of s.fingerprints) {
        const at = fill[fingerprintBucket(h, this.fpBucketBits)]++;
        hashes[at] = h;
        owners[at] = keys[i];
      }
    });
    for (let b = 0; b < buckets; b++) {
      const from = starts[b];
      const to = starts[b + 1];
      if (from === to) continue;
      yield `${b}\t${batchId}\t${copyNumbers(hashes.subarray(from, to))}\t${copyNumbers(owners.subarray(from, to))}\n`;
    }
  }

  /** Removes the collection's stories and the collection in one transaction; its posting entries
   *  stop counting at once (every posting read joins the live collections) and are dropped from the
   *  rows by the next compact(). */
  async removeCollection(collectionId: string): Promise<void> {
    await transaction(this.pool, async (tx) => {
      const [c] = await rows<{ number: number }>(tx, 'SELECT number FROM collections WHERE id = $1 FOR UPDATE', [collectionId]);
      if (!c) return;
      await tx.query('DELETE FROM stories WHERE collection = $1', [c.number]);
      await tx.query('DELETE FROM collections WHERE number = $1', [c.number]);
    });
  }

  async setCollectionEnabled(collectionId: string, enabled: boolean): Promise<void> {
    await this.pool.query('UPDATE collections SET enabled = $1 WHERE id = $2', [enabled, collectionId]);
  }

  async listCollections(): Promise<CollectionInfo[]> {
    const found = await rows<{ id: string; name: string; enabled: boolean; stories: number; bytes: number; imported_at: Date }>(
      this.pool,
      'SELECT id, name, enabled, stories, bytes, imported_at FROM collections ORDER BY number',
    );
    return found.map((r) => ({ id: r.id, name: r.name, enabled: r.enabled, stories: r.stories, bytes: r.bytes, importedAt: r.imported_at.toISOString() }));
  }

  async fingerprintPostings(hashes: number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    if (hashes.length === 0) return out;
    const buckets = [...new Set(hashes.map((h) => fingerprintBucket(h, this.fpBucketBits)))];
    const found = await rows<{ h: number; keys: number[] }>(
      this.pool,
      `SELECT u.h, array_agg(u.k ORDER BY u.k) AS keys
       FROM fp_postings p
       CROSS JOIN LATERAL unnest(p.hashes, p.keys) AS u(h, k)
       JOIN (SELECT DISTINCT unnest($1::int4[]) AS h) q ON q.h = u.h
       WHERE p.bucket = ANY($2::int4[])
         AND (u.k >> 32)::int IN (SELECT number FROM collections)
       GROUP BY u.h`,
      [hashes.map(toInt4), buckets],
    );
    for (const r of found) out.set(fromInt4(r.h), r.keys);
    return out;
  }

  async termPostings(terms: string[]): Promise<Map<string, TermPostings>> {
    const out = new Map<string, TermPostings>();
    if (terms.length === 0) return out;
    const buckets = [...new Set(terms.map((t) => termBucket(t, this.termBucketBits)))];
    const found = await rows<{ term: string; df: number; keys: number[]; weights: number[] }>(
      this.pool,
      `WITH q AS (
         SELECT t.term, u.k, u.w
         FROM term_postings t
         CROSS JOIN LATERAL unnest(t.keys, t.weights) AS u(k, w)
         WHERE t.bucket = ANY($1::int4[]) AND t.term = ANY($2::text[])
           AND (u.k >> 32)::int IN (SELECT number FROM collections)
       ), r AS (
         SELECT term, k, w, count(*) OVER (PARTITION BY term) AS df,
                row_number() OVER (PARTITION BY term ORDER BY w DESC, k) AS rn
         FROM q
       )
       SELECT term, df, array_agg(k ORDER BY rn) AS keys, array_agg(w ORDER BY rn) AS weights
       FROM r WHERE rn <= $3 GROUP BY term, df`,
      [buckets, terms, TERM_KEYS_CAP],
    );
    for (const r of found) out.set(r.term, { df: r.df, keys: r.keys, weights: r.weights });
    return out;
  }

  /** Term postings by term id, for the team server (./term-ids.ts). */
  termPostingsById(ids: number[]): Promise<Map<number, TermPostings>> {
    return termPostingsById(this, ids);
  }

  async getStories(keys: number[]): Promise<StoredStory[]> {
    if (keys.length === 0) return [];
    const found = await rows<StoryRow>(
      this.pool,
      `SELECT ${STORY_COLUMNS} FROM stories s JOIN collections c ON c.number = s.collection
       WHERE s.key = ANY($1::int8[]) AND c.enabled`,
      [keys],
    );
    return inKeyOrder(keys, found.map(storedStory));
  }

  async getStoryTerms(keys: number[]): Promise<(StoryRef & { key: number; terms: [string, number][] })[]> {
    if (keys.length === 0) return [];
    const found = await rows<StoryRow>(
      this.pool,
      `SELECT ${REF_COLUMNS}, s.terms FROM stories s JOIN collections c ON c.number = s.collection
       WHERE s.key = ANY($1::int8[]) AND c.enabled`,
      [keys],
    );
    return inKeyOrder(
      keys,
      found.map((r) => ({ ...storyRef(refFields(r)), key: r.key, terms: JSON.parse(r.terms) as [string, number][] })),
    );
  }

  async getStoryById(id: string): Promise<StoredStory | undefined> {
    const [r] = await rows<StoryRow>(this.pool, `SELECT ${STORY_COLUMNS} FROM stories s JOIN collections c ON c.number = s.collection WHERE s.id = $1`, [id]);
    return r ? storedStory(r) : undefined;
  }

  async getSignatures(keys: number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    if (keys.length === 0) return out;
    const found = await rows<{ key: number; signature: number[] }>(this.pool, 'SELECT key, signature FROM stories WHERE key = ANY($1::int8[])', [keys]);
    for (const r of found) out.set(r.key, r.signature.map(fromInt4));
    return out;
  }

  async storyCount(): Promise<number> {
    const [r] = await rows<{ n: number }>(this.pool, 'SELECT coalesce(sum(stories), 0)::int8 AS n FROM collections');
    return r.n;
  }

  async collectionStories(collectionId: string, afterKey: number, limit: number): Promise<StoredStory[]> {
    const found = await rows<StoryRow>(
      this.pool,
      `SELECT ${STORY_COLUMNS} FROM stories s JOIN collections c ON c.number = s.collection
       WHERE c.id = $1 AND s.key > $2 ORDER BY s.key LIMIT $3`,
      [collectionId, afterKey, limit],
    );
    return found.map(storedStory);
  }

  /**
   * Folds each bucket's posting rows (one per import batch) into one, sorted by hash, and drops the
   * entries of removed collections. Reads stay correct without it; they read fewer, denser rows
   * after it. Runs part by part in short transactions beside imports and queries: an import's rows
   * committed meanwhile are left for the next compaction.
   */
  async compact(): Promise<CompactResult> {
    const count = async (table: 'fp_postings' | 'term_postings') => (await rows<{ n: number }>(this.pool, `SELECT count(*)::int8 AS n FROM ${table}`))[0].n;
    const before = { fp: await count('fp_postings'), term: await count('term_postings') };
    for (let part = 0; part < COMPACT_PARTS; part++) {
      const range = (bits: number) => {
        const size = 2 ** bits / COMPACT_PARTS;
        return [part * size, (part + 1) * size];
      };
      const [fpLo, fpHi] = range(this.fpBucketBits);
      const [tLo, tHi] = range(this.termBucketBits);
      await transaction(this.pool, async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [COMPACT_LOCK, part]);
        const [{ batch }] = await rows<{ batch: number }>(tx, "SELECT nextval('posting_batch') AS batch");
        await tx.query(
          `WITH old AS (DELETE FROM fp_postings WHERE bucket >= $1 AND bucket < $2 RETURNING bucket, hashes, keys)
           INSERT INTO fp_postings (bucket, batch, hashes, keys)
           SELECT o.bucket, $3, array_agg(u.h ORDER BY u.h, u.k), array_agg(u.k ORDER BY u.h, u.k)
           FROM old o CROSS JOIN LATERAL unnest(o.hashes, o.keys) AS u(h, k)
           WHERE (u.k >> 32)::int IN (SELECT number FROM collections)
           GROUP BY o.bucket`,
          [fpLo, fpHi, batch],
        );
        await tx.query(
          `WITH old AS (DELETE FROM term_postings WHERE bucket >= $1 AND bucket < $2 RETURNING bucket, term, keys, weights)
           INSERT INTO term_postings (bucket, term, batch, keys, weights)
           SELECT o.bucket, o.term, $3, array_agg(u.k ORDER BY u.w DESC, u.k), array_agg(u.w ORDER BY u.w DESC, u.k)
           FROM old o CROSS JOIN LATERAL unnest(o.keys, o.weights) AS u(k, w)
           WHERE (u.k >> 32)::int IN (SELECT number FROM collections)
           GROUP BY o.bucket, o.term`,
          [tLo, tHi, batch],
        );
      });
    }
    return {
      fingerprintRowsBefore: before.fp,
      fingerprintRowsAfter: await count('fp_postings'),
      termRowsBefore: before.term,
      termRowsAfter: await count('term_postings'),
    };
  }
}

const REF_COLUMNS = 's.key, s.id, c.id AS collection_id, s.title, s.url, s.source, s.date, s.published, s.author';
const STORY_COLUMNS = `${REF_COLUMNS}, s.body, s.words, s.fingerprints, s.signature, s.terms`;

function* mapRows<K, V>(map: Map<K, V>, row: (k: K, v: V) => string): Generator<string> {
  for (const [k, v] of map) yield row(k, v);
}

function refFields(r: StoryRow): StoryRef {
  const ref: StoryRef = { id: r.id, title: r.title, collection: r.collection_id };
  if (r.url !== null) ref.url = r.url;
  if (r.source !== null) ref.source = r.source;
  if (r.date !== null) ref.date = r.date;
  if (r.published !== null) ref.published = r.published;
  if (r.author !== null) ref.author = r.author;
  return ref;
}

function storedStory(r: StoryRow): StoredStory {
  const ref = refFields(r);
  return {
    ...ref,
    text: r.body!,
    key: r.key,
    collection: r.collection_id,
    words: r.words!,
    fingerprints: r.fingerprints!.map(fromInt4),
    signature: r.signature!.map(fromInt4),
    terms: JSON.parse(r.terms) as [string, number][],
  };
}

/** The rows in the order of the keys asked for (as the other backends answer). */
function inKeyOrder<T extends { key: number }>(keys: number[], rows: T[]): T[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const out: T[] = [];
  for (const k of keys) {
    const r = byKey.get(k);
    if (r) out.push(r);
  }
  return out;
}
