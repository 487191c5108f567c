// Naive baselines the engine benchmark runs beside StoryIndex in the same process: what a
// straightforward implementation of "find reused text" would do. Word 5-grams as strings, every one
// kept; queries answered by a linear scan computing Jaccard with every story in the corpus.

/** Shingle length of the baselines: the same 5 words as the engine, so only the method differs. */
export const NAIVE_SHINGLE = 5;

/** Lower-cased words split on anything that is not a letter or digit (Unicode-aware). */
export function naiveWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Every word k-gram of the text, as a string, in a Set. */
export function naiveShingleSet(text: string, k = NAIVE_SHINGLE): Set<string> {
  const words = naiveWords(text);
  const out = new Set<string>();
  for (let i = 0; i + k <= words.length; i++) out.add(words.slice(i, i + k).join(' '));
  return out;
}

/** 32-bit FNV-1a of a string (the textbook version, no finalizer). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Every word k-gram hashed (FNV-1a of the joined string), sorted ascending and unique. */
export function hashedShingleSet(text: string, k = NAIVE_SHINGLE): Uint32Array {
  const words = naiveWords(text);
  const n = Math.max(0, words.length - k + 1);
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = fnv1a(words.slice(i, i + k).join(' '));
  all.sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || all[i] !== all[i - 1]) all[m++] = all[i];
  return all.slice(0, m);
}

/** One story's resemblance to the page. */
export interface BaselineMatch {
  id: string;
  /** 5-grams in common. */
  shared: number;
  /** |page ∩ story| / |page ∪ story| over 5-gram sets. */
  jaccard: number;
  /** |page ∩ story| / |story|: how much of the story the page holds. */
  containment: number;
}

/** Thresholds a naive checker would use: a reprint resembles its source, a quoted story is partly
 *  contained in the page. */
export const BASELINE_DUPLICATE_JACCARD = 0.3;
export const BASELINE_DUPLICATE_CONTAINMENT = 0.5;
/** Ten shared 5-grams are a run of about 14 words: more than a stock phrase. */
export const BASELINE_PARTIAL_SHARED = 10;

function verdictOrder(a: BaselineMatch, b: BaselineMatch): number {
  return b.jaccard - a.jaccard || b.containment - a.containment;
}

/** The all-pairs baseline: every story's full 5-gram string set, every query a scan of them all. */
export class NaiveShingleIndex {
  private ids: string[] = [];
  private sets: Set<string>[] = [];

  add(id: string, text: string): void {
    this.ids.push(id);
    this.sets.push(naiveShingleSet(text));
  }

  get size(): number {
    return this.ids.length;
  }

  /** Stories sharing at least `minShared` 5-grams with the page, most similar first. */
  query(text: string, minShared = 2): BaselineMatch[] {
    const page = naiveShingleSet(text);
    const out: BaselineMatch[] = [];
    for (let s = 0; s < this.sets.length; s++) {
      const story = this.sets[s];
      const [small, large] = story.size < page.size ? [story, page] : [page, story];
      let shared = 0;
      for (const g of small) if (large.has(g)) shared++;
      if (shared < minShared) continue;
      out.push({ id: this.ids[s], shared, jaccard: shared / (page.size + story.size - shared), containment: shared / story.size });
    }
    return out.sort(verdictOrder);
  }
}

/** The same scan over sorted 32-bit shingle hashes (a merge per story): the naive method at a memory
 *  cost that still fits 100,000 stories, where the string sets would not. */
export class HashedShingleIndex {
  private ids: string[] = [];
  private sets: Uint32Array[] = [];

  add(id: string, text: string): void {
    this.ids.push(id);
    this.sets.push(hashedShingleSet(text));
  }

  get size(): number {
    return this.ids.length;
  }

  query(text: string, minShared = 2): BaselineMatch[] {
    const page = hashedShingleSet(text);
    const out: BaselineMatch[] = [];
    for (let s = 0; s < this.sets.length; s++) {
      const story = this.sets[s];
      let i = 0;
      let j = 0;
      let shared = 0;
      while (i < page.length && j < story.length) {
        const a = page[i];
        const b = story[j];
        if (a === b) {
          shared++;
          i++;
          j++;
        } else if (a < b) i++;
        else j++;
      }
      if (shared < minShared) continue;
      out.push({ id: this.ids[s], shared, jaccard: shared / (page.length + story.length - shared), containment: shared / story.length });
    }
    return out.sort(verdictOrder);
  }
}

/** The baseline's verdict on one match, for quality figures beside the speed ones. */
export function baselineKind(m: BaselineMatch): 'duplicate' | 'partial' | 'none' {
  if (m.jaccard >= BASELINE_DUPLICATE_JACCARD || m.containment >= BASELINE_DUPLICATE_CONTAINMENT) return 'duplicate';
  return m.shared >= BASELINE_PARTIAL_SHARED ? 'partial' : 'none';
}
