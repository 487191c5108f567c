// Detects where a story starts to repeat itself, the mark of a reprint glued onto a page without a title.
import { fmix32 } from '../text/hash';
import { IntSet } from './segment-intset';
import { wordCharTable } from './segment-words';

/** Paragraphs shorter than this many words neither start nor break a repeat run. */
export const MIN_REPEAT_WORDS = 6;
/** Share of a paragraph's word 3-grams already seen in the story for it to count as a repeat. */
export const REPEAT_CONTAINMENT = 0.5;
/** Consecutive repeating paragraphs needed before a reprint is declared (one repeated quote is normal). */
export const REPEAT_RUN = 2;

/** Hashes of the paragraph's word 3-grams (case, punctuation and apostrophe style ignored). */
export function shingles(text: string): number[] {
  const table = wordCharTable();
  const s = text.toLowerCase();
  const out: number[] = [];
  let w1 = 0;
  let w2 = 0;
  let seen = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    if (table[c]) {
      h = Math.imul(h ^ c, 0x01000193);
      inWord = true;
    } else if (inWord) {
      const w = fmix32(h);
      // 30 bits keep the keys small integers, which Sets hash much faster than heap numbers.
      if (++seen >= 3) out.push((Math.imul(w1, 0x9e3779b1) ^ Math.imul(w2, 0x85ebca6b) ^ w) & 0x3fffffff);
      w1 = w2;
      w2 = w;
      h = 0x811c9dc5;
      inWord = false;
    }
  }
  return out;
}

/**
 * Follows the paragraphs of one story. `add` returns the index (into the paragraphs added so far) where
 * a reprint starts once REPEAT_RUN consecutive substantial paragraphs each mostly repeat earlier text
 * of the story; the caller then moves those paragraphs to a new story and calls `restart`.
 */
export class RepeatTracker {
  private seen = new IntSet();
  private run: number[] = [];
  private count = 0;

  /** Adds the next paragraph; returns where the reprint starts, or -1. */
  add(text: string): number {
    const index = this.count++;
    const sh = shingles(text);
    if (sh.length + 2 < MIN_REPEAT_WORDS) {
      for (const h of sh) this.seen.add(h);
      return -1;
    }
    let hit = 0;
    for (const h of sh) if (this.seen.has(h)) hit++;
    for (const h of sh) this.seen.add(h);
    if (hit / sh.length >= REPEAT_CONTAINMENT) {
      this.run.push(index);
      if (this.run.length >= REPEAT_RUN) return this.run[0];
    } else {
      this.run = [];
    }
    return -1;
  }

  /** Starts over with the given paragraphs as the new story's text so far. */
  restart(texts: readonly string[]): void {
    this.seen = new IntSet();
    this.run = [];
    this.count = 0;
    for (const t of texts) {
      this.count++;
      for (const h of shingles(t)) this.seen.add(h);
    }
  }
}
