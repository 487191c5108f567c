// Detects where a story starts to repeat itself, the mark of a reprint glued onto a page without a title.
import { fmix32 } from '../text/hash';
import { foldTable } from './segment-words';

/** Paragraphs shorter than this many words neither start nor break a repeat run. */
export const MIN_REPEAT_WORDS = 6;
/** Share of a paragraph's word 3-grams already seen in the story for it to count as a repeat. */
export const REPEAT_CONTAINMENT = 0.5;
/** Consecutive repeating paragraphs needed before a reprint is declared (one repeated quote is normal). */
export const REPEAT_RUN = 2;

let scratch = new Int32Array(4096);

/**
 * Writes the hashes of the text's word 3-grams (case, punctuation and apostrophe style ignored) into a
 * shared scratch buffer and returns how many there are; the buffer is valid until the next call.
 */
function shingleScratch(text: string): number {
  const fold = foldTable();
  let n = 0;
  let w1 = 0;
  let w2 = 0;
  let seen = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? fold[text.charCodeAt(i)] : 0;
    if (c) {
      h = Math.imul(h ^ c, 0x01000193);
      inWord = true;
    } else if (inWord) {
      const w = fmix32(h);
      if (++seen >= 3) {
        if (n === scratch.length) {
          const bigger = new Int32Array(scratch.length * 2);
          bigger.set(scratch);
          scratch = bigger;
        }
        // 30 bits keep the keys small integers, which Sets hash much faster than heap numbers.
        scratch[n++] = (Math.imul(w1, 0x9e3779b1) ^ Math.imul(w2, 0x85ebca6b) ^ w) & 0x3fffffff;
      }
      w1 = w2;
      w2 = w;
      h = 0x811c9dc5;
      inWord = false;
    }
  }
  return n;
}

/** Hashes of the text's word 3-grams (case, punctuation and apostrophe style ignored). */
export function shingles(text: string): number[] {
  return Array.from(scratch.subarray(0, shingleScratch(text)));
}

/**
 * Follows the paragraphs of one story. `add` returns the index (into the paragraphs added so far) where
 * a reprint starts once REPEAT_RUN consecutive substantial paragraphs each mostly repeat earlier text
 * of the story; the caller then moves those paragraphs to a new story and calls `restart`.
 */
export class RepeatTracker {
  private seen = new Set<number>();
  private run: number[] = [];
  private count = 0;

  /** Adds the next paragraph; returns where the reprint starts, or -1. */
  add(text: string): number {
    const index = this.count++;
    const n = shingleScratch(text);
    const sh = scratch;
    if (n + 2 < MIN_REPEAT_WORDS) {
      for (let k = 0; k < n; k++) this.seen.add(sh[k]);
      return -1;
    }
    // One Set operation per 3-gram: it was seen before when adding it leaves the size unchanged.
    let hit = 0;
    for (let k = 0; k < n; k++) {
      const size = this.seen.size;
      if (this.seen.add(sh[k]).size === size) hit++;
    }
    if (hit / n >= REPEAT_CONTAINMENT) {
      this.run.push(index);
      if (this.run.length >= REPEAT_RUN) return this.run[0];
    } else {
      this.run = [];
    }
    return -1;
  }

  /** Starts over with the given paragraphs as the new story's text so far. */
  restart(texts: readonly string[]): void {
    this.seen = new Set<number>();
    this.run = [];
    this.count = 0;
    for (const t of texts) {
      this.count++;
      const n = shingleScratch(t);
      for (let k = 0; k < n; k++) this.seen.add(scratch[k]);
    }
  }
}
