// The translation stage of a page query: which candidate stories (found by shared anchor terms) the
// page translates, judged paragraph by paragraph, as reuse matches marked with the language pair.
import type { CandidateStory } from '../index/query-source';
import { storyRef } from '../index/story-ref';
import type { ReuseMatch, Sensitivity, TermPostings } from '../index/types';
import { judgeTranslation } from './detect';
import { detectLanguage } from './language';

/** Shared anchor terms a story needs to be judged at all, and how many stories are judged. */
export const MIN_SHARED_ANCHORS = 3;
export const TRANSLATION_CANDIDATES = 5;
/** An anchor term in more than this share of a corpus (years, capitals) finds nothing in particular. */
const MAX_ANCHOR_DF_SHARE = 0.05;

/** Ranks stories by the rare anchors they share with the page (idf-weighted), at least MIN_SHARED_ANCHORS. */
export function rankByAnchors(
  anchors: string[],
  postings: Map<string, TermPostings>,
  corpusSize: number,
  excluded: Set<number>,
  limit = TRANSLATION_CANDIDATES,
): number[] {
  const score = new Map<number, { n: number; w: number }>();
  for (const a of anchors) {
    const p = postings.get(a);
    if (!p || p.keys.length === 0) continue;
    if (corpusSize >= 100 && p.df > corpusSize * MAX_ANCHOR_DF_SHARE) continue;
    const idf = Math.log(1 + corpusSize / Math.max(1, p.df));
    for (const k of p.keys) {
      if (excluded.has(k)) continue;
      const s = score.get(k) ?? { n: 0, w: 0 };
      s.n++;
      s.w += idf;
      score.set(k, s);
    }
  }
  return [...score.entries()]
    .filter(([, s]) => s.n >= MIN_SHARED_ANCHORS)
    .sort((x, y) => y[1].w - x[1].w || x[0] - y[0])
    .slice(0, limit)
    .map(([k]) => k);
}

/** Judges each candidate in another language than the page; returns the translations found. */
export function findTranslations(pageText: string, candidates: CandidateStory[], sensitivity: Sensitivity): (ReuseMatch & { key: number })[] {
  if (candidates.length === 0) return [];
  const pageLanguage = detectLanguage(pageText);
  const out: (ReuseMatch & { key: number })[] = [];
  for (const story of candidates) {
    const storyLanguage = detectLanguage(story.text);
    // Same language (or either unknown): the word-level matching already judged this pair.
    if (pageLanguage === 'und' || storyLanguage === 'und' || pageLanguage === storyLanguage) continue;
    const v = judgeTranslation(pageText, story.text, sensitivity);
    if (v.kind === 'none') continue;
    out.push({
      ...storyRef(story),
      key: story.key,
      kind: v.kind,
      pageShare: v.pageShare,
      storyShare: v.storyShare,
      passages: v.pairs,
      translation: { pageLanguage, storyLanguage },
    });
  }
  return out;
}
