// `storytrace serve --db URL [--read-db URL] --listen HOST:PORT --tokens FILE`: the team index's
// HTTP API (lib/server) on the PostgreSQL index, checks read from the replica when --read-db is
// given. JSON logs on stderr; SIGTERM or SIGINT let requests under way finish, then exit 0.
import { readFile } from 'node:fs/promises';
import { openPostgresBackend, type PostgresBackend } from '../index/postgres/backend';
import { jsonLogger, type Logger } from '../server/log';
import { createTeamServer, DEFAULT_LIMITS, type ServerLimits } from '../server/team-server';
import { TokenTable } from '../server/tokens';

export interface ServeArgs {
  db: string;
  readDb?: string;
  host: string;
  port: number;
  tokens: string;
  limits: Partial<ServerLimits>;
  /** Connections per pool (primary and replica each). */
  connections: number;
}

export const SERVE_USAGE = `  storytrace serve --db URL [--read-db URL] --listen HOST:PORT --tokens FILE
                   [--rate N] [--burst N] [--max-import-mb N] [--timeout-ms N] [--connections N]
      Serve the team index over HTTP (JSON API under /v1/) to the team's extensions and scripts.
      --tokens: JSON [{"analyst", "token" (or "sha256"), "access": "read"|"write", "expires"?}].
      --rate/--burst: requests per second per analyst (default ${DEFAULT_LIMITS.rate.perSecond}/${DEFAULT_LIMITS.rate.burst}).`;

export function parseServeArgs(args: string[], usage: (msg: string) => Error): ServeArgs {
  const a: ServeArgs = { db: '', host: '', port: -1, tokens: '', limits: {}, connections: 8 };
  const rate = { ...DEFAULT_LIMITS.rate };
  const num = (arg: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw usage(`${arg} needs a number of at least ${min}`);
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw usage(`${arg} needs a value`);
      return v;
    };
    if (arg === '--db') a.db = value();
    else if (arg === '--read-db') a.readDb = value();
    else if (arg === '--tokens') a.tokens = value();
    else if (arg === '--listen') {
      const m = /^(\[[0-9a-f:]+\]|[^:]+):(\d{1,5})$/i.exec(value());
      if (!m || Number(m[2]) > 65535) throw usage('--listen needs HOST:PORT, e.g. 127.0.0.1:8787');
      a.host = m[1].replace(/^\[|\]$/g, '');
      a.port = Number(m[2]);
    } else if (arg === '--rate') rate.perSecond = num(arg, value(), 0.01);
    else if (arg === '--burst') rate.burst = num(arg, value(), 1);
    else if (arg === '--max-import-mb') a.limits.maxImportBytes = num(arg, value(), 0.001) * 1024 * 1024;
    else if (arg === '--timeout-ms') a.limits.handlerTimeoutMs = num(arg, value(), 10);
    else if (arg === '--connections') a.connections = Math.floor(num(arg, value(), 1));
    else throw usage(`unknown argument ${arg}`);
  }
  if (!a.db) throw usage('serve needs --db postgres://user@host:port/database');
  if (!a.tokens) throw usage('serve needs --tokens FILE');
  if (a.port < 0) throw usage('serve needs --listen HOST:PORT');
  a.limits.rate = rate;
  return a;
}

/** Runs until SIGTERM or SIGINT (or `stop` resolves, for tests); returns the exit code. */
export async function serveCommand(a: ServeArgs, log: Logger = jsonLogger(), stop?: Promise<unknown>): Promise<number> {
  const tokens = TokenTable.parse(await readFile(a.tokens, 'utf8'));
  if (tokens.size === 0) throw new Error(`${a.tokens} lists no token: nobody could use the server`);
  const primary = await openPostgresBackend(a.db, { maxConnections: a.connections });
  let read: PostgresBackend = primary;
  try {
    if (a.readDb) read = await openReplica(a.readDb, a.connections);
    const team = createTeamServer({ primary, read, tokens, log, limits: a.limits, version: 'storytrace-1' });
    const bound = await team.listen(a.host, a.port);
    log.info('serving', { host: bound.host, port: bound.port, readDb: !!a.readDb, analysts: tokens.size });
    const signal = await new Promise<string>((resolve) => {
      const on = (s: string) => () => resolve(s);
      process.once('SIGTERM', on('SIGTERM'));
      process.once('SIGINT', on('SIGINT'));
      void stop?.then(() => resolve('stop'));
    });
    log.info('shutting down', { signal });
    await team.close();
    return 0;
  } finally {
    if (read !== primary) await read.close().catch(() => {});
    await primary.close().catch(() => {});
  }
}

/** A streaming replica is read-only: it is opened without migrating (the primary migrates, and the
 *  replica replays it); a replica whose schema is behind is refused. */
async function openReplica(url: string, connections: number): Promise<PostgresBackend> {
  return openPostgresBackend(url, { maxConnections: connections, readOnly: true });
}
