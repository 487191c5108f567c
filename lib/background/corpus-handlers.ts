// The corpus messages' handlers (options page): collections, export, import jobs, storage, settings.
// Thin: each validates its payload and calls the index backend or the settings store.
import { plainStory } from '../corpus/plain-story';
import type { DexieBackend } from '../index/dexie/backend';
import type { ImportJob } from '../import/job-types';
import type { ExportPage, StorageUsage } from '../protocol';
import type { Handler } from './check-handlers';
import type { SettingsStore } from './settings-store';

export type CorpusMessage =
  | 'listCollections'
  | 'setCollectionEnabled'
  | 'deleteCollection'
  | 'exportCollectionPage'
  | 'listImportJobs'
  | 'clearImportJobs'
  | 'corpusChanged'
  | 'storageUsage'
  | 'getSettings'
  | 'setSettings';

export interface CorpusDeps {
  backend(): Promise<DexieBackend>;
  settings: SettingsStore;
  /** navigator.storage.estimate where available. */
  estimate?(): Promise<{ usage?: number; quota?: number }>;
  /** Names of the import jobs whose worker is alive (each holds a Web Lock named after its job). */
  liveJobs(): Promise<Set<string>>;
  /** The corpus or the settings changed: cached page results are stale. */
  changed(): void;
  /** Starts background upkeep (purging deleted collections, compaction) if it is not running. */
  upkeep(): void;
}

/** Longest export page: a few MB per message. */
export const MAX_EXPORT_PAGE = 1000;
const MAX_JOBS_LISTED = 50;

/** A collection id from an untrusted payload. */
function idOf(payload: unknown): string {
  const id = (payload as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) throw new Error('A collection id is required');
  return id;
}

export function corpusHandlers(d: CorpusDeps): { [N in CorpusMessage]: Handler<N> } {
  return {
    listCollections: async () => (await d.backend()).listCollectionViews(),
    setCollectionEnabled: async (req) => {
      const id = idOf(req);
      if (typeof req.enabled !== 'boolean') throw new Error('enabled must be true or false');
      await (await d.backend()).setCollectionEnabled(id, req.enabled);
      d.changed();
      return null;
    },
    deleteCollection: async (req) => {
      const id = idOf(req);
      const b = await d.backend();
      if (!(await b.markDeleting(id))) throw new Error('No such collection');
      d.changed();
      d.upkeep();
      return null;
    },
    exportCollectionPage: async (req): Promise<ExportPage> => {
      const id = idOf(req);
      const after = Number.isSafeInteger(req.after) ? req.after : -1;
      const limit = Number.isSafeInteger(req.limit) ? Math.max(1, Math.min(MAX_EXPORT_PAGE, req.limit)) : MAX_EXPORT_PAGE;
      const rows = await (await d.backend()).collectionStories(id, after, limit);
      const stories = rows.map(plainStory);
      return { stories, last: rows.length === limit ? rows[rows.length - 1].key : null };
    },
    listImportJobs: async () => {
      const b = await d.backend();
      const live = await d.liveJobs();
      const jobs = (await b.db.jobs.toArray()).sort((x, y) => y.startedAt - x.startedAt).slice(0, MAX_JOBS_LISTED);
      const out: ImportJob[] = [];
      for (const job of jobs) {
        if (job.state === 'running' && !live.has(job.id)) {
          // Its page was closed or the browser stopped: the last committed batch is where it got.
          const settled: ImportJob = {
            ...job,
            state: 'interrupted',
            currentFile: undefined,
            error: 'Stopped when its page was closed. The stories of the batches already stored are kept; import the same files again to finish (stories already stored are skipped).',
            finishedAt: job.updatedAt,
          };
          await b.db.jobs.put(settled);
          out.push(settled);
        } else out.push(job);
      }
      return out;
    },
    clearImportJobs: async () => {
      const b = await d.backend();
      const live = await d.liveJobs();
      const done = (await b.db.jobs.toArray()).filter((j) => j.state !== 'running' || !live.has(j.id)).map((j) => j.id);
      await b.db.jobs.bulkDelete(done);
      return null;
    },
    corpusChanged: async () => {
      d.changed();
      d.upkeep();
      return null;
    },
    storageUsage: async (): Promise<StorageUsage> => {
      const b = await d.backend();
      const colls = (await b.listCollectionViews()).filter((c) => c.state === 'ready');
      const est = (await d.estimate?.().catch(() => undefined)) ?? {};
      const usage: StorageUsage = {
        stories: colls.reduce((s, c) => s + c.stories, 0),
        textChars: colls.reduce((s, c) => s + c.bytes, 0),
        collections: colls.length,
      };
      if (typeof est.usage === 'number') usage.usage = est.usage;
      if (typeof est.quota === 'number') usage.quota = est.quota;
      return usage;
    },
    getSettings: () => d.settings.get(),
    setSettings: async (patch) => {
      const next = await d.settings.set(patch);
      d.changed();
      return next;
    },
  };
}
