// The team index's HTTP server on Node's own http module: routing through the handler map
// (routes.ts), bearer tokens, per-analyst rate limits, bounded bodies and times, JSON answers and
// JSON logs, and a graceful close that lets requests under way finish. A framework would add a
// dependency for what is here a hundred lines: six routes, one body parser, no templates.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './log';
import { RateLimiter, type RateLimit } from './rate-limit';
import { BadRequest, createRoutes, type Route, type RouteDeps, type RouteKey } from './routes';
import type { TokenTable } from './tokens';

export interface ServerLimits {
  /** Largest import body in bytes. */
  maxImportBytes: number;
  /** A request whose handler takes longer is answered 503 (its work is abandoned, not undone). */
  handlerTimeoutMs: number;
  /** Time allowed to receive a whole request (headers and body). */
  requestTimeoutMs: number;
  /** Open connections at most; more are refused by the socket. */
  maxConnections: number;
  rate: RateLimit;
  /** Imports take longer; they get this many times handlerTimeoutMs. */
  importTimeoutFactor: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxImportBytes: 32 * 1024 * 1024,
  handlerTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 512,
  rate: { perSecond: 50, burst: 100 },
  importTimeoutFactor: 30,
};

export interface TeamServerOptions extends RouteDeps {
  tokens: TokenTable;
  log: Logger;
  limits?: Partial<ServerLimits>;
}

export interface TeamServer {
  server: Server;
  /** Listens on host:port (port 0: any free one); resolves with the bound address. */
  listen(host: string, port: number): Promise<{ host: string; port: number }>;
  /** Stops accepting, waits for requests under way (at most `graceMs`), then closes every socket. */
  close(graceMs?: number): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Errors that mean the database cannot be reached now (porsager/postgres and libpq codes). */
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P02', '57P03', '08006', '08001', '08003']);

function isUnavailable(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string' && UNAVAILABLE.has(code)) return true;
  const errors = (e as { errors?: unknown[] })?.errors;
  return Array.isArray(errors) && errors.some(isUnavailable);
}

function routeOf(method: string, path: string): { key: RouteKey; param: string } | undefined {
  const storyPrefix = '/v1/stories/';
  if (method === 'GET' && path.startsWith(storyPrefix) && path.length > storyPrefix.length && !path.slice(storyPrefix.length).includes('/'))
    return { key: 'GET /v1/stories/*', param: path.slice(storyPrefix.length) };
  const key = `${method} ${path}`;
  const known: RouteKey[] = ['GET /v1/health', 'POST /v1/check/reuse', 'POST /v1/check/related', 'GET /v1/collections', 'POST /v1/import'];
  return known.includes(key as RouteKey) ? { key: key as RouteKey, param: '' } : undefined;
}

function readBody(req: IncomingMessage, max: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.reject(new HttpError(413, `the body is larger than ${max} bytes`));
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        reject(new HttpError(413, `the body is larger than ${max} bytes`));
        req.destroy();
      } else parts.push(chunk);
    });
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(parts))));
    req.on('error', reject);
  });
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const t = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new HttpError(503, 'the request took too long', { 'retry-after': '1' })), ms)));
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

