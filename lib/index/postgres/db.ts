// The few things the PostgreSQL backend does with node-postgres: a pool whose int8 values are JS
// numbers, typed row queries, transactions, and COPY … FROM STDIN streams.
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type Db = pg.Pool | pg.PoolClient;

const INT8 = 20;
const INT8_ARRAY = 1016;

/** int8 (and int8[]) as JS numbers: story keys stay below 2^53 (collection number < 2^21) and
 *  counts far below. Set per pool, not on pg's global parsers, which other code may rely on. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === INT8_ARRAY) {
      const parseArray = pg.types.getTypeParser(INT8_ARRAY as never, 'text') as (v: string) => (string | null)[];
      return (v: string) => parseArray(v).map(Number);
    }
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as typeof pg.types.getTypeParser,
};

export function createPool(url: string, schema: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'storytrace', options: `-c search_path=${schema}`, types });
  // An idle connection dropped by the server (restart, terminate) must not crash the process: the
  // pool replaces it on the next query.
  pool.on('error', () => {});
  return pool;
}

export async function rows<T>(db: Db, text: string, values: unknown[] = []): Promise<T[]> {
  return (await db.query(text, values)).rows as T[];
}

/** Runs `fn` in a transaction on one connection of the pool; rolls back when it throws. */
export async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection lost mid-transaction reports on the client as well as on the query: keep it from
  // becoming an unhandled error event; the query's own rejection carries it to the caller.
  const lost = (e: Error) => (broken = e);
  client.on('error', lost);
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    try {
      await client.query('ROLLBACK');
    } catch (rollback) {
      // The connection is gone (server restart, terminated backend): drop it from the pool.
      broken = rollback as Error;
    }
    throw e;
  } finally {
    client.off('error', lost);
    client.release(broken ?? false);
  }
}

/** Streams rows into a COPY … FROM STDIN in chunks of about 1 MB; resolves once the server has
 *  taken them all, rejects (and the transaction is to be rolled back) when it refuses one. */
export async function copyRows(client: pg.PoolClient, sql: string, lines: Iterable<string>): Promise<void> {
  const stream = client.query(copyFrom(sql));
  const done = finished(stream);
  done.catch(() => {}); // awaited below; a refusal met while writing must not go unhandled meanwhile
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= 2 ** 20) {
      if (stream.destroyed) break;
      if (!stream.write(chunk)) await Promise.race([new Promise((ok) => stream.once('drain', ok)), done]);
      chunk = '';
    }
  }
  if (!stream.destroyed) stream.end(chunk);
  await done;
}
