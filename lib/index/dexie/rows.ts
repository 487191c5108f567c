// The rows of the StoryTrace IndexedDB database and the typed handle on its tables: types and the
// constants naming rows, shared by every Dexie module (database.ts opens and upgrades it).
import type { Dexie, EntityTable, Table, Transaction } from 'dexie';
import type { FpBucket, FpLayout } from './buckets';
import type { TERM_LAYOUT_KEY, TermRow } from './term-rows';
import type { ImportJob } from '../../import/job-types';
import type { Settings } from '../../settings';

export type { Table, Transaction };

/** Default database name (tests open others). */
export const DB_NAME = 'storytrace';

/**
 * A stored story. Its analysis is packed for cheap structured clones (a query reads ~100 rows):
 * numbers in one Uint32Array, term strings in one string, rather than ~60 little arrays.
 */
export interface StoryRow {
  /** Collection number × 2^24 + sequence (see dexie/buckets.ts, KEYS_PER_COLLECTION). */
  key: number;
  id: string;
  title: string;
  text: string;
  url?: string;
  source?: string;
  date?: string;
  author?: string;
  words: number;
  /** [signature length, fingerprint count, …signature, …fingerprints, …term weights × 1000]. */
  nums: Uint32Array;
  /** The key terms, joined by U+0000 (never inside a term: normalization drops control characters). */
  terms: string;
}

/** A v1 story row (the upgrade to v2 converts them). */
export interface StoryRowV1 extends Omit<StoryRow, 'nums' | 'terms'> {
  fp: Uint32Array;
  sig: Uint32Array;
  terms: [string, number][];
}

/** Lifecycle of a collection: 'deleting' ones are invisible to queries while their rows go. */
export type CollectionState = 'ready' | 'deleting';

export interface CollectionRow {
  id: string;
  /** Small integer naming the collection inside story keys; never reused. */
  number: number;
  name: string;
  enabled: boolean;
  state: CollectionState;
  stories: number;
  bytes: number;
  importedAt: string;
  /** Next story sequence number inside this collection. */
  nextSeq: number;
  /** While deleting: the posting rows purged so far (fingerprint rows, then term rows), as the
   *  table and the last key done (row keys only grow when rows split, so a key walk misses none). */
  purge?: { table: 'fp' | 'term'; after: number };
  /** Schema v2's purge position (bucket numbers); ignored since v3: the purge restarts. */
  purgeNext?: number;
}

/** Database-wide counters, one row. */
export interface CountersRow {
  key: 'counters';
  nextCollection: number;
}

/** Key of the fingerprint layout row in `meta`. */
export const FP_LAYOUT_KEY = 'fpLayout';

/** Where the fingerprint rows are, or (TERM_LAYOUT_KEY) the term rows (see FpLayout in dexie/buckets.ts). */
export interface FpLayoutRow extends FpLayout {
  key: typeof FP_LAYOUT_KEY | typeof TERM_LAYOUT_KEY;
}

export type MetaRow = CountersRow | FpLayoutRow | PendingTotals;

export interface SettingsRow {
  key: 'settings';
  value: Settings;
}

export type StoryTraceDb = Dexie & {
  stories: EntityTable<StoryRow, 'key'>;
  collections: EntityTable<CollectionRow, 'id'>;
  fpBuckets: Table<FpBucket, number>;
  termBuckets: Table<TermRow, number>;
  pending: Table<PendingRow, number>;
  meta: Table<MetaRow, string>;
  jobs: EntityTable<ImportJob, 'id'>;
  settings: Table<SettingsRow, string>;
};

/** The `meta` row counting what is pending. */
export const PENDING_KEY = 'pending';
export interface PendingTotals {
  key: typeof PENDING_KEY;
  /** Next sequence number of a pending row. */
  seq: number;
  fp: number;
  terms: number;
}

/** One part of one batch's postings. */
export interface PendingRow {
  k: number;
  fpHashes: Uint32Array;
  fpKeys: Float64Array;
  termIds: Float64Array;
  termKeys: Float64Array;
  termWeights: Float64Array;
}

export const INITIAL_COUNTERS: CountersRow = { key: 'counters', nextCollection: 1 };
