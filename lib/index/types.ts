// The storage-agnostic index contract: what a query returns, what a story looks like once analysed,
// and the small storage backend (memory or IndexedDB) that StoryIndex runs on.
import type { Story } from '../corpus/story';

/** A shared passage: half-open character ranges [start, end) in the page text and the story text. */
export interface Passage {
  pageStart: number;
  pageEnd: number;
  storyStart: number;
  storyEnd: number;
  /** Id of the earliest-dated matched story holding this passage (lib/provenance); absent when no
   *  story holding it is dated. */
  firstSeen?: string;
}

/** The fields of a stored story that results carry (never the full text). */
export interface StoryRef {
  id: string;
  title: string;
  url?: string;
  source?: string;
  date?: string;
  /** ISO 8601 publication time parsed from `date` (see Story.published). */
  published?: string;
  author?: string;
  /** Id of the collection the story was imported into. */
  collection: string;
  /** Set on stories answered by the team index (a server), not by the local corpus. */
  team?: boolean;
}

/** The earliest-dated corpus story among a page's duplicates and partial reuses. */
export interface OriginRef {
  id: string;
  title: string;
  source?: string;
  /** ISO 8601. */
  date: string;
}

/** A corpus story that shares passages with the page. */
export interface ReuseMatch extends StoryRef {
  kind: 'duplicate' | 'partial';
  /** Share of the page's words that lie in shared passages (0..1). */
  pageShare: number;
  /** Share of the story's words that lie in shared passages (0..1). */
  storyShare: number;
  /** Ordered by position in the page. */
  passages: Passage[];
  /** Set when the page translates the story (lib/translation): the passages are paragraph pairs. */
  translation?: { pageLanguage: string; storyLanguage: string };
}

/** A corpus story about the same event in other words. */
export interface RelatedMatch extends StoryRef {
  /** 0..1, higher is closer. */
  score: number;
  /** The shared key terms and names that explain the score, strongest first. */
  terms: string[];
}

export interface QueryResult {
  /** Reprints, syndicated copies and light rewrites, best first. */
  duplicates: ReuseMatch[];
  /** Stories the page quotes or reuses in part, best first. */
  partial: ReuseMatch[];
  /** Same-event stories, best first; never a story already in duplicates or partial. */
  related: RelatedMatch[];
  /** Number of words in the page text. */
  pageWords: number;
  /** Provenance (lib/provenance): the earliest-dated story among duplicates and partial reuses,
   *  null when none is dated. Absent when provenance was not worked out. */
  origin?: OriginRef | null;
  /** True when the page's own date is earlier than every dated match: the page may be the origin. */
  pageMayBeOrigin?: boolean;
  /** Where the query's time went, for profiling (the benchmark prints medians of these). */
  timings?: QueryTimings;
}

/**
 * Milliseconds per step of one query. Steps that wait on the backend include its reads; `terms` is
 * the term-postings read that runs alongside the reuse steps, measured to when it was awaited.
 */
export interface QueryTimings {
  analyse: number;
  postings: number;
  boilerplate: number;
  candidates: number;
  align: number;
  related: number;
  total: number;
}

/** What a page query carries. */
export interface PageInput {
  text: string;
  title?: string;
  url?: string;
  /** The page's own publication time (ISO 8601), read from its metadata when it has one. */
  published?: string;
}

export type Sensitivity = 'strict' | 'normal' | 'loose';

export interface QueryOptions {
  /** Most related stories to return (default 10). */
  topRelated?: number;
  sensitivity?: Sensitivity;
  /** Story ids never to report (e.g. the page itself once added to the corpus). */
  excludeIds?: string[];
  /** Look for translated copies too (lib/translation; default true). */
  translations?: boolean;
}

/** A story with everything the index derives from it at import time. */
export interface AnalysedStory extends Story {
  /** Unique winnowed fingerprint hashes (uint32), ascending. */
  fingerprints: number[];
  /** MinHash signature of the word shingles (uint32 each). */
  signature: number[];
  /** Key terms and names with their weight in this story (term frequency, names boosted). */
  terms: [term: string, weight: number][];
  /** Number of words in title + text. */
  words: number;
}

/** A story as a backend returns it: analysed, with its numeric key and collection. */
export interface StoredStory extends AnalysedStory {
  key: number;
  collection: string;
}

/** A collection: one import. */
export interface CollectionInfo {
  id: string;
  name: string;
  enabled: boolean;
  stories: number;
  /** Bytes of title + text stored. */
  bytes: number;
  /** ISO date of the import. */
  importedAt: string;
}

/** Postings of one key term. `keys` may be truncated to the highest weights; `df` is exact. */
export interface TermPostings {
  df: number;
  keys: number[];
  weights: number[];
}

export interface AddResult {
  added: number;
  /** Stories whose id was already in the index (in any collection) and were not stored again. */
  alreadyPresent: number;
  /** Where a batch's time went in a backend that measures it (milliseconds; the writes overlap). */
  steps?: { idsMs: number; storiesMs: number; postingsMs: number; totalMs: number };
}

/**
 * Storage behind StoryIndex. Built for point look-ups: a query reads the postings of the page's
 * fingerprints and terms and the few candidate stories, never the whole corpus.
 */
export interface IndexBackend {
  /** Creates the collection if it does not exist yet. */
  ensureCollection(info: { id: string; name: string }): Promise<void>;
  /** Stores analysed stories in one atomic step; ids already present anywhere are skipped. */
  putStories(collectionId: string, stories: AnalysedStory[]): Promise<AddResult>;
  /** Removes a collection with its stories, postings and statistics. */
  removeCollection(collectionId: string): Promise<void>;
  setCollectionEnabled(collectionId: string, enabled: boolean): Promise<void>;
  listCollections(): Promise<CollectionInfo[]>;
  /** Fingerprint hash → keys of the stories holding it (all collections, enabled or not). */
  fingerprintPostings(hashes: number[]): Promise<Map<number, number[]>>;
  /** Key term → its postings. Terms absent from the corpus are absent from the map. */
  termPostings(terms: string[]): Promise<Map<string, TermPostings>>;
  /** Term postings by term id (lib/index/term-id.ts), for the team server, which is sent ids and
   *  never the page's terms. Two terms sharing an id have their postings merged. */
  termPostingsById?(ids: number[]): Promise<Map<number, TermPostings>>;
  /** Stories by key, from enabled collections only; unknown or disabled keys are left out. */
  getStories(keys: number[]): Promise<StoredStory[]>;
  getStoryById(id: string): Promise<StoredStory | undefined>;
  /** Optional cheaper read for relatedness: the stories' refs and key terms without their text.
   *  Enabled collections only, like getStories. StoryIndex falls back to getStories without it. */
  getStoryTerms?(keys: number[]): Promise<(StoryRef & { key: number; terms: [string, number][] })[]>;
  /** MinHash signatures by key (any collection); unknown keys are left out. Kept apart from the
   *  story text so boilerplate checks stay cheap. */
  getSignatures(keys: number[]): Promise<Map<number, number[]>>;
  /** Number of stories in the index (all collections). */
  storyCount(): Promise<number>;
  /** Stories of one collection in key order, `limit` at a time after `afterKey` (for export). */
  collectionStories(collectionId: string, afterKey: number, limit: number): Promise<StoredStory[]>;
}
