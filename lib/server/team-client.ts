// A client of the team index API (/v1/), for the extension's background and for scripts: fetch
// with a bearer token and a time limit, every failure turned into a TeamError that says what the
// user can do about it (server unreachable, token refused, server error).
import type { CollectionInfo } from '../index/types';
import type {
  CollectionsResponse,
  HealthResponse,
  RelatedRequest,
  RelatedResponse,
  ReuseRequest,
  ReuseResponse,
  StoryResponse,
} from './wire';

/** Why a team request failed: `unreachable` (network, timeout), `token` (refused: 401/403),
 *  `limited` (429), `server` (any other error answer or a malformed one). */
export type TeamErrorKind = 'unreachable' | 'token' | 'limited' | 'server';

export class TeamError extends Error {
  constructor(
    readonly kind: TeamErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface TeamClientOptions {
  /** The server's base URL, e.g. https://index.example.org (paths /v1/... are added). */
  url: string;
  token: string;
  /** Milliseconds before a request counts as unreachable (default 5000). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class TeamClient {
  private readonly base: string;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly opts: TeamClientOptions) {
    this.base = opts.url.replace(/\/+$/, '');
    this.fetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  health(): Promise<HealthResponse> {
    return this.request('GET', '/v1/health');
  }
  checkReuse(body: ReuseRequest): Promise<ReuseResponse> {
    return this.request('POST', '/v1/check/reuse', body);
  }
  checkRelated(body: RelatedRequest): Promise<RelatedResponse> {
    return this.request('POST', '/v1/check/related', body);
  }
  story(id: string): Promise<StoryResponse> {
    return this.request('GET', `/v1/stories/${encodeURIComponent(id)}`);
  }
  async collections(): Promise<CollectionInfo[]> {
    return (await this.request<CollectionsResponse>('GET', '/v1/collections')).collections;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), this.opts.timeoutMs ?? 5000);
    let res: Response;
    try {
      res = await this.fetchFn(this.base + path, {
        method,
        headers: { authorization: `Bearer ${this.opts.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: ctl.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (e) {
      clearTimeout(timer);
      const timedOut = ctl.signal.aborted;
      throw new TeamError('unreachable', timedOut ? 'the team index did not answer in time' : `the team index cannot be reached (${(e as Error).message})`);
    }
    let data: unknown;
    try {
      data = await res.json();
    } catch {
      data = undefined;
    } finally {
      clearTimeout(timer);
    }
    if (res.ok && data !== undefined && typeof data === 'object' && data !== null) return data as T;
    const said = typeof (data as { error?: unknown })?.error === 'string' ? String((data as { error: string }).error).slice(0, 200) : res.statusText;
    if (res.status === 401 || res.status === 403) throw new TeamError('token', `the team index refused the token: ${said}`, res.status);
    if (res.status === 429) throw new TeamError('limited', 'the team index asks to slow down (rate limit)', res.status);
    if (res.ok) throw new TeamError('server', 'the team index sent an answer that is not JSON', res.status);
    throw new TeamError('server', `the team index answered ${res.status}: ${said}`, res.status);
  }
}
