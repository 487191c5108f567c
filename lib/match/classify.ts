// From aligned passages to a verdict: duplicate (reprint, syndicated copy, light rewrite), partial
// reuse (quoted passages), or nothing (stock phrases too short to be evidence).
import type { Sensitivity } from '../index/types';
import type { WordPassage } from './align';
import { alignedCoverage } from './aligned-coverage';

export interface Verdict {
  kind: 'duplicate' | 'partial' | 'none';
  pageShare: number;
  storyShare: number;
}

/** Thresholds per sensitivity. `containment`: the shorter text's share in passages that makes a
 *  duplicate; `resemblance`: the same for both texts together (Dice); `partialWords`: identical words
 *  needed for a partial reuse — above a stock formula's length ("the U.S. Geological Survey said the
 *  quake struck at a depth of" is 12 words), below a quoted paragraph's. */
export const THRESHOLDS: Record<Sensitivity, { containment: number; resemblance: number; partialWords: number }> = {
  strict: { containment: 0.7, resemblance: 0.6, partialWords: 25 },
  normal: { containment: 0.5, resemblance: 0.45, partialWords: 16 },
  loose: { containment: 0.35, resemblance: 0.3, partialWords: 10 },
};

export function classify(passages: WordPassage[], pageWords: number, storyWords: number, sensitivity: Sensitivity = 'normal'): Verdict {
  let pageCovered = 0;
  let storyCovered = 0;
  let matched = 0;
  for (const p of passages) {
    pageCovered += p.pageTo - p.pageFrom;
    storyCovered += p.storyTo - p.storyFrom;
    matched += p.matched;
  }
  const pageShare = pageWords ? Math.min(1, pageCovered / pageWords) : 0;
  const storyShare = storyWords ? Math.min(1, storyCovered / storyWords) : 0;
  const t = THRESHOLDS[sensitivity];
  const containment = pageWords <= storyWords ? pageShare : storyShare;
  const resemblance = pageWords + storyWords ? (pageCovered + storyCovered) / (pageWords + storyWords) : 0;
  let kind: Verdict['kind'] = 'none';
  if (matched >= t.partialWords || passages.length >= 2) {
    kind = containment >= t.containment || resemblance >= t.resemblance ? 'duplicate' : 'partial';
    // Two short formula passages are not reuse either.
    if (kind === 'partial' && matched < t.partialWords) kind = 'none';
  }
  return { kind, pageShare, storyShare };
}

/** Share of the shorter text's content words in aligned regions (aligned-coverage.ts) that makes a
 *  partly aligned story a rewritten duplicate. `npm run eval:same-event`: rewrites of one word in four
 *  to one in eight cover 0.72–1.0 of the shorter text; short same-event stories sharing wire
 *  paragraphs (25–50% of their words) 0.1–0.65, but for a chart of dosage formulas both repeat. */
export const REWRITE_COVERAGE: Record<Sensitivity, number> = { strict: 0.8, normal: 0.7, loose: 0.65 };

/** Whether two texts (their normalized words) are one copy reworded: a rewrite changes words
 *  scattered evenly through the whole text, so aligned regions cover nearly all of the shorter one;
 *  same-event stories share islands inside different text. */
export function isRewrite(pageWords: readonly string[], storyWords: readonly string[], sensitivity: Sensitivity = 'normal'): boolean {
  return alignedCoverage(pageWords, storyWords) >= REWRITE_COVERAGE[sensitivity];
}
