// Small LRU cache of page results keyed by URL + text hash + settings + corpus generation.
import type { QueryResult } from '../index/types';
import { hashHex64 } from '../text/hash';

/** Cache key of one check: the same page text at the same URL against the same corpus state. */
export function checkKey(url: string, text: string, sensitivity: string, generation: string): string {
  return hashHex64(`${url}\u0000${sensitivity}\u0000${generation}\u0000${text}`);
}

/** Least-recently-used map of results; bounded so the worker's memory does not grow with browsing. */
export class CheckCache {
  private readonly entries = new Map<string, QueryResult>();
  constructor(private readonly capacity = 64) {}

  get(key: string): QueryResult | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: QueryResult): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
