// Per-tab reading state kept by the background: what the content script reported and the result.
import type { QueryResult } from '../index/types';
import type { TeamStatus } from './team-index';

/**
 * Where a tab stands. `waiting-click`: checking is set to "only on click"; `site-disabled`: the site
 * is in "never check"; `empty-corpus`: nothing imported yet.
 */
export type TabStatus =
  | 'idle'
  | 'checking'
  | 'not-article'
  | 'site-disabled'
  | 'waiting-click'
  | 'empty-corpus'
  | 'done'
  | 'error';

/** Statuses a content script reports without a check. */
export type ReportedStatus = 'not-article' | 'site-disabled' | 'waiting-click';

/** Timings of one check, in milliseconds. */
export interface CheckTimings {
  /** Background: index query up to the reuse verdicts, the page's answer (0 when served from the cache). */
  queryMs: number;
  /** Background: from the page's answer until related stories were known. */
  relatedMs?: number;
  /** Whether the result came from the per-page cache (or a check of the same page still running). */
  cached: boolean;
}

export interface TabState {
  status: TabStatus;
  url?: string;
  title?: string;
  /** The page text that was checked: passages index into it (the viewer shows it). */
  text?: string;
  /** The checked page's own publication time (ISO 8601, from its metadata), when it has one. */
  published?: string;
  result?: QueryResult;
  /** Why the check failed (`error`), or, with `done`, why related stories are missing. */
  error?: string;
  /** Epoch ms of the last change. */
  updatedAt: number;
  timings?: CheckTimings;
  /** The team index's part in this check; absent when no team index is set up. */
  team?: TeamStatus;
}

/** Where tab states live: memory in tests, `storage.session` in the extension (the worker may stop). */
export interface TabStateStore {
  get(tabId: number): Promise<TabState | undefined>;
  set(tabId: number, state: TabState): Promise<void>;
  delete(tabId: number): Promise<void>;
}

/** A TabStateStore in memory. */
export class MemoryTabStateStore implements TabStateStore {
  private readonly states = new Map<number, TabState>();
  async get(tabId: number) {
    return this.states.get(tabId);
  }
  async set(tabId: number, state: TabState) {
    this.states.set(tabId, state);
  }
  async delete(tabId: number) {
    this.states.delete(tabId);
  }
}

/** Number of duplicated stories (copies and partial reuses) a result reports. */
export function duplicatedCount(result: QueryResult | undefined): number {
  return result ? result.duplicates.length + result.partial.length : 0;
}
