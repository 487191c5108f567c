// In-memory IndexBackend: the reference implementation, used by the CLI, benchmarks and tests.
import { storyRef } from '../story-ref';
import type { AddResult, AnalysedStory, CollectionInfo, IndexBackend, StoredStory, TermPostings } from '../types';

/** Keys are collection number × 2^24 + sequence, so a key names its collection without a lookup. */
export const KEYS_PER_COLLECTION = 2 ** 24;

/** Fingerprint postings are split over this many Maps by the hash's low byte: one V8 Map holds at
 *  most 2^24 entries, which one Map of ~240 fingerprints a story reaches near 70,000 stories. */
const FP_SHARDS = 256;
/** Keys returned per term, highest weights first (df stays exact), as the IndexedDB backend does:
 *  a common term's full list would cost a query time without changing its top related stories. */
const TERM_KEYS_CAP = 1000;

/** A posting list: one story key as a plain number (most fingerprints have a single holder, and an
 *  array each would triple the index's memory), more as an array. */
type Holders = number | number[];

interface Collection {
  info: CollectionInfo;
  number: number;
  nextSeq: number;
  keys: number[];
}

export class MemoryBackend implements IndexBackend {
  private collections = new Map<string, Collection>();
  private byNumber = new Map<number, Collection>();
  private stories = new Map<number, StoredStory>();
  private byId = new Map<string, number>();
  private fp: Map<number, Holders>[] = Array.from({ length: FP_SHARDS }, () => new Map());
  private terms = new Map<string, { keys: number[]; weights: number[] }>();
  private nextCollection = 1;

  async ensureCollection(info: { id: string; name: string }): Promise<void> {
    if (this.collections.has(info.id)) return;
    const c: Collection = {
      info: { id: info.id, name: info.name, enabled: true, stories: 0, bytes: 0, importedAt: new Date().toISOString() },
      number: this.nextCollection++,
      nextSeq: 0,
      keys: [],
    };
    this.collections.set(info.id, c);
    this.byNumber.set(c.number, c);
  }

  async putStories(collectionId: string, stories: AnalysedStory[]): Promise<AddResult> {
    const c = this.collections.get(collectionId);
    if (!c) throw new Error(`unknown collection ${collectionId}`);
    let added = 0;
    let alreadyPresent = 0;
    for (const s of stories) {
      if (this.byId.has(s.id)) {
        alreadyPresent++;
        continue;
      }
      if (c.nextSeq >= KEYS_PER_COLLECTION) throw new Error('collection is full (16,777,216 stories)');
      const key = c.number * KEYS_PER_COLLECTION + c.nextSeq++;
      const stored: StoredStory = { ...s, key, collection: collectionId };
      this.stories.set(key, stored);
      this.byId.set(s.id, key);
      c.keys.push(key);
      c.info.stories++;
      c.info.bytes += s.title.length + s.text.length;
      for (const h of s.fingerprints) {
        const shard = this.fp[h & (FP_SHARDS - 1)];
        const held = shard.get(h);
        if (held === undefined) shard.set(h, key);
        else if (typeof held === 'number') shard.set(h, [held, key]);
        else held.push(key);
      }
      for (const [t, w] of s.terms) {
        const p = this.terms.get(t);
        if (p) {
          p.keys.push(key);
          p.weights.push(w);
        } else this.terms.set(t, { keys: [key], weights: [w] });
      }
      added++;
    }
    return { added, alreadyPresent };
  }

  async removeCollection(collectionId: string): Promise<void> {
    const c = this.collections.get(collectionId);
    if (!c) return;
    const gone = new Set(c.keys);
    for (const key of c.keys) {
      const s = this.stories.get(key)!;
      // Two stories of the collection may share a hash or term: the first removal may have emptied it.
      for (const h of s.fingerprints) {
        const shard = this.fp[h & (FP_SHARDS - 1)];
        const held = shard.get(h);
        const list = (held === undefined ? [] : typeof held === 'number' ? [held] : held).filter((k) => !gone.has(k));
        if (list.length === 0) shard.delete(h);
        else shard.set(h, list.length === 1 ? list[0] : list);
      }
      for (const [t] of s.terms) {
        const p = this.terms.get(t);
        if (!p) continue;
        const keep = p.keys.map((k, i) => [k, p.weights[i]] as const).filter(([k]) => !gone.has(k));
        if (keep.length) this.terms.set(t, { keys: keep.map(([k]) => k), weights: keep.map(([, w]) => w) });
        else this.terms.delete(t);
      }
      this.stories.delete(key);
      this.byId.delete(s.id);
    }
    this.collections.delete(collectionId);
    this.byNumber.delete(c.number);
  }

  async setCollectionEnabled(collectionId: string, enabled: boolean): Promise<void> {
    const c = this.collections.get(collectionId);
    if (c) c.info.enabled = enabled;
  }

  async listCollections(): Promise<CollectionInfo[]> {
    return [...this.collections.values()].map((c) => ({ ...c.info }));
  }

  async fingerprintPostings(hashes: number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    for (const h of hashes) {
      const held = this.fp[h & (FP_SHARDS - 1)].get(h);
      if (held !== undefined) out.set(h, typeof held === 'number' ? [held] : held.slice());
    }
    return out;
  }

  async termPostings(terms: string[]): Promise<Map<string, TermPostings>> {
    const out = new Map<string, TermPostings>();
    for (const t of terms) {
      const p = this.terms.get(t);
      if (!p) continue;
      if (p.keys.length <= TERM_KEYS_CAP) {
        out.set(t, { df: p.keys.length, keys: p.keys.slice(), weights: p.weights.slice() });
        continue;
      }
      const top = p.weights
        .map((w, i) => [w, i] as const)
        .sort((a, b) => b[0] - a[0])
        .slice(0, TERM_KEYS_CAP);
      out.set(t, { df: p.keys.length, keys: top.map(([, i]) => p.keys[i]), weights: top.map(([w]) => w) });
    }
    return out;
  }

  async getStories(keys: number[]): Promise<StoredStory[]> {
    const out: StoredStory[] = [];
    for (const k of keys) {
      const s = this.stories.get(k);
      if (s && this.isEnabled(k)) out.push(s);
    }
    return out;
  }

  async getStoryTerms(keys: number[]) {
    return (await this.getStories(keys)).map((s) => ({ ...storyRef(s), key: s.key, terms: s.terms }));
  }

  async getStoryById(id: string): Promise<StoredStory | undefined> {
    const key = this.byId.get(id);
    return key === undefined ? undefined : this.stories.get(key);
  }

  async getSignatures(keys: number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    for (const k of keys) {
      const s = this.stories.get(k);
      if (s) out.set(k, s.signature);
    }
    return out;
  }

  async storyCount(): Promise<number> {
    return this.stories.size;
  }

  async collectionStories(collectionId: string, afterKey: number, limit: number): Promise<StoredStory[]> {
    const c = this.collections.get(collectionId);
    if (!c) return [];
    const out: StoredStory[] = [];
    for (const k of c.keys) {
      if (k <= afterKey) continue;
      out.push(this.stories.get(k)!);
      if (out.length >= limit) break;
    }
    return out;
  }

  private isEnabled(key: number): boolean {
    return this.byNumber.get(Math.floor(key / KEYS_PER_COLLECTION))?.info.enabled ?? false;
  }
}
