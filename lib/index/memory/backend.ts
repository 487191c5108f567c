// In-memory IndexBackend: the reference implementation, used by the CLI, benchmarks and tests.
//
// Memory is the CLI's limit (it builds the whole index on every run): every story's text (as UTF-8),
// signature, fingerprints and weighted term ids are appended to a few pools of typed arrays
// (pools.ts), and the postings are sorted runs of positions in those pools (posting-runs.ts): 8 bytes
// per fingerprint and 16 per term, the story's own copy included, against ~50 for a Map entry and an
// array each plus the story's arrays, and no 2^24-entry Map limit. A stored story is rebuilt from the
// pools when a query reads it. Pools only grow: a removed collection's entries stay, unreferenced.
import type { Story } from '../../corpus/story';
import { storyRef } from '../story-ref';
import type { AddResult, AnalysedStory, CollectionInfo, IndexBackend, StoredStory, StoryRef, TermPostings } from '../types';
import { PostingRuns } from './posting-runs';
import { BytePool, F64Pool, U32Pool } from './pools';

/** Keys are collection number × 2^24 + sequence, so a key names its collection without a lookup. */
export const KEYS_PER_COLLECTION = 2 ** 24;

/** Keys returned per term, highest weights first (df stays exact), as the IndexedDB backend does:
 *  a common term's full list would cost a query time without changing its top related stories. */
const TERM_KEYS_CAP = 1000;

interface Collection {
  info: CollectionInfo;
  number: number;
  nextSeq: number;
  keys: number[];
}

/** Story text is held as UTF-8: V8 keeps a string with any character above U+00FF (a curly quote)
 *  at two bytes a character, and most news text has one. Text with a lone surrogate, which UTF-8
 *  cannot hold, stays a string. */
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();
const LONE_SURROGATE = /\p{Cs}/u;

/** One stored story: its plain fields, and where its text and analysis are in the pools. */
interface Held {
  story: Omit<Story, 'text'>;
  /** Position of the UTF-8 text in the byte pool, or the text itself (see LONE_SURROGATE). */
  text: number | string;
  textBytes: number;
  key: number;
  collection: string;
  words: number;
  sigAt: number;
  sigLen: number;
  fpAt: number;
  fpLen: number;
  termAt: number;
  termLen: number;
}

