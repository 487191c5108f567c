// A throwaway real PostgreSQL server for tests and benchmarks: initdb in a temporary directory,
// started on a free port on 127.0.0.1 (never the system cluster), removed by stop(). PostgreSQL
// refuses to run as root, so as root every server command runs as the `postgres` user.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface PgServerOptions {
  /** Database created at start (default `storytrace`). */
  database?: string;
  /** Extra server settings passed as `-c name=value`, e.g. `{ fsync: 'off' }` for quick tests. */
  settings?: Record<string, string>;
}

export interface PgServer {
  /** postgres://postgres@127.0.0.1:PORT/DATABASE */
  url: string;
  port: number;
  database: string;
  /** The temporary directory holding the data directory, the socket and the log. */
  dir: string;
  /** Runs SQL through psql (not through the code under test) and returns its rows, fields split on tabs. */
  sql(query: string, database?: string): Promise<string[][]>;
  /** Creates another database on this server and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (`immediate`: a crash as far as clients see; default `fast`) and starts it again
   *  on the same port and data. */
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  /** A streaming read replica of this server (pg_basebackup -R) on a second free port. */
  startReplica(): Promise<PgServer>;
  /** Waits until every replica has replayed what the primary wrote so far. */
  waitForReplicas(timeoutMs?: number): Promise<void>;
  /** Immediate stop of the server and its replicas; removes their directories. */
  stop(): Promise<void>;
  /** The server log so far (for failure messages). */
  log(): string;
}

const PG_ROOT = '/usr/lib/postgresql';
/** Servers still running, stopped synchronously if the process exits without stop(). */
const running = new Set<{ bin: string; data: string }>();
let exitHookInstalled = false;

/** The directory of the newest installed PostgreSQL's binaries (PG_BIN overrides). */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error(`PostgreSQL is not installed (no ${PG_ROOT}/*/bin/initdb). Install it with: apt-get install -y postgresql`);
  return join(PG_ROOT, versions[0], 'bin');
}

/** True when a PostgreSQL server can be started here. */
export function postgresAvailable(): boolean {
  try {
    postgresBinDir();
    return true;
  } catch {
    return false;
  }
}

const asRoot = () => userInfo().uid === 0;

/** Runs a PostgreSQL program, as the postgres user when we are root. */
function run(bin: string, program: string, args: string[], input?: string): Promise<string> {
  const file = join(bin, program);
  const [cmd, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, argv, { maxBuffer: 256 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${program} ${args.join(' ')} failed: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function makeDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (asRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  return dir;
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const s of running) {
      try {
        const args = ['-D', s.data, '-m', 'immediate', 'stop'];
        const file = join(s.bin, 'pg_ctl');
        if (asRoot()) execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'ignore' });
        else execFileSync(file, args, { stdio: 'ignore' });
      } catch {
        // Already gone.
      }
    }
  });
}

interface Node {
  bin: string;
  dir: string;
  data: string;
  port: number;
  settings: Record<string, string>;
}

function serverOptions(n: Node): string {
  const extra = Object.entries(n.settings).map(([k, v]) => `-c ${k}=${v}`);
  return [`-p ${n.port}`, `-k ${n.dir}`, '-c listen_addresses=127.0.0.1', ...extra].join(' ');
}

async function startNode(n: Node): Promise<void> {
  await run(n.bin, 'pg_ctl', ['-D', n.data, '-l', join(n.dir, 'server.log'), '-o', serverOptions(n), '-w', '-t', '60', 'start']);
  running.add(n);
  installExitHook();
}

async function stopNode(n: Node, mode: 'fast' | 'immediate'): Promise<void> {
  if (!running.has(n)) return;
  await run(n.bin, 'pg_ctl', ['-D', n.data, '-m', mode, '-w', 'stop']);
  running.delete(n);
}

function serverHandle(n: Node, database: string, replicas: PgServer[], isReplica: boolean): PgServer {
  const psql = (query: string, db = database) =>
    run(n.bin, 'psql', ['-X', '-q', '-At', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(n.port), '-U', 'postgres', '-d', db], query).then(
      (out) =>
        out
          .split('\n')
          .filter((l) => l.length > 0)
          .map((l) => l.split('\t')),
    );
  const handle: PgServer = {
    url: `postgres://postgres@127.0.0.1:${n.port}/${database}`,
    port: n.port,
    database,
    dir: n.dir,
    sql: psql,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      await run(n.bin, 'createdb', ['-h', '127.0.0.1', '-p', String(n.port), '-U', 'postgres', name]);
      return `postgres://postgres@127.0.0.1:${n.port}/${name}`;
    },
    async restart(mode = 'fast') {
      await stopNode(n, mode);
      await startNode(n);
    },
    async startReplica() {
      if (isReplica) throw new Error('a replica of a replica is not supported here');
      const dir = makeDir('storytrace-pg-replica-');
      const replica: Node = { ...n, dir, data: join(dir, 'data'), port: await freePort() };
      // A fast checkpoint: the default spread one makes pg_basebackup wait ~90 s on an idle server.
      await run(n.bin, 'pg_basebackup', ['-D', replica.data, '-R', '-X', 'stream', '-c', 'fast', '-h', '127.0.0.1', '-p', String(n.port), '-U', 'postgres']);
      await startNode(replica);
      const r = serverHandle(replica, database, [], true);
      replicas.push(r);
      return r;
    },
    async waitForReplicas(timeoutMs = 30_000) {
      const [[target]] = await psql('SELECT pg_current_wal_lsn()');
      const deadline = Date.now() + timeoutMs;
      for (const r of replicas) {
        for (;;) {
          const [[caughtUp]] = await r.sql(`SELECT coalesce(pg_last_wal_replay_lsn() >= '${target}'::pg_lsn, false)`);
          if (caughtUp === 't') break;
          if (Date.now() > deadline) throw new Error(`replica on port ${r.port} did not reach ${target} in ${timeoutMs} ms`);
          await new Promise((res) => setTimeout(res, 50));
        }
      }
    },
    async stop() {
      for (const r of replicas.splice(0)) await r.stop();
      try {
        await stopNode(n, 'immediate');
      } finally {
        rmSync(n.dir, { recursive: true, force: true });
      }
    },
    log() {
      const f = join(n.dir, 'server.log');
      return existsSync(f) ? readFileSync(f, 'utf8') : '';
    },
  };
  return handle;
}

/** Starts a fresh PostgreSQL server in a temporary directory with one empty database. */
export async function startPostgres(options: PgServerOptions = {}): Promise<PgServer> {
  const bin = postgresBinDir();
  const database = options.database ?? 'storytrace';
  const dir = makeDir('storytrace-pg-');
  const data = join(dir, 'data');
  try {
    await run(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // A port found free may be taken before the server binds it: try a few.
    for (let attempt = 0; ; attempt++) {
      const n: Node = { bin, dir, data, port: await freePort(), settings: options.settings ?? {} };
      try {
        await startNode(n);
      } catch (e) {
        if (attempt < 3) continue;
        throw e;
      }
      const server = serverHandle(n, database, [], false);
      await run(bin, 'createdb', ['-h', '127.0.0.1', '-p', String(n.port), '-U', 'postgres', database]);
      return server;
    }
  } catch (e) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8').slice(-2000) : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(e as Error).message}${log ? `\nserver log:\n${log}` : ''}`);
  }
}
