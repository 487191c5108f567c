// The reading service of the background: checks pages for the content script, keeps each tab's
// state and toolbar badge, answers the popup and viewer. Browser APIs come in through CheckDeps.
import { plainStory } from '../corpus/plain-story';
import type { Story } from '../corpus/story';
import type { StoryIndex } from '../index/story-index';
import type { PageInput, QueryResult, Sensitivity } from '../index/types';
import type { PageAnswer } from '../protocol';
import { addProvenance } from '../provenance/provenance';
import { storyCluster, type StoryCluster } from '../provenance/story-cluster';
import type { StagedQuery } from '../index/story-index';
import { mergeTeamResult, statusOf, type TeamIndex, type TeamStatus } from './team-index';
import { toolbarBadge, type ToolbarBadge } from './check-badge';
import type { I18n } from '../i18n/i18n';
import { CheckCache, checkKey } from './check-cache';
import type { ReportedStatus, TabState, TabStateStore } from './check-state';

/** Who sent a message (from the runtime's MessageSender). */
export interface SenderInfo {
  tabId?: number;
  url?: string;
}

export interface CheckDeps {
  /** The open index (opened lazily by the background). */
  index(): Promise<StoryIndex>;
  /** The user's sensitivity setting at the time of the check. */
  sensitivity(): Promise<Sensitivity>;
  states: TabStateStore;
  /** Shows a tab's toolbar badge. */
  setBadge(tabId: number, badge: ToolbarBadge): Promise<void>;
  /** The words of the toolbar button's tooltip (default English). */
  i18n?: I18n;
  /**
   * Changes whenever the searchable corpus changes (import, delete, enable). Default: the list of
   * collections with their sizes and enabled flags, which is cheap to read.
   */
  corpusGeneration?(): Promise<string>;
  now?(): number;
  /** The team index, queried beside the local one when the user configured it. */
  team?: TeamIndex;
  /** Asks a tab's content script to check its page again (a late team answer brought new reuse). */
  recheck?(tabId: number): Promise<void>;
}

/** How long the page's answer waits for the team index's reuse after the local one is known: a
 *  slow server must not hold up the badges. Later team results reach the popup and toolbar, and
 *  the page is asked to check again, which is answered from the kept team query. */
export const TEAM_WAIT_MS = 600;
/** A tab's team query is reused by a re-check of the same page within this time. */
const TEAM_KEEP_MS = 60_000;

/** Longest page text checked; longer pages are checked on their beginning (offsets stay valid). */
export const MAX_PAGE_CHARS = 400_000;
/** The collection "add this page to the corpus" stores into. */
export const ADDED_PAGES = { id: 'added-pages', name: 'Pages you added' } as const;

/** Id of the story "add this page" stores for a URL, so the page never matches itself. */
export function pageStoryId(url: string): string {
  return 'page:' + url;
}

/** Cleans a page query from an untrusted sender: strings only, bounded sizes. */
export function sanitizePage(input: unknown): PageInput {
  const o = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  if (typeof o.text !== 'string') throw new Error('checkPage: page text missing');
  const page: PageInput = { text: o.text.slice(0, MAX_PAGE_CHARS) };
  if (typeof o.title === 'string') page.title = o.title.slice(0, 1000);
  if (typeof o.url === 'string' && o.url.length <= 4096) page.url = o.url;
  // The page's own date, as the content script read it from its metadata: an ISO 8601 value only.
  if (typeof o.published === 'string' && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(o.published))
    page.published = o.published;
  return page;
}

export class CheckService {
  private readonly cache = new CheckCache();
  /** Latest request per tab: a result for an older request is dropped (the tab moved on). */
  private readonly seq = new Map<number, number>();
  /** Pending state/badge writes per tab, in order. */
  private readonly queues = new Map<number, Promise<void>>();
  /** Per tab, the related stage of its current check: settles once the final state is queued. */
  private readonly finishing = new Map<number, Promise<void>>();
  private counter = 0;
  private readonly now: () => number;
  /** Per tab, its last team query: a re-check of the same page gets it without asking again. */
  private readonly teamQueries = new Map<number, { key: string; at: number; query: StagedQuery; rechecked: boolean }>();

