// Versioned schema of the PostgreSQL index: the versions a database lacks are applied in order in one
// transaction under an advisory lock and recorded in schema_migrations, so a failed upgrade leaves
// the previous version whole. A version once released is never edited: a change is a new version.
import type pg from 'pg';
import { rows, transaction } from './db';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Layout. Every posting table leads with `bucket` (the hash's top bits), the column a Citus-style
 * cluster distributes by (`create_distributed_table('fp_postings', 'bucket')`): a query for a
 * fingerprint or a term touches only the shards of its buckets and an import writes to all of them
 * in parallel. A posting row packs every (hash, key) pair of one bucket written by one import batch
 * (`batch`); compaction folds a bucket's rows into one. Story keys are collection number × 2^32 +
 * a global sequence number, so a posting names its collection without a lookup: postings of a
 * removed collection are dropped by a join on `collections` at once and by compaction for good.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'collections, stories, packed postings',
    sql: `
      CREATE TABLE index_meta (name text PRIMARY KEY, value text NOT NULL);
      INSERT INTO index_meta VALUES ('fp_bucket_bits', '18'), ('term_bucket_bits', '16');
      CREATE SEQUENCE collection_number MAXVALUE 2097151;
      CREATE SEQUENCE story_seq MAXVALUE 4294967295;
      CREATE SEQUENCE posting_batch;
      CREATE TABLE collections (
        number int PRIMARY KEY DEFAULT nextval('collection_number'),
        id text NOT NULL UNIQUE,
        name text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        imported_at timestamptz NOT NULL DEFAULT now(),
        stories bigint NOT NULL DEFAULT 0,
        bytes bigint NOT NULL DEFAULT 0
      );
      CREATE TABLE stories (
        key bigint PRIMARY KEY,
        id text NOT NULL UNIQUE,
        collection int NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        url text, source text, date text, published text, author text,
        words int NOT NULL,
        fingerprints int4[] NOT NULL,
        signature int4[] NOT NULL,
        terms text NOT NULL
      );
      CREATE INDEX stories_collection ON stories (collection, key);
      CREATE TABLE fp_postings (
        bucket int NOT NULL,
        batch bigint NOT NULL,
        hashes int4[] NOT NULL,
        keys int8[] NOT NULL,
        PRIMARY KEY (bucket, batch)
      );
      CREATE TABLE term_postings (
        bucket int NOT NULL,
        term text NOT NULL,
        batch bigint NOT NULL,
        keys int8[] NOT NULL,
        weights float8[] NOT NULL,
        PRIMARY KEY (bucket, term, batch)
      );`,
  },
  {
    version: 2,
    name: 'lz4 for story text and analysis',
    // pglz, the default, cost more server time than the rest of an import's COPY of a story row;
    // lz4 compresses news text about as well at a fraction of it. Kept as pglz on a server built
    // without lz4.
    sql: `
      DO $$ BEGIN
        ALTER TABLE stories ALTER COLUMN body SET COMPRESSION lz4,
                            ALTER COLUMN terms SET COMPRESSION lz4,
                            ALTER COLUMN fingerprints SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported THEN NULL;
      END $$;`,
  },
];

/** Arbitrary constant naming the migration lock among advisory locks. */
const MIGRATION_LOCK = 0x53545452;

/** Brings the schema (the pool's search_path, created if missing) up to the newest version; returns it. */
export async function migrate(pool: pg.Pool, schema: string, migrations: Migration[] = MIGRATIONS): Promise<number> {
  return transaction(pool, async (tx) => {
    // Held to the end of this transaction: a second process opening the index waits here, then
    // finds the versions already applied.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await rows<{ version: number }>(tx, 'SELECT version FROM schema_migrations')).map((r) => r.version));
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...done].filter((v) => !known.has(v));
    if (unknown.length) throw new Error(`the database holds schema version ${Math.max(...unknown)}, newer than this storytrace knows: upgrade storytrace`);
    let version = done.size ? Math.max(...done) : 0;
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await tx.query(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      version = m.version;
    }
    return version;
  });
}
