// A team server for tests: `storytrace serve`'s server module on 127.0.0.1 over a given backend,
// with a tokens table of a reader, a writer and an expired reader, and a client per token.
import type { IndexBackend } from '../../../lib/index/types';
import { jsonLogger } from '../../../lib/server/log';
import { TeamClient } from '../../../lib/server/team-client';
import { createTeamServer, type ServerLimits, type TeamServer } from '../../../lib/server/team-server';
import { TokenTable } from '../../../lib/server/tokens';

export const READ_TOKEN = 'read-token-0123456789abcdef';
export const WRITE_TOKEN = 'write-token-0123456789abcdef';
export const EXPIRED_TOKEN = 'expired-token-0123456789abcdef';

export const TOKENS_JSON = JSON.stringify({
  tokens: [
    { analyst: 'reader', token: READ_TOKEN, access: 'read' },
    { analyst: 'writer', token: WRITE_TOKEN, access: 'write' },
    { analyst: 'gone', token: EXPIRED_TOKEN, access: 'read', expires: '2020-01-01T00:00:00Z' },
  ],
});

export interface Running {
  team: TeamServer;
  url: string;
  logs: Record<string, unknown>[];
  client(token?: string): TeamClient;
  close(): Promise<void>;
}

export async function startTeamServer(primary: IndexBackend, read: IndexBackend = primary, limits: Partial<ServerLimits> = {}): Promise<Running> {
  const logs: Record<string, unknown>[] = [];
  const team = createTeamServer({
    primary,
    read,
    version: 'test',
    tokens: TokenTable.parse(TOKENS_JSON),
    log: jsonLogger((l) => logs.push(JSON.parse(l))),
    limits: { rate: { perSecond: 10_000, burst: 10_000 }, ...limits },
  });
  const { port } = await team.listen('127.0.0.1', 0);
  const url = `http://127.0.0.1:${port}`;
  return { team, url, logs, client: (token = READ_TOKEN) => new TeamClient({ url, token }), close: () => team.close(1000) };
}

/** Raw request, for what no well-behaved client sends. */
export async function raw(url: string, path: string, init: RequestInit & { token?: string } = {}): Promise<{ status: number; body: Record<string, unknown> | undefined; headers: Headers }> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const res = await fetch(url + path, { ...init, headers });
  const text = await res.text();
  let body: Record<string, unknown> | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, headers: res.headers };
}