export class MemoryBackend implements IndexBackend {
  private collections = new Map<string, Collection>();
  private byNumber = new Map<number, Collection>();
  /** Stories by slot (insertion order); a removed story leaves its slot empty. */
  private held: (Held | undefined)[] = [];
  private slotOfKey = new Map<number, number>();
  private byId = new Map<string, number>();
  private live = 0;
  private textPool = new BytePool();
  private sigPool = new U32Pool();
  private fpPool = new U32Pool();
  private termPool = new U32Pool();
  private weightPool = new F64Pool();
  /** Per slot, the position of its first fingerprint and first term (ascending: binary search). */
  private fpStarts: number[] = [];
  private termStarts: number[] = [];
  private fp = new PostingRuns((pos) => this.fpPool.get(pos));
  private termPostingRuns = new PostingRuns((pos) => this.termPool.get(pos));
  private termIds = new Map<string, number>();
  private termNames: string[] = [];
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
      const slot = this.held.length;
      const { fingerprints, signature, terms, words, text, ...story } = s;
      const bytes = LONE_SURROGATE.test(text) ? undefined : utf8.encode(text);
      const termAt = this.termPool.size;
      for (const [t, w] of terms) {
        this.termPool.push(this.termId(t));
        this.weightPool.push(w);
      }
      const h: Held = {
        story,
        text: bytes ? this.textPool.pushAll(bytes) : text,
        textBytes: bytes ? bytes.length : 0,
        key,
        collection: collectionId,
        words,
        sigAt: this.sigPool.pushAll(signature),
        sigLen: signature.length,
        fpAt: this.fpPool.pushAll(fingerprints),
        fpLen: fingerprints.length,
        termAt,
        termLen: terms.length,
      };
      this.fp.extendTo(this.fpPool.size);
      this.termPostingRuns.extendTo(this.termPool.size);
      this.fpStarts.push(h.fpAt);
      this.termStarts.push(h.termAt);
      this.held.push(h);
      this.slotOfKey.set(key, slot);
      this.byId.set(s.id, slot);
      this.live++;
      c.keys.push(key);
      c.info.stories++;
      c.info.bytes += s.title.length + s.text.length;
      added++;
    }
    return { added, alreadyPresent };
  }

  async removeCollection(collectionId: string): Promise<void> {
    const c = this.collections.get(collectionId);
    if (!c) return;
    const gone = new Set<number>();
    for (const key of c.keys) {
      const slot = this.slotOfKey.get(key)!;
      gone.add(slot);
      this.byId.delete(this.held[slot]!.story.id);
      this.slotOfKey.delete(key);
      this.held[slot] = undefined;
      this.live--;
    }
    this.fp.remove((pos) => gone.has(slotAt(this.fpStarts, pos)));
    this.termPostingRuns.remove((pos) => gone.has(slotAt(this.termStarts, pos)));
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
      const keys: number[] = [];
      this.fp.forEach(h, (pos) => keys.push(this.held[slotAt(this.fpStarts, pos)]!.key));
      if (keys.length) out.set(h, keys);
    }
    return out;
  }

  async termPostings(terms: string[]): Promise<Map<string, TermPostings>> {
    const out = new Map<string, TermPostings>();
    for (const t of terms) {
      const id = this.termIds.get(t);
      if (id === undefined) continue;
      const keys: number[] = [];
      const weights: number[] = [];
      this.termPostingRuns.forEach(id, (pos) => {
        keys.push(this.held[slotAt(this.termStarts, pos)]!.key);
        weights.push(this.weightPool.get(pos));
      });
      if (keys.length === 0) continue;
      if (keys.length <= TERM_KEYS_CAP) {
        out.set(t, { df: keys.length, keys, weights });
        continue;
      }
      const top = weights
        .map((w, i) => [w, i] as const)
        .sort((a, b) => b[0] - a[0])
        .slice(0, TERM_KEYS_CAP);
      out.set(t, { df: keys.length, keys: top.map(([, i]) => keys[i]), weights: top.map(([w]) => w) });
    }
    return out;
  }

  async getStories(keys: number[]): Promise<StoredStory[]> {
    const out: StoredStory[] = [];
    for (const k of keys) {
      const h = this.heldByKey(k);
      if (h && this.isEnabled(k)) out.push(this.stored(h));
    }
    return out;
  }

  async getStoryTerms(keys: number[]) {
    const out: (StoryRef & { key: number; terms: [string, number][] })[] = [];
    for (const k of keys) {
      const h = this.heldByKey(k);
      if (h && this.isEnabled(k)) out.push({ ...storyRef({ ...h.story, collection: h.collection }), key: h.key, terms: this.termsOf(h) });
    }
    return out;
  }

  async getStoryById(id: string): Promise<StoredStory | undefined> {
    const slot = this.byId.get(id);
    return slot === undefined ? undefined : this.stored(this.held[slot]!);
  }

  async getSignatures(keys: number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    for (const k of keys) {
      const h = this.heldByKey(k);
      if (h) out.set(k, Array.from(this.sigPool.slice(h.sigAt, h.sigLen)));
    }
    return out;
  }

  async storyCount(): Promise<number> {
    return this.live;
  }

  async collectionStories(collectionId: string, afterKey: number, limit: number): Promise<StoredStory[]> {
    const c = this.collections.get(collectionId);
    if (!c) return [];
    const out: StoredStory[] = [];
    for (const k of c.keys) {
      if (k <= afterKey) continue;
      out.push(this.stored(this.heldByKey(k)!));
      if (out.length >= limit) break;
    }
    return out;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      this.termIds.set(term, id);
      this.termNames.push(term);
    }
    return id;
  }

  private termsOf(h: Held): [string, number][] {
    const out: [string, number][] = [];
    for (let i = 0; i < h.termLen; i++) out.push([this.termNames[this.termPool.get(h.termAt + i)], this.weightPool.get(h.termAt + i)]);
    return out;
  }

  private heldByKey(key: number): Held | undefined {
    const slot = this.slotOfKey.get(key);
    return slot === undefined ? undefined : this.held[slot];
  }

  private stored(h: Held): StoredStory {
    return {
      ...h.story,
      text: typeof h.text === 'string' ? h.text : fromUtf8.decode(this.textPool.slice(h.text, h.textBytes)),
      fingerprints: Array.from(this.fpPool.slice(h.fpAt, h.fpLen)),
      signature: Array.from(this.sigPool.slice(h.sigAt, h.sigLen)),
      terms: this.termsOf(h),
      words: h.words,
      key: h.key,
      collection: h.collection,
    };
  }

  private isEnabled(key: number): boolean {
    return this.byNumber.get(Math.floor(key / KEYS_PER_COLLECTION))?.info.enabled ?? false;
  }
}

/** The slot whose range holds pool position `pos`: the last slot starting at or before it (a slot
 *  with no entries starts where the next one does, so the last of equal starts is the one holding). */
function slotAt(starts: number[], pos: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