export function createTeamServer(opts: TeamServerOptions): TeamServer {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const routes = createRoutes(opts, limits);
  const limiter = new RateLimiter(limits.rate);
  const { log, tokens } = opts;
  let closing = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const json = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(json)),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // The extension calls from its own origin with a host permission, which needs no CORS; any
      // other origin gets no CORS header, so web pages cannot read answers with an analyst's token.
      ...(closing ? { connection: 'close' } : {}),
      ...headers,
    });
    res.end(json);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<{ status: number; analyst?: string; route?: string }> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const found = routeOf(req.method ?? '', url.pathname);
    if (!found) throw new HttpError(404, `no route ${(req.method ?? '').slice(0, 10)} ${url.pathname.slice(0, 100)}`);
    const route: Route = routes[found.key];
    let analyst: string | undefined;
    if (route.access !== 'public') {
      const auth = tokens.authenticate(req.headers.authorization);
      if (!auth.ok) {
        const why = { missing: 'a bearer token is needed', unknown: 'the token is not known', expired: 'the token has expired' }[auth.reason];
        throw Object.assign(new HttpError(401, why, { 'www-authenticate': 'Bearer' }), { route: found.key });
      }
      analyst = auth.entry.analyst;
      if (route.access === 'write' && auth.entry.access !== 'write') throw Object.assign(new HttpError(403, 'this token may only read'), { analyst });
      const wait = limiter.take(analyst);
      if (wait > 0) throw Object.assign(new HttpError(429, 'too many requests for this token', { 'retry-after': String(wait) }), { analyst });
    }
    const bytes = route.body === 'none' ? new Uint8Array() : await readBody(req, route.maxBody);
    if (route.body === 'none' && Number(req.headers['content-length'] ?? 0) > 0) throw new HttpError(413, 'this route takes no body');
    let body: unknown;
    if (route.body === 'json') {
      try {
        body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      } catch {
        throw Object.assign(new HttpError(400, 'the body is not JSON'), { analyst });
      }
    }
    const timeout = limits.handlerTimeoutMs * (found.key === 'POST /v1/import' ? limits.importTimeoutFactor : 1);
    const reply = await withTimeout(route.handle({ body, bytes, query: url.searchParams, param: found.param }), timeout);
    send(res, reply.status ?? 200, reply.body);
    return { status: reply.status ?? 200, analyst, route: found.key };
  }

  const server = createServer({ requestTimeout: limits.requestTimeoutMs, headersTimeout: Math.min(10_000, limits.requestTimeoutMs) }, (req, res) => {
    const started = performance.now();
    inFlight++;
    const done = (status: number, analyst?: string, route?: string, error?: string) => {
      inFlight--;
      log.info('request', { method: req.method, route: route ?? req.url?.split('?')[0].slice(0, 100), status, ms: Math.round((performance.now() - started) * 10) / 10, analyst, error });
      if (inFlight === 0) drained?.();
    };
    if (closing) {
      send(res, 503, { error: 'the server is shutting down' }, { 'retry-after': '1' });
      done(503);
      return;
    }
    handle(req, res).then(
      (r) => done(r.status, r.analyst, r.route),
      (e: unknown) => {
        let status = 500;
        let message = 'internal error';
        let headers: Record<string, string> = {};
        if (e instanceof HttpError) ({ status, message, headers } = { status: e.status, message: e.message, headers: e.headers });
        else if (e instanceof BadRequest) {
          status = 400;
          message = e.message;
        } else if (isUnavailable(e)) {
          status = 503;
          message = 'the database is unavailable';
          headers = { 'retry-after': '1' };
        }
        if (status === 500) log.error('handler failed', { url: req.url?.slice(0, 100), error: (e as Error)?.message?.slice(0, 300) });
        if (!res.headersSent && !res.destroyed) send(res, status, { error: message }, headers);
        done(status, (e as { analyst?: string }).analyst, undefined, message);
      },
    );
  });
  server.maxConnections = limits.maxConnections;

  return {
    server,
    listen(host, port) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const a = server.address() as AddressInfo;
          log.info('listening', { host: a.address, port: a.port });
          resolve({ host: a.address, port: a.port });
        });
      });
    },
    async close(graceMs = 10_000) {
      closing = true;
      const stopped = new Promise<void>((ok) => server.close(() => ok()));
      server.closeIdleConnections();
      if (inFlight > 0) await Promise.race([new Promise<void>((ok) => (drained = ok)), new Promise((ok) => setTimeout(ok, graceMs))]);
      server.closeAllConnections();
      await stopped;
      log.info('closed', { unfinished: inFlight });
    },
  };
}
