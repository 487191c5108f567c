// The index the team server tests run on: the PostgreSQL backend on a throwaway real server
// (tests/support/postgres.ts), never a stand-in.
import { openPostgresBackend, type PostgresBackend } from '../../../lib/index/postgres/backend';
import { startPostgres, type PgServer } from '../../support/postgres';

export interface TeamBackend {
  backend: PostgresBackend;
  pg: PgServer;
  close(): Promise<void>;
}

export async function teamBackend(): Promise<TeamBackend> {
  const pg = await startPostgres({ settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } });
  const backend = await openPostgresBackend(pg.url);
  return {
    backend,
    pg,
    async close() {
      await backend.close().catch(() => {});
      await pg.stop();
    },
  };
}
