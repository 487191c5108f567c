// The PostgreSQL harness itself: a real server starts, restarts, replicates and is removed.
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres, type PgServer } from './postgres';

describe('tests/support/postgres', () => {
  let server: PgServer | undefined;
  afterAll(async () => server?.stop());

  it('starts a throwaway server, survives a restart, streams to a replica and cleans up', async () => {
    server = await startPostgres({ settings: { fsync: 'off' } });
    expect(server.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/storytrace$/);
    await server.sql('CREATE TABLE t (x int); INSERT INTO t VALUES (1), (2)');
    await server.restart('immediate');
    expect(await server.sql('SELECT sum(x) FROM t')).toEqual([['3']]);

    const replica = await server.startReplica();
    expect(replica.port).not.toBe(server.port);
    await server.sql('INSERT INTO t VALUES (4)');
    await server.waitForReplicas();
    expect(await replica.sql('SELECT sum(x) FROM t')).toEqual([['7']]);
    expect(await replica.sql('SELECT pg_is_in_recovery()')).toEqual([['t']]);

    const dirs = [server.dir, replica.dir];
    await server.stop();
    server = undefined;
    for (const d of dirs) expect(existsSync(d)).toBe(false);
  }, 120_000);
});
