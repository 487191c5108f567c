// The import worker's message loop: starts jobs the options page sends (one at a time, each under
// a Web Lock named after it so the background can tell a live job from an abandoned one), cancels
// them, and posts progress back. Browser objects (database, locks, post) come in as arguments.
import type { ImportSource, ImportWorkerEvent, ImportWorkerRequest } from '../protocol';
import type { DexieBackend } from '../index/dexie/backend';
import type { Story } from '../corpus/story';
import type { AnalysedStory } from '../index/types';
import { dexieImportPorts } from './dexie-ports';
import { newJob, runImport, type ImportFile, type ImportOptions } from './import-runner';
import { jobLockName } from './job-types';
import { importPartsOf } from './file-parts';

export { jobLockName };

export interface ImportHostDeps {
  backend(): Promise<DexieBackend>;
  post(event: ImportWorkerEvent): void;
  /** navigator.locks.request where available; without it the job runs unlocked. */
  withLock?<T>(name: string, run: () => Promise<T>): Promise<T>;
  analyse?: (stories: Story[]) => Promise<AnalysedStory[]>;
  options?: Omit<ImportOptions, 'signal'>;
  now?: () => number;
}

export function importFileOf(src: ImportSource): ImportFile {
  return {
    name: String(src.name ?? ''),
    size: typeof src.blob?.size === 'number' ? src.blob.size : 0,
    read: async () => new Uint8Array(await src.blob.arrayBuffer()),
  };
}

export function createImportHost(deps: ImportHostDeps): (req: unknown) => Promise<void> {
  const running = new Map<string, AbortController>();
  let queue: Promise<void> = Promise.resolve();

  return async (raw) => {
    const req = raw as ImportWorkerRequest;
    if (!req || typeof req !== 'object' || typeof req.jobId !== 'string') return;
    if (req.type === 'cancel') {
      running.get(req.jobId)?.abort();
      return;
    }
    if (req.type !== 'start') return;
    const files = Array.isArray(req.files) ? req.files.filter((f) => f && f.blob instanceof Blob) : [];
    const collection = {
      id: String(req.collection?.id ?? ''),
      name: String(req.collection?.name ?? '').slice(0, 200) || 'Imported stories',
    };
    if (!collection.id) return deps.post({ type: 'failed', jobId: req.jobId, error: 'No collection id' });
    const controller = new AbortController();
    running.set(req.jobId, controller);
    // One job at a time: a second import waits for the first (they would only slow each other).
    const job = queue.then(async () => {
      const run = async () => {
        const backend = await deps.backend();
        const now = deps.now ?? Date.now;
        const ports = dexieImportPorts(backend, {
          analyse: deps.analyse,
          now,
          onProgress: (j) => deps.post({ type: 'progress', job: j }),
        });
        // Big JSON Lines files come in parts cut at line ends: never held whole (file-parts.ts).
        const sources = (await Promise.all(files.map((f) => importPartsOf(String(f.name ?? ''), f.blob)))).flat();
        return runImport(newJob(req.jobId, collection, sources, now()), sources, ports, {
          ...deps.options,
          signal: controller.signal,
        });
      };
      try {
        const final = await (deps.withLock ? deps.withLock(jobLockName(req.jobId), run) : run());
        // Posted once the lock is released: the page then tells the background, whose upkeep
        // merges what a cancelled job left pending only when no job holds its lock.
        deps.post({ type: 'finished', job: final });
      } catch (e) {
        deps.post({ type: 'failed', jobId: req.jobId, error: e instanceof Error ? e.message : String(e) });
      } finally {
        running.delete(req.jobId);
      }
    });
    queue = job;
    await job;
  };
}
