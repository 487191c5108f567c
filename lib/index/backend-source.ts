// The candidate stages of a query read from an IndexBackend: fingerprint postings → boilerplate →
// candidate stories, and term postings → ranked related candidates. The local index runs them in
// the same process; the team server runs the very same functions and sends their answer to the
// client (lib/server/), so both paths select identical candidates.
import { findBoilerplate } from '../match/boilerplate';
import { MAX_CANDIDATES } from '../match/params';
import { rankByPostings } from '../match/related';
import { isAnchorTerm } from '../translation/anchor-terms';
import { rankByAnchors } from '../translation/find-translations';
import type { PhaseClock } from './phase-clock';
import type { CandidateStory, QuerySource, RelatedCandidates, ReuseCandidates, TermsStory } from './query-source';
import { siteOf } from './site-of';
import { storyRef } from './story-ref';
import type { IndexBackend, TermPostings } from './types';

/** The reuse stage: the candidates of a page's fingerprint hashes, boilerplate left out. */
export async function selectReuseCandidates(
  backend: IndexBackend,
  hashes: number[],
  excludeIds: string[],
  clock?: PhaseClock,
): Promise<ReuseCandidates> {
  const corpusSize = await backend.storyCount();
  const out: ReuseCandidates = { corpusSize, excluded: [], boilerplate: new Set(), stories: [] };
  if (corpusSize === 0) return out;
  for (const id of excludeIds) {
    const s = await backend.getStoryById(id);
    if (s) out.excluded.push(s.key);
  }
  if (hashes.length === 0) return out;
  const postings = await backend.fingerprintPostings(hashes);
  clock?.lap('postings');
  out.boilerplate = await findBoilerplate(
    postings,
    corpusSize,
    (keys) => backend.getSignatures(keys),
    async (keys) => new Map((await backend.getStories(keys)).map((st) => [st.key, siteOf(st)])),
  );
  clock?.lap('boilerplate');
  const excluded = new Set(out.excluded);
  const hits = new Map<number, number>();
  for (const [hash, keys] of postings) {
    if (out.boilerplate.has(hash)) continue;
    for (const k of keys) if (!excluded.has(k)) hits.set(k, (hits.get(k) ?? 0) + 1);
  }
  const keys = [...hits.entries()]
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .slice(0, MAX_CANDIDATES)
    .map(([k]) => k);
  if (keys.length === 0) return out;
  // In the backend's own order (key order in IndexedDB), as the matches' ties are ordered by it.
  out.stories = (await backend.getStories(keys)).map((s): CandidateStory => ({ ...storyRef(s), key: s.key, text: s.text }));
  clock?.lap('candidates');
  return out;
}

/**
 * The related stage over term postings keyed by T (term strings locally, term ids on the server):
 * ranks stories by the postings and reads the best ones' key terms.
 */
export async function selectRelatedCandidates<T>(
  backend: IndexBackend,
  terms: [T, number][],
  postingsP: Promise<Map<T, TermPostings>>,
  excludedP: Promise<Set<number>>,
): Promise<{ corpusSize: number; postings: Map<T, TermPostings>; stories: TermsStory[] }> {
  const [corpusSize, postings, excluded] = await Promise.all([backend.storyCount(), postingsP, excludedP]);
  const keys = rankByPostings(terms, postings, corpusSize, excluded);
  if (keys.length === 0) return { corpusSize, postings, stories: [] };
  const rows = backend.getStoryTerms ? await backend.getStoryTerms(keys) : await backend.getStories(keys);
  // Anchor terms find translations (lib/translation); they are no part of a story's topic.
  const stories = rows.map((s): TermsStory => ({ ...storyRef(s), key: s.key, terms: s.terms.filter(([t]) => !isAnchorTerm(t)) }));
  return { corpusSize, postings, stories };
}

/** The local index as a QuerySource. */
export class BackendSource implements QuerySource {
  constructor(readonly backend: IndexBackend) {}

  reuseCandidates(hashes: number[], excludeIds: string[], clock?: PhaseClock): Promise<ReuseCandidates> {
    return selectReuseCandidates(this.backend, hashes, excludeIds, clock);
  }

  relatedCandidates(terms: [string, number][], excluded: Promise<Set<number>>): Promise<RelatedCandidates> {
    // The term postings do not depend on the reuse verdicts: read them while reuse is worked out.
    const postings = this.backend.termPostings(terms.map(([t]) => t));
    void postings.catch(() => {});
    return selectRelatedCandidates(this.backend, terms, postings, excluded);
  }

  async translationCandidates(anchors: string[], excluded: Set<number>): Promise<CandidateStory[]> {
    if (anchors.length === 0) return [];
    const [corpusSize, postings] = await Promise.all([this.backend.storyCount(), this.backend.termPostings(anchors)]);
    const keys = rankByAnchors(anchors, postings, corpusSize, excluded);
    if (keys.length === 0) return [];
    return (await this.backend.getStories(keys)).map((s): CandidateStory => ({ ...storyRef(s), key: s.key, text: s.text }));
  }
}
