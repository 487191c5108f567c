// Checking a piece of text the reader selected (the "Check this text with StoryTrace" context
// menu): text in a PDF, a quoted social post, anything that is not an article. The same query
// pipeline as a page's (StoryIndex.queryStaged, provenance), its state kept apart from the tabs'
// under an id the selection page is opened with. The text comes from a web page: untrusted.
import type { StoryIndex } from '../index/story-index';
import type { Sensitivity } from '../index/types';
import { addProvenance } from '../provenance/provenance';
import type { TabState } from './check-state';

/** Longest selection checked, in characters: a few pages of text. A larger selection is checked on
 *  its beginning (and the page says so); the cap bounds storage.session and the query. */
export const MAX_SELECTION_CHARS = 20_000;
/** Selection checks kept (the newest); older ones are forgotten, their pages say so. */
export const KEPT_SELECTIONS = 20;

/** A selection check's state: a TabState (what the popup's components show) and whether the
 *  selection was cut at MAX_SELECTION_CHARS. */
export type SelectionState = TabState & { truncated?: boolean };

/** Where selection states live (`storage.session` in the extension, memory in tests). */
export interface SelectionStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface SelectionDeps {
  index(): Promise<StoryIndex>;
  sensitivity(): Promise<Sensitivity>;
  store: SelectionStore;
  now?(): number;
  newId?(): string;
}

const IDS_KEY = 'sel:ids';
const keyOf = (id: string) => `sel:${id}`;
/** Ids are ours (randomUUID), but they come back in page URLs: accept nothing else. */
const ID = /^[0-9a-f-]{8,64}$/;

/**
 * Cleans a selection from a page: a string only; control characters but tab and newline dropped,
 * line ends unified, white space trimmed; at most MAX_SELECTION_CHARS characters, never cutting a
 * surrogate pair. Returns the text and whether it was cut.
 */
export function cleanSelection(input: unknown): { text: string; truncated: boolean } {
  if (typeof input !== 'string') return { text: '', truncated: false };
  // Cap first (a huge string costs nothing more than its first part), then clean.
  const head = input.length > MAX_SELECTION_CHARS * 2 ? input.slice(0, MAX_SELECTION_CHARS * 2) : input;
  // eslint-disable-next-line no-control-regex
  let text = head.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').trim();
  let truncated = input.length > head.length;
  if (text.length > MAX_SELECTION_CHARS) {
    let end = MAX_SELECTION_CHARS;
    const c = text.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff) end--;
    text = text.slice(0, end);
    truncated = true;
  }
  return { text, truncated };
}

export class SelectionChecks {
  private readonly running = new Map<string, Promise<void>>();
  /** The ids list is read, changed and written one selection at a time. */
  private ids: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly deps: SelectionDeps) {
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? (() => crypto.randomUUID());
  }

  /**
   * Starts checking `selection` (from the page at `from`, whose address and title the selection
   * page names). Returns the id to open the selection page with; the check goes on after it.
   */
  async start(selection: unknown, from: { url?: unknown; title?: unknown } = {}): Promise<string> {
    const { text, truncated } = cleanSelection(selection);
    const id = this.newId();
    const url = typeof from.url === 'string' && from.url.length <= 4096 ? from.url : undefined;
    const title = typeof from.title === 'string' ? from.title.slice(0, 300) : undefined;
    const base: SelectionState = { status: 'checking', text, url, title, updatedAt: this.now(), ...(truncated ? { truncated } : {}) };
    await this.deps.store.set(keyOf(id), base);
    await this.remember(id);
    const run = this.run(base).then(
      (state) => this.record(id, state),
      (e: unknown) => this.record(id, { ...base, status: 'error', error: e instanceof Error ? e.message : String(e), updatedAt: this.now() }),
    );
    this.running.set(id, run);
    void run.finally(() => this.running.delete(id));
    return id;
  }

  /** A selection check's state once it is done (waits for one still running); null when unknown. */
  async state(id: unknown): Promise<SelectionState | null> {
    if (typeof id !== 'string' || !ID.test(id)) return null;
    await this.running.get(id);
    return ((await this.deps.store.get(keyOf(id))) as SelectionState | undefined) ?? null;
  }

  private async run(base: SelectionState): Promise<SelectionState> {
    const text = base.text ?? '';
    if (!/[\p{L}\p{N}]/u.test(text)) return { ...base, status: 'done', result: { duplicates: [], partial: [], related: [], pageWords: 0 }, updatedAt: this.now() };
    const index = await this.deps.index();
    const [count, sensitivity] = await Promise.all([index.backend.storyCount(), this.deps.sensitivity()]);
    if (count === 0) return { ...base, status: 'empty-corpus', updatedAt: this.now() };
    // No title: a selection has none, and the page's would add words the reader did not select.
    const result = await index.queryStaged({ text }, { sensitivity }).full;
    return { ...base, status: 'done', result: addProvenance(result, undefined), updatedAt: this.now() };
  }

  /** Stores a finished check, unless newer selections pushed it out meanwhile. */
  private async record(id: string, state: SelectionState): Promise<void> {
    const ids = ((await this.deps.store.get(IDS_KEY)) as string[] | undefined) ?? [];
    if (ids.includes(id)) await this.deps.store.set(keyOf(id), state);
  }

  /** Keeps the newest KEPT_SELECTIONS ids, forgetting the states of older ones. */
  private remember(id: string): Promise<void> {
    const next = this.ids.then(() => this.keep(id));
    this.ids = next.catch(() => {});
    return next;
  }

  private async keep(id: string): Promise<void> {
    const ids = ((await this.deps.store.get(IDS_KEY)) as string[] | undefined) ?? [];
    const next = [...ids.filter((x) => x !== id), id];
    for (const old of next.splice(0, Math.max(0, next.length - KEPT_SELECTIONS))) await this.deps.store.delete(keyOf(old));
    await this.deps.store.set(IDS_KEY, next);
  }
}
