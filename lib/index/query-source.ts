// Where a page query gets its candidates: the stages of the query pipeline that read the index,
// behind one interface so a local index (any IndexBackend) and a team server answer the same
// questions and the matching that follows (alignment, classification, relatedness scoring) runs
// in one place for both (lib/index/story-index.ts). Only hashes of the page go in, never its text.
import type { PhaseClock } from './phase-clock';
import type { StoryRef, TermPostings } from './types';

/** A story to align against the page: its ref, its key in the source and its text. */
export interface CandidateStory extends StoryRef {
  key: number;
  text: string;
}

/** A story to score for relatedness: its ref, key and key terms with their weights. */
export interface TermsStory extends StoryRef {
  key: number;
  terms: [string, number][];
}

/** What the reuse stage reads: the stories sharing the page's fingerprints, best first. */
export interface ReuseCandidates {
  /** Stories in the source (all collections), for the stages that weigh rarity. */
  corpusSize: number;
  /** Keys of the stories named by the query's excludeIds. */
  excluded: number[];
  /** The page's fingerprint hashes that are boilerplate in this corpus (lib/match/boilerplate.ts). */
  boilerplate: Set<number>;
  /** Candidates by shared non-boilerplate fingerprints, most first, at most MAX_CANDIDATES. */
  stories: CandidateStory[];
}

/** What the related stage reads. */
export interface RelatedCandidates {
  corpusSize: number;
  /** Document frequency of each page term present in the source (keys/weights may be empty). */
  postings: Map<string, TermPostings>;
  /** The stories ranked best by the term postings, in rank order. */
  stories: TermsStory[];
}

export interface QuerySource {
  /** Candidates for reuse of a page with these fingerprint hashes (unique). */
  reuseCandidates(hashes: number[], excludeIds: string[], clock?: PhaseClock): Promise<ReuseCandidates>;
  /**
   * Candidates for relatedness of a page with these query terms (term, weight), strongest first.
   * `excluded` settles once reuse is known (its matches are never related); a source may start
   * reading term postings before that.
   */
  relatedCandidates(terms: [string, number][], excluded: Promise<Set<number>>): Promise<RelatedCandidates>;
  /** Stories that may be translated by a page with these anchor terms (lib/translation/anchor-terms.ts),
   *  best first, their keys not in `excluded`. Optional: a source without it finds no translations. */
  translationCandidates?(anchors: string[], excluded: Set<number>): Promise<CandidateStory[]>;
}
