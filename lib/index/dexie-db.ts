// The one module that imports Dexie: the StoryTrace IndexedDB database, its typed tables, and the
// versioned schema with an upgrade for every change.
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { FpChunk, TermChunk } from './dexie-chunks';
import type { ImportJob } from '../import/job-types';
import type { Settings } from '../settings';

export { Dexie };
export type { Table };

/** Default database name (tests open others). */
export const DB_NAME = 'storytrace';

/** A stored story. Fingerprints and signature are packed (4 bytes each instead of a cloned double). */
export interface StoryRow {
  /** Collection number × 2^24 + sequence (see dexie-chunks.ts, KEYS_PER_COLLECTION). */
  key: number;
  id: string;
  title: string;
  text: string;
  url?: string;
  source?: string;
  date?: string;
  author?: string;
  words: number;
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
}

/** Database-wide counters, one row. */
export interface CountersRow {
  key: 'counters';
  nextCollection: number;
  /** Sequence for chunk keys (each batch and each merge takes fresh ones). */
  nextChunkSeq: number;
  /** Import batches written since the last compaction pass. */
  batchesSinceCompaction: number;
}

export interface SettingsRow {
  key: 'settings';
  value: Settings;
}

export type StoryTraceDb = Dexie & {
  stories: EntityTable<StoryRow, 'key'>;
  collections: EntityTable<CollectionRow, 'id'>;
  fpChunks: EntityTable<FpChunk, 'k'>;
  termChunks: EntityTable<TermChunk, 'k'>;
  meta: Table<CountersRow, string>;
  jobs: EntityTable<ImportJob, 'id'>;
  settings: Table<SettingsRow, string>;
};

/**
 * Schema history. Never edit a released version: add one.
 * v1: stories with a unique `id` index; no jobs or settings.
 * v2: `id` no longer unique (a story of a collection being deleted may coexist with its re-import,
 *     see DexieBackend.putStories); import jobs and settings tables.
 */
export const SCHEMA: Record<number, Record<string, string | null>> = {
  1: {
    stories: 'key, &id',
    collections: 'id, &number',
    fpChunks: 'k, *colls',
    termChunks: 'k, *colls',
    meta: 'key',
  },
  2: {
    stories: 'key, id',
    jobs: 'id, state',
    settings: 'key',
  },
};
export const SCHEMA_VERSION = 2;

/** Opens (creating or upgrading) the database. Pass `upTo` only in the upgrade test. */
export function openDb(name = DB_NAME, upTo = SCHEMA_VERSION): StoryTraceDb {
  const db = new Dexie(name) as StoryTraceDb;
  for (let v = 1; v <= upTo; v++) db.version(v).stores(SCHEMA[v]);
  // Dexie rebuilds the changed `id` index itself in v2; no row needs rewriting.
  return db;
}

export const INITIAL_COUNTERS: CountersRow = {
  key: 'counters',
  nextCollection: 1,
  nextChunkSeq: 1,
  batchesSinceCompaction: 0,
};
