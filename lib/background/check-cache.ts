// Small LRU cache of page checks keyed by URL + text hash + settings + corpus generation.
import type { StagedQuery } from '../index/story-index';
import { hashHex64 } from '../text/hash';

/** Cache key of one check: the same page text at the same URL against the same corpus state. */
export function checkKey(url: string, text: string, sensitivity: string, generation: string): string {
  return hashHex64(`${url}\u0000${sensitivity}\u0000${generation}\u0000${text}`);
}

/**
 * Least-recently-used map of checks; bounded so the worker's memory does not grow with browsing.
 * A check is cached as its two stages, from the start: a repeat of a page whose related stories are
 * still being found shares them instead of querying again.
 */
export class CheckCache {
  private readonly entries = new Map<string, StagedQuery>();
  constructor(private readonly capacity = 64) {}

  get(key: string): StagedQuery | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: StagedQuery): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** Forgets `key` if it still holds `value` (a failed check, not the one that replaced it). */
  drop(key: string, value: StagedQuery): void {
    if (this.entries.get(key) === value) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
