// Alignment of shared passages between two word sequences: exact runs found from short seeds,
// chosen one-to-one (longest first), then merged across small gaps so a lightly edited passage
// (a word changed, dropped or inserted) stays one passage.
import { shingleHashes } from './fingerprint';
import { MAX_GAP_WORDS, MIN_PASSAGE_WORDS, SEED_WORDS } from './params';

/** A shared passage in word indices, half-open: page words [pageFrom, pageTo) align with story
 *  words [storyFrom, storyTo); `matched` words of it are identical in both. */
export interface WordPassage {
  pageFrom: number;
  pageTo: number;
  storyFrom: number;
  storyTo: number;
  matched: number;
}

interface Run {
  p: number;
  s: number;
  len: number;
}

/** Seed positions per hash are capped: a phrase repeated more often than this in one story is
 *  formula, and following every copy would make alignment quadratic. */
const MAX_SEED_REPEATS = 32;

function exactRuns(page: Uint32Array, story: Uint32Array, seed: number): Run[] {
  const storySeeds = shingleHashes(story, seed);
  const pageSeeds = shingleHashes(page, seed);
  const where = new Map<number, number[]>();
  for (let j = 0; j < storySeeds.length; j++) {
    const list = where.get(storySeeds[j]);
    if (!list) where.set(storySeeds[j], [j]);
    else if (list.length < MAX_SEED_REPEATS) list.push(j);
  }
  const runs: Run[] = [];
  // Furthest page index already covered by a run on each diagonal (p - s), so a run is found once.
  const reach = new Map<number, number>();
  for (let i = 0; i < pageSeeds.length; i++) {
    const list = where.get(pageSeeds[i]);
    if (!list) continue;
    for (const j of list) {
      const diag = i - j;
      if ((reach.get(diag) ?? -1) > i) continue;
      let len = 0;
      while (i + len < page.length && j + len < story.length && page[i + len] === story[j + len]) len++;
      reach.set(diag, i + len);
      if (len >= seed) runs.push({ p: i, s: j, len });
    }
  }
  return runs;
}

/** Longest runs first, each word of either text used at most once; a run overlapping earlier
 *  choices keeps its longest free part. */
function chooseOneToOne(runs: Run[], pageLen: number, storyLen: number, seed: number): Run[] {
  runs.sort((a, b) => b.len - a.len || a.p - b.p);
  const pageUsed = new Uint8Array(pageLen);
  const storyUsed = new Uint8Array(storyLen);
  const chosen: Run[] = [];
  for (const r of runs) {
    let bestStart = -1;
    let bestLen = 0;
    let curStart = -1;
    for (let t = 0; t <= r.len; t++) {
      const free = t < r.len && !pageUsed[r.p + t] && !storyUsed[r.s + t];
      if (free && curStart < 0) curStart = t;
      if (!free && curStart >= 0) {
        if (t - curStart > bestLen) {
          bestLen = t - curStart;
          bestStart = curStart;
        }
        curStart = -1;
      }
    }
    if (bestLen < seed) continue;
    const run = { p: r.p + bestStart, s: r.s + bestStart, len: bestLen };
    pageUsed.fill(1, run.p, run.p + run.len);
    storyUsed.fill(1, run.s, run.s + run.len);
    chosen.push(run);
  }
  return chosen.sort((a, b) => a.p - b.p);
}

/**
 * Shared passages between two texts given as word-hash sequences, ordered by page position.
 * Passages with fewer than `minWords` identical words are dropped.
 */
export function alignPassages(
  page: Uint32Array,
  story: Uint32Array,
  opts: { seed?: number; maxGap?: number; minWords?: number } = {},
): WordPassage[] {
  const seed = opts.seed ?? SEED_WORDS;
  const maxGap = opts.maxGap ?? MAX_GAP_WORDS;
  const minWords = opts.minWords ?? MIN_PASSAGE_WORDS;
  const runs = chooseOneToOne(exactRuns(page, story, seed), page.length, story.length, seed);
  const out: WordPassage[] = [];
  let cur: WordPassage | null = null;
  for (const r of runs) {
    if (cur) {
      const pageGap = r.p - cur.pageTo;
      const storyGap = r.s - cur.storyTo;
      if (pageGap >= 0 && pageGap <= maxGap && storyGap >= 0 && storyGap <= maxGap) {
        cur.pageTo = r.p + r.len;
        cur.storyTo = r.s + r.len;
        cur.matched += r.len;
        continue;
      }
      if (cur.matched >= minWords) out.push(cur);
    }
    cur = { pageFrom: r.p, pageTo: r.p + r.len, storyFrom: r.s, storyTo: r.s + r.len, matched: r.len };
  }
  if (cur && cur.matched >= minWords) out.push(cur);
  return out;
}
