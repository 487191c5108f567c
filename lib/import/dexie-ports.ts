// The import runner's ports on the real pieces: parseFile, analyseStory and the IndexedDB backend
// (each batch and its job row in one transaction).
import { parseFile } from '../corpus/parse-file';
import type { Story } from '../corpus/story';
import type { DexieBackend } from '../index/dexie/backend';
import type { AnalysedStory } from '../index/types';
import { analyseStory } from '../match/analyse';
import type { ImportJob } from './job-types';
import type { ImportPorts } from './import-runner';

export interface DexiePortOptions {
  /** Analysis of a batch, e.g. spread over helper threads; default: analyseStory here. */
  analyse?: (stories: Story[]) => Promise<AnalysedStory[]>;
  onProgress?: (job: ImportJob) => void;
  now?: () => number;
}

export function dexieImportPorts(backend: DexieBackend, opts: DexiePortOptions = {}): ImportPorts {
  return {
    parse: (name, bytes) => parseFile(name, bytes),
    analyse: opts.analyse ?? (async (stories) => stories.map(analyseStory)),
    ensureCollection: (c) => backend.ensureCollection(c),
    commit: async (collectionId, batch, progress) => {
      const r = await backend.putStoriesWithJob(collectionId, batch, progress);
      return { ...r, steps: backend.lastWriteSteps };
    },
    corpusStories: () => backend.storyCount(),
    merge: async (all, onProgress, signal) =>
      (all || (await backend.mergeDue())) && backend.mergePending({ signal, onProgress, drain: all }),
    saveJob: async (job) => void (await backend.db.jobs.put(job)),
    async dropCollectionIfEmpty(collectionId) {
      const c = await backend.db.collections.get(collectionId);
      if (c && c.stories === 0 && c.state === 'ready') await backend.removeCollection(collectionId);
    },
    now: opts.now ?? Date.now,
    onProgress: opts.onProgress,
  };
}
