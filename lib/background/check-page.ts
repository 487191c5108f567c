// The reading service of the background: checks pages for the content script, keeps each tab's
// state and toolbar badge, answers the popup and viewer. Browser APIs come in through CheckDeps.
import { plainStory } from '../corpus/plain-story';
import type { Story } from '../corpus/story';
import type { StoryIndex } from '../index/story-index';
import type { PageInput, QueryResult, Sensitivity } from '../index/types';
import { toolbarBadge, type ToolbarBadge } from './check-badge';
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
  /**
   * Changes whenever the searchable corpus changes (import, delete, enable). Default: the list of
   * collections with their sizes and enabled flags, which is cheap to read.
   */
  corpusGeneration?(): Promise<string>;
  now?(): number;
}

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
  return page;
}

export class CheckService {
  private readonly cache = new CheckCache();
  /** Latest request per tab: a result for an older request is dropped (the tab moved on). */
  private readonly seq = new Map<number, number>();
  /** Pending state/badge writes per tab, in order. */
  private readonly queues = new Map<number, Promise<void>>();
  private counter = 0;
  private readonly now: () => number;

  constructor(private readonly deps: CheckDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Checks a page; records the result as the sending tab's state and updates its badge. The state
   * and badge writes are queued per tab and not waited for: the answer goes back to the page as
   * soon as the query is done (tabState() waits for the queue, so readers never see a stale state).
   */
  async checkPage(input: PageInput, sender: SenderInfo = {}): Promise<QueryResult> {
    const page = sanitizePage(input);
    const url = page.url ?? sender.url ?? '';
    const tabId = sender.tabId;
    const ticket = ++this.counter;
    const current = () => tabId !== undefined && this.seq.get(tabId) === ticket;
    if (tabId !== undefined) {
      this.seq.set(tabId, ticket);
      void this.write(tabId, { status: 'checking', url, title: page.title, updatedAt: this.now() });
    }
    try {
      const index = await this.deps.index();
      const [count, sensitivity, generation] = await Promise.all([
        index.backend.storyCount(),
        this.deps.sensitivity(),
        this.generation(index),
      ]);
      const empty = count === 0;
      const key = checkKey(url, page.text, sensitivity, generation);
      let result = empty ? undefined : this.cache.get(key);
      const cached = result !== undefined;
      const t0 = performance.now();
      if (!result) {
        result = await index.query(page, { sensitivity, excludeIds: url ? [pageStoryId(url)] : [] });
        if (!empty) this.cache.set(key, result);
      }
      const queryMs = cached ? 0 : Math.round((performance.now() - t0) * 10) / 10;
      if (current()) {
        void this.write(tabId!, {
          status: empty ? 'empty-corpus' : 'done',
          url,
          title: page.title,
          text: page.text,
          result,
          updatedAt: this.now(),
          timings: { queryMs, cached },
        });
      }
      return result;
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      if (current()) void this.write(tabId!, { status: 'error', url, title: page.title, error, updatedAt: this.now() });
      throw e;
    }
  }

  /** A content script's word on a page it does not check (not an article, site off, click mode). */
  async reportStatus(req: { status: ReportedStatus; url?: string; title?: string }, sender: SenderInfo): Promise<void> {
    const allowed: ReportedStatus[] = ['not-article', 'site-disabled', 'waiting-click'];
    if (sender.tabId === undefined || !allowed.includes(req?.status)) return;
    this.seq.set(sender.tabId, ++this.counter);
    await this.write(sender.tabId, {
      status: req.status,
      url: typeof req.url === 'string' ? req.url : sender.url,
      title: typeof req.title === 'string' ? req.title.slice(0, 1000) : undefined,
      updatedAt: this.now(),
    });
  }

  async tabState(tabId: number): Promise<TabState | null> {
    await this.queues.get(tabId);
    return (await this.deps.states.get(tabId)) ?? null;
  }

  /** Resolves once every queued state and badge write has been made. */
  async flush(): Promise<void> {
    await Promise.all(this.queues.values());
  }

  /** The tab navigated to another document: forget its state and clear its badge. */
  async tabNavigated(tabId: number): Promise<void> {
    this.seq.set(tabId, ++this.counter);
    await this.enqueue(tabId, async () => {
      await this.deps.states.delete(tabId);
      await this.deps.setBadge(tabId, toolbarBadge(undefined));
    });
  }

  async tabClosed(tabId: number): Promise<void> {
    this.seq.delete(tabId);
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

  /** A stored story with its text (not its analysis), for the viewer; null when unknown. */
  async story(id: string): Promise<Story | null> {
    if (typeof id !== 'string' || id.length === 0 || id.length > 2048) return null;
    const s = await (await this.deps.index()).backend.getStoryById(id);
    if (!s) return null;
    return plainStory(s);
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

  /** Queues a tab's state and badge write after the ones already queued for that tab. */
  private write(tabId: number, state: TabState): Promise<void> {
    return this.enqueue(tabId, async () => {
      await this.deps.states.set(tabId, state);
      await this.deps.setBadge(tabId, toolbarBadge(state));
    });
  }

  private enqueue(tabId: number, work: () => Promise<void>): Promise<void> {
    // A failed write (the tab closed) must not block the writes after it.
    const next = (this.queues.get(tabId) ?? Promise.resolve()).then(work).catch(() => {});
    this.queues.set(tabId, next);
    return next;
  }
}

/** The host name of a URL, without "www."; '' when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
