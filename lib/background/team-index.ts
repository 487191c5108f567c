// The team index as the background sees it: a PageChecker over the server when the user set a URL
// and token AND granted the permission for that origin (nothing is sent before), the merge of its
// answer into the local one (a story in both counts once, team stories marked), the server's
// stories for the viewer, and the options page's test of a URL and token.
import type { Story } from '../corpus/story';
import { PageChecker } from '../index/story-index';
import type { QueryResult, RelatedMatch, ReuseMatch } from '../index/types';
import { TeamClient, TeamError } from '../server/team-client';
import { TeamSource } from '../server/team-source';
import { teamOriginPattern, type Settings } from '../settings';

/** How the team index fared in a check or a test. */
export interface TeamStatus {
  /** `ok`: answered; `waiting`: not yet; `no-permission`: the origin's permission is not granted;
   *  `unreachable` / `token` / `error`: it failed, `message` says how. */
  state: 'ok' | 'waiting' | 'no-permission' | 'unreachable' | 'token' | 'error';
  message?: string;
}

/** The options page's test of a URL and token. */
export type TeamTestResult = TeamStatus & { stories?: number };

export interface TeamDeps {
  settings(): Promise<Pick<Settings, 'teamUrl' | 'teamToken'>>;
  /** Whether the host permission for this match pattern is granted (permissions.contains). */
  hasPermission(pattern: string): Promise<boolean>;
  fetch?: typeof fetch;
  /** Per-request time limit (default 5000 ms). */
  timeoutMs?: number;
}

/** A team index ready to query, or why there is none. */
export type TeamHandle = { checker: PageChecker; client: TeamClient } | { status: TeamStatus } | undefined;

export class TeamIndex {
  constructor(private readonly deps: TeamDeps) {}

  /** undefined when no team index is configured: then nothing at all is different. */
  async open(): Promise<TeamHandle> {
    const { teamUrl, teamToken } = await this.deps.settings();
    if (!teamUrl || !teamToken) return undefined;
    return this.openAt(teamUrl, teamToken);
  }

  private async openAt(url: string, token: string): Promise<TeamHandle> {
    if (!(await this.deps.hasPermission(teamOriginPattern(url))))
      return { status: { state: 'no-permission', message: `StoryTrace may not contact ${new URL(url).host} yet: grant it in the options page.` } };
    const client = new TeamClient({ url, token, fetch: this.deps.fetch, timeoutMs: this.deps.timeoutMs });
    return { checker: new PageChecker(new TeamSource(client)), client };
  }

  /** A team story with its text, for the viewer; null when there is no team index or no such story. */
  async story(id: string): Promise<Story | null> {
    const team = await this.open();
    if (!team || !('client' in team)) return null;
    try {
      const s = await team.client.story(id);
      const out: Story = { id: s.id, title: s.title, text: s.text };
      for (const k of ['url', 'source', 'date', 'author'] as const) if (typeof s[k] === 'string' && s[k]) out[k] = s[k];
      if (out.url && !/^https?:\/\//i.test(out.url)) delete out.url;
      return out;
    } catch (e) {
      if (e instanceof TeamError && e.status === 404) return null;
      throw e;
    }
  }

  /** The options page's test button: reach the server and have it accept the token. */
  async test(url: string, token: string): Promise<TeamTestResult> {
    const team = await this.openAt(url, token);
    if (!team || !('client' in team)) return team?.status ?? { state: 'error', message: 'no team index' };
    try {
      const cols = await team.client.collections();
      return { state: 'ok', stories: cols.reduce((n, c) => n + c.stories, 0) };
    } catch (e) {
      return statusOf(e);
    }
  }
}

/** A failure as a status the popup and options page show. */
export function statusOf(e: unknown): TeamStatus {
  if (e instanceof TeamError) {
    if (e.kind === 'unreachable') return { state: 'unreachable', message: e.message };
    if (e.kind === 'token') return { state: 'token', message: e.message };
    return { state: 'error', message: e.message };
  }
  return { state: 'error', message: e instanceof Error ? e.message : String(e) };
}

const rank = (x: ReuseMatch) => Math.max(x.pageShare, x.storyShare) + x.pageShare * x.storyShare;

/**
 * The local answer with the team's added: a story found by both counts once (the local copy is
 * kept), team stories are marked `team`, each list stays ordered as a check orders it. `top` bounds
 * the related list as the query did.
 */
export function mergeTeamResult(local: QueryResult, team: QueryResult, top = 10): QueryResult {
  const seen = new Set([...local.duplicates, ...local.partial].map((m) => m.id));
  const fresh = <T extends { id: string }>(list: T[]): T[] =>
    list.filter((m) => !seen.has(m.id)).map((m) => ({ ...m, team: true }));
  const duplicates = [...local.duplicates, ...fresh(team.duplicates)].sort((x, y) => rank(y) - rank(x));
  const partial = [...local.partial, ...fresh(team.partial)].sort((x, y) => rank(y) - rank(x));
  for (const m of [...duplicates, ...partial]) seen.add(m.id);
  const relatedLocal = local.related.filter((m) => !seen.has(m.id));
  for (const m of relatedLocal) seen.add(m.id);
  const related: RelatedMatch[] = [...relatedLocal, ...fresh(team.related)].sort((x, y) => y.score - x.score).slice(0, Math.max(top, local.related.length));
  const out: QueryResult = { ...local, duplicates, partial, related };
  // Origin and first-seen are worked out again over the merged matches (lib/provenance).
  delete out.origin;
  delete out.pageMayBeOrigin;
  return out;
}