  constructor(private readonly deps: CheckDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Checks a page and answers with its reuse (duplicates and partial; `related` stays empty: only the
   * popup shows related stories, and the page should not wait for them). Related stories are found
   * after the answer and recorded, with the rest, as the sending tab's state and badge. State and
   * badge writes are queued per tab and not waited for; tabState() waits for the related stage and
   * the queue, so readers never see a stale or half-finished state.
   */
  async checkPage(input: PageInput, sender: SenderInfo = {}): Promise<PageAnswer> {
    const page = sanitizePage(input);
    const url = page.url ?? sender.url ?? '';
    const tabId = sender.tabId;
    const ticket = this.claim(tabId);
    const current = () => tabId !== undefined && this.seq.get(tabId) === ticket;
    const checked = { url, title: page.title, text: page.text, ...(page.published ? { published: page.published } : {}) };
    if (tabId !== undefined) void this.write(tabId, { status: 'checking', url, title: page.title, updatedAt: this.now() });
    try {
      const index = await this.deps.index();
      const [count, sensitivity, generation] = await Promise.all([
        index.backend.storyCount(),
        this.deps.sensitivity(),
        this.generation(index),
      ]);
      const empty = count === 0;
      // A team index answers even when the local corpus is empty.
      const status = empty && !(await this.deps.team?.open().catch(() => undefined)) ? 'empty-corpus' : 'done';
      const key = checkKey(url, page.text, sensitivity, generation);
      const t0 = performance.now();
      let staged = empty ? undefined : this.cache.get(key);
      const cached = staged !== undefined;
      if (!staged) {
        const query = index.queryStaged(page, { sensitivity, excludeIds: url ? [pageStoryId(url)] : [] });
        if (!empty) {
          this.cache.set(key, query);
          void query.full.catch(() => this.cache.drop(key, query));
        }
        staged = query;
      }
      const team = await this.teamQuery(tabId, key, page, sensitivity, url);
      // Provenance over the local answer (the popup's origin, the cards' first-seen line).
      const localReuse = addProvenance(await staged.reuse, page.published);
      const queryMs = cached ? 0 : msSince(t0);
      // The local answer is never held up by more than TEAM_WAIT_MS; a failed team check leaves it as it is.
      const teamReuse = team && 'query' in team ? await withinMs(team.query.reuse.catch(() => undefined), TEAM_WAIT_MS) : undefined;
      const reuse = teamReuse ? this.withProvenance(mergeTeamResult(localReuse, teamReuse), page) : localReuse;
      const answeredTeam = teamReuse ? teamReuse.duplicates.length + teamReuse.partial.length : 0;
      if (tabId !== undefined) {
        const t1 = performance.now();
        // Without related stories the page's answer still stands: record it, and say why they are missing.
        const settled = staged.full.then(
          (result) => ({ result: addProvenance(result, page.published), error: undefined }),
          (e: unknown) => ({ result: localReuse, error: 'related stories: ' + messageOf(e) }),
        );
        const teamSettled = team && 'query' in team ? team.query.full.then(
          (result) => ({ result, status: { state: 'ok' } as TeamStatus }),
          (e: unknown) => ({ result: undefined, status: statusOf(e) }),
        ) : Promise.resolve(team && 'status' in team ? { result: undefined, status: team.status } : undefined);
        // The local state is recorded first; the team's is merged in when it comes.
        const recorded = settled.then(async ({ result, error }) => {
          if (!current()) return;
          const timings = { queryMs, relatedMs: msSince(t1), cached };
          const waiting: TeamStatus | undefined = team ? { state: 'waiting' } : undefined;
          void this.write(tabId, { status, ...checked, result: teamReuse ? this.withProvenance(mergeTeamResult(result, teamReuse), page) : result, error, updatedAt: this.now(), timings, ...(waiting ? { team: waiting } : {}) });
          const t = await teamSettled;
          if (!t || !current()) return;
          const merged = t.result ? this.withProvenance(mergeTeamResult(result, t.result), page) : result;
          void this.write(tabId, { status: t.result && t.result.duplicates.length + t.result.partial.length + t.result.related.length > 0 ? 'done' : status, ...checked, result: merged, error, updatedAt: this.now(), timings, team: t.status });
          // Reuse that came after the page's answer: have the page check again (answered from the kept queries).
          const late = t.result ? t.result.duplicates.length + t.result.partial.length : 0;
          const kept = this.teamQueries.get(tabId);
          if (late > answeredTeam && kept && !kept.rechecked && this.deps.recheck) {
            kept.rechecked = true;
            void this.deps.recheck(tabId).catch(() => {});
          }
        });
        this.track(tabId, recorded);
      }
      return reuseOf(reuse);
    } catch (e) {
      if (current()) void this.write(tabId!, { status: 'error', url, title: page.title, error: messageOf(e), updatedAt: this.now() });
      throw e;
    }
  }

  /** A content script's word on a page it does not check (not an article, site off, click mode). */
  async reportStatus(req: { status: ReportedStatus; url?: string; title?: string }, sender: SenderInfo): Promise<void> {
    const allowed: ReportedStatus[] = ['not-article', 'site-disabled', 'waiting-click'];
    if (sender.tabId === undefined || !allowed.includes(req?.status)) return;
    this.claim(sender.tabId);
    await this.write(sender.tabId, {
      status: req.status,
      url: typeof req.url === 'string' ? req.url : sender.url,
      title: typeof req.title === 'string' ? req.title.slice(0, 1000) : undefined,
      updatedAt: this.now(),
    });
  }

  async tabState(tabId: number): Promise<TabState | null> {
    await this.finishing.get(tabId);
    await this.queues.get(tabId);
    return (await this.deps.states.get(tabId)) ?? null;
  }

  /** Resolves once every pending related stage and every queued state and badge write is done. */
  async flush(): Promise<void> {
    await Promise.all(this.finishing.values());
    await Promise.all(this.queues.values());
  }

  /** The tab navigated to another document: forget its state and clear its badge. */
  async tabNavigated(tabId: number): Promise<void> {
    this.claim(tabId);
    await this.enqueue(tabId, async () => {
      await this.deps.states.delete(tabId);
      await this.deps.setBadge(tabId, toolbarBadge(undefined, this.deps.i18n));
    });
  }

  async tabClosed(tabId: number): Promise<void> {
    this.seq.delete(tabId);
    this.teamQueries.delete(tabId);
    this.finishing.delete(tabId);
    await this.enqueue(tabId, () => this.deps.states.delete(tabId));
    this.queues.delete(tabId);
  }

  /** Stores the tab's last checked page as a story of the "Pages you added" collection. */
  async addTabPage(tabId: number): Promise<{ id: string; added: boolean }> {
    const state = await this.tabState(tabId);
    if (!state?.text || !state.url) throw new Error('No checked article in this tab to add');
    const story: Story = {
      id: pageStoryId(state.url),
      title: state.title?.trim() || state.url,
      text: state.text,
      url: state.url,
      source: hostOf(state.url),
      date: new Date(this.now()).toISOString().slice(0, 10),
    };
    const index = await this.deps.index();
    const r = await index.addStories(ADDED_PAGES, [story]);
    this.cache.clear();
    return { id: story.id, added: r.added > 0 };
  }

  /** A stored story with its text (not its analysis), for the viewer; null when unknown. A story
   *  not in the local corpus is asked of the team index, when there is one. */
  async story(id: string): Promise<Story | null> {
    if (typeof id !== 'string' || id.length === 0 || id.length > 2048) return null;
    const s = await (await this.deps.index()).backend.getStoryById(id);
    if (s) return plainStory(s);
    return (await this.deps.team?.story(id)) ?? null;
  }

  /** The reprint cluster of a stored story (lib/provenance/story-cluster.ts); null when unknown. */
  async cluster(id: string): Promise<StoryCluster | null> {
    if (typeof id !== 'string' || id.length === 0 || id.length > 2048) return null;
    return storyCluster(await this.deps.index(), id);
  }

  /**
   * The tab's team query for this page: kept from a check of the same page a moment ago, or a new
   * one. undefined without a team index; a status when it cannot be asked (no permission).
   */
  private async teamQuery(tabId: number | undefined, key: string, page: PageInput, sensitivity: Sensitivity, url: string) {
    if (!this.deps.team) return undefined;
    const kept = tabId !== undefined ? this.teamQueries.get(tabId) : undefined;
    if (kept && kept.key === key && this.now() - kept.at < TEAM_KEEP_MS) return { query: kept.query };
    const handle = await this.deps.team.open().catch((e: unknown) => ({ status: statusOf(e) }));
    if (!handle || 'status' in handle) return handle;
    const query = handle.checker.queryStaged(page, { sensitivity, excludeIds: url ? [pageStoryId(url)] : [] });
    void query.full.catch(() => {});
    if (tabId !== undefined) this.teamQueries.set(tabId, { key, at: this.now(), query, rechecked: false });
    return { query };
  }

  /** Provenance worked out again over merged matches (a team story may be the earlier one). */
  private withProvenance(merged: QueryResult, page: PageInput): QueryResult {
    return addProvenance(merged, page.published);
  }

  /** Forget cached results (the corpus or the settings changed). */
  clearCache(): void {
    this.cache.clear();
  }

  private async generation(index: StoryIndex): Promise<string> {
    if (this.deps.corpusGeneration) return this.deps.corpusGeneration();
    const cols = await index.backend.listCollections();
    return cols.map((c) => `${c.id}:${c.enabled ? 1 : 0}:${c.stories}`).join('|');
  }

  /**
   * Makes a new request the tab's latest and returns its ticket. A related stage still
   * running for an older request no longer holds up readers: its result will be dropped.
   */
  private claim(tabId: number | undefined): number {
    const ticket = ++this.counter;
    if (tabId !== undefined) {
      this.seq.set(tabId, ticket);
      this.finishing.delete(tabId);
    }
    return ticket;
  }

  /** Lets tabState() wait for a related stage while it is the tab's latest. */
  private track(tabId: number, recorded: Promise<void>): void {
    this.finishing.set(tabId, recorded);
    void recorded.finally(() => {
      if (this.finishing.get(tabId) === recorded) this.finishing.delete(tabId);
    });
  }

  /** Queues a tab's state and badge write after the ones already queued for that tab. */
  private write(tabId: number, state: TabState): Promise<void> {
    return this.enqueue(tabId, async () => {
      await this.deps.states.set(tabId, state);
      await this.deps.setBadge(tabId, toolbarBadge(state, this.deps.i18n));
    });
  }

  private enqueue(tabId: number, work: () => Promise<void>): Promise<void> {
    // A failed write (the tab closed) must not block the writes after it.
    const next = (this.queues.get(tabId) ?? Promise.resolve()).then(work).catch(() => {});
    this.queues.set(tabId, next);
    return next;
  }
}

/** The value, or undefined when it takes longer than `ms`. */
function withinMs<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((ok) => (timer = setTimeout(() => ok(undefined), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** What the page gets: reuse only (see checkPage). */
function reuseOf(result: QueryResult): PageAnswer {
  return { ...result, related: [] };
}

function msSince(t0: number): number {
  return Math.round((performance.now() - t0) * 10) / 10;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The host name of a URL, without "www."; '' when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
