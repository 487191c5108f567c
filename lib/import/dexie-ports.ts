// The import runner's ports on the real pieces: parseFile, analyseStory and the IndexedDB backend
// (each batch and its job row in one transaction; compaction between batches when due).
import { parseFile } from '../corpus/parse-file';
import type { Story } from '../corpus/story';
import type { DexieBackend } from '../index/dexie-backend';
import { compact, needsCompaction } from '../index/dexie-compaction';
import type { AnalysedStory } from '../index/types';
import { analyseStory } from '../match/analyse';
import type { ImportJob } from './job-types';
import type { ImportPorts } from './import-runner';

export interface DexiePortOptions {
  /** Analysis of a batch, e.g. spread over helper threads; default: analyseStory here. */
  analyse?: (stories: Story[]) => Promise<AnalysedStory[]>;
  onProgress?: (job: ImportJob) => void;
  now?: () => number;
  signal?: AbortSignal;
}

export function dexieImportPorts(backend: DexieBackend, opts: DexiePortOptions = {}): ImportPorts {
  return {
    parse: (name, bytes) => parseFile(name, bytes),
    analyse: opts.analyse ?? (async (stories) => stories.map(analyseStory)),
    ensureCollection: (c) => backend.ensureCollection(c),
    async commit(collectionId, batch, progress) {
      const r = await backend.putStoriesWithJob(collectionId, batch, progress);
      // Merging here, between batches, keeps the chunks per bucket bounded during a long import.
      if (!opts.signal?.aborted && (await needsCompaction(backend))) await compact(backend, { signal: opts.signal });
      return r;
    },
    saveJob: async (job) => void (await backend.db.jobs.put(job)),
    async dropCollectionIfEmpty(collectionId) {
      const c = await backend.db.collections.get(collectionId);
      if (c && c.stories === 0 && c.state === 'ready') await backend.removeCollection(collectionId);
    },
    now: opts.now ?? Date.now,
    onProgress: opts.onProgress,
  };
}
