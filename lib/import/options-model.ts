// The options page's state and actions (collections, import jobs, storage, settings), over two
// injected transports: background messages and the import worker. Browser-free, so vitest drives it.
import type { CallBackground } from '../background/check-client';
import type { CollectionView } from '../index/dexie/backend';
import type { ImportSource, ImportWorkerEvent, ImportWorkerRequest, StorageUsage } from '../protocol';
import type { Settings } from '../settings';
import { newJob } from './import-runner';
import { isFinished, type ImportJob } from './job-types';

export interface OptionsState {
  collections: CollectionView[];
  /** The job shown in the progress panel: ours while it runs, else the newest one. */
  job?: ImportJob;
  usage?: StorageUsage;
  settings?: Settings;
  /** A message about the last action ("Exported 12 stories"), for a live region. */
  notice?: string;
  /** The last action's error, shown until the next action. */
  error?: string;
  /** Collection ids with an action under way (export, delete). */
  busy: string[];
  loaded: boolean;
}

export interface OptionsPorts {
  call: CallBackground;
  /** Sends a request to the import worker (started on first use). */
  postToWorker(req: ImportWorkerRequest): void;
  /** Saves a file for the user (a download). */
  download(name: string, blob: Blob): void;
  newId(): string;
  now(): number;
}

/** Jobs of other pages are polled this often while they run; our own worker reports itself. */
export const POLL_MS = 1000;
const EXPORT_PAGE = 500;

export class OptionsModel {
  state: OptionsState = { collections: [], busy: [], loaded: false };
  private listeners = new Set<(s: OptionsState) => void>();
  /** Job ids started by this page (their progress comes from the worker). */
  private mine = new Set<string>();
  private lastRefresh = 0;

  constructor(private readonly ports: OptionsPorts) {}

  /** Whether this page started the job (and can cancel it). */
  isMine(jobId: string): boolean {
    return this.mine.has(jobId);
  }

  subscribe(fn: (s: OptionsState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<OptionsState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn(this.state);
  }

  private async guard(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (e) {
      this.set({ error: `${what}: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  /** Loads everything the page shows. */
  async load(): Promise<void> {
    await this.guard('Could not load the corpus', async () => {
      const [collections, jobs, usage, settings] = await Promise.all([
        this.ports.call('listCollections', null),
        this.ports.call('listImportJobs', null),
        this.ports.call('storageUsage', null),
        this.ports.call('getSettings', null),
      ]);
      const job = this.state.job && this.mine.has(this.state.job.id) && !isFinished(this.state.job) ? this.state.job : jobs[0];
      this.set({ collections, usage, settings, job, loaded: true });
    });
  }

  /** Collections and storage again (after a batch, a delete, an enable). */
  async refreshCorpus(): Promise<void> {
    this.lastRefresh = this.ports.now();
    await this.guard('Could not refresh the collections', async () => {
      const [collections, usage] = await Promise.all([this.ports.call('listCollections', null), this.ports.call('storageUsage', null)]);
      this.set({ collections, usage });
    });
  }

  /** Called every POLL_MS by the page: follows a job another page runs and deletes in progress. */
  async poll(): Promise<void> {
    const job = this.state.job;
    const foreignRunning = job && !this.mine.has(job.id) && job.state === 'running';
    const deleting = this.state.collections.some((c) => c.state === 'deleting');
    if (foreignRunning) {
      const jobs = await this.ports.call('listImportJobs', null).catch(() => undefined);
      const fresh = jobs?.find((j) => j.id === job.id);
      if (fresh) this.set({ job: fresh });
    }
    // Our own job reports through the worker, but the table should follow it even between events.
    if (foreignRunning || deleting || job?.state === 'running') await this.refreshCorpus();
  }

  /** Starts importing files into a new collection named `name`. */
  startImport(files: ImportSource[], name: string): void {
    if (files.length === 0) return this.set({ error: 'No files to import.' });
    if (this.state.job && this.mine.has(this.state.job.id) && !isFinished(this.state.job))
      return this.set({ error: 'An import is already running; wait for it or cancel it.' });
    const jobId = this.ports.newId();
    const collection = { id: `c-${this.ports.newId()}`, name: name.trim().slice(0, 200) || 'Imported stories' };
    const now = this.ports.now();
    this.mine.add(jobId);
    this.set({
      error: undefined,
      notice: `Importing ${files.length} file${files.length === 1 ? '' : 's'} into “${collection.name}”…`,
      job: newJob(
        jobId,
        collection,
        files.map((f) => ({ size: f.blob.size })),
        now,
      ),
    });
    this.ports.postToWorker({ type: 'start', jobId, collection, files });
  }

  cancelImport(): void {
    const job = this.state.job;
    if (job && !isFinished(job)) this.ports.postToWorker({ type: 'cancel', jobId: job.id });
  }

  /** An event from the import worker. */
  async onWorkerEvent(e: ImportWorkerEvent): Promise<void> {
    if (e.type === 'failed') {
      this.set({ error: `The import could not run: ${e.error}` });
      if (this.state.job?.id === e.jobId)
        this.set({ job: { ...this.state.job, state: 'failed', error: e.error, finishedAt: this.ports.now() } });
      return;
    }
    if (this.state.job && e.job.id !== this.state.job.id && this.mine.has(this.state.job.id) && !isFinished(this.state.job)) return;
    this.set({ job: e.job });
    if (e.type === 'finished') {
      this.set({ notice: summary(e.job) });
      await this.ports.call('corpusChanged', null).catch(() => undefined);
      await this.refreshCorpus();
    } else if (this.ports.now() - this.lastRefresh > POLL_MS) await this.refreshCorpus();
  }

  async setEnabled(id: string, enabled: boolean): Promise<void> {
    await this.guard('Could not change the collection', async () => {
      await this.ports.call('setCollectionEnabled', { id, enabled });
      this.set({ collections: this.state.collections.map((c) => (c.id === id ? { ...c, enabled } : c)) });
      await this.refreshCorpus();
    });
  }

  async deleteCollection(id: string): Promise<void> {
    const c = this.state.collections.find((x) => x.id === id);
    await this.guard('Could not delete the collection', async () => {
      await this.ports.call('deleteCollection', { id });
      this.set({ notice: `Deleted “${c?.name ?? id}”.` });
      await this.refreshCorpus();
    });
  }

  /** Downloads a collection as JSON Lines, one story per line. */
  async exportCollection(id: string): Promise<void> {
    const c = this.state.collections.find((x) => x.id === id);
    if (!c || this.state.busy.includes(id)) return;
    this.set({ busy: [...this.state.busy, id], error: undefined, notice: `Exporting “${c.name}”…` });
    try {
      const parts: string[] = [];
      let after = -1;
      let count = 0;
      for (;;) {
        const page = await this.ports.call('exportCollectionPage', { id, after, limit: EXPORT_PAGE });
        for (const s of page.stories) parts.push(JSON.stringify(s) + '\n');
        count += page.stories.length;
        if (page.last === null) break;
        after = page.last;
      }
      this.ports.download(`${fileSafe(c.name)}.jsonl`, new Blob(parts, { type: 'application/x-ndjson' }));
      this.set({ notice: `Exported ${count.toLocaleString('en')} stories of “${c.name}”.` });
    } catch (e) {
      this.set({ error: `Could not export “${c.name}”: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      this.set({ busy: this.state.busy.filter((x) => x !== id) });
    }
  }

  async saveSettings(patch: Partial<Settings>): Promise<boolean> {
    try {
      const settings = await this.ports.call('setSettings', patch);
      this.set({ settings, error: undefined, notice: 'Settings saved.' });
      return true;
    } catch (e) {
      this.set({ error: `Settings not saved: ${e instanceof Error ? e.message : String(e)}` });
      return false;
    }
  }

  async clearJobs(): Promise<void> {
    await this.guard('Could not clear the import history', async () => {
      await this.ports.call('clearImportJobs', null);
      if (this.state.job && isFinished(this.state.job)) this.set({ job: undefined });
    });
  }
}

/** One line saying how an import ended. */
export function summary(job: ImportJob): string {
  const n = (x: number) => x.toLocaleString('en');
  const parts = [`${n(job.added)} ${job.added === 1 ? 'story' : 'stories'} added`];
  if (job.state === 'running' && job.analysed) parts.push(`${n(job.analysed)} analysed, being stored`);
  if (job.alreadyPresent) parts.push(`${n(job.alreadyPresent)} already present`);
  if (job.problemCount) parts.push(`${n(job.problemCount)} ${job.problemCount === 1 ? 'problem' : 'problems'}`);
  const head =
    job.state === 'done'
      ? 'Import finished'
      : job.state === 'cancelled'
        ? 'Import cancelled'
        : job.state === 'interrupted'
          ? 'Import stopped'
          : job.state === 'failed'
            ? 'Import failed'
            : 'Importing';
  return `${head}: ${parts.join(', ')}.`;
}

/** A file name from a collection name: no path separators or control characters. */
export function fileSafe(name: string): string {
  const s = name
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return s || 'collection';
}

/** Default collection name for what the user picked: a folder's name, a file's name, or a count. */
export function defaultCollectionName(files: { name: string; path?: string }[], today: string): string {
  if (files.length === 0) return '';
  const folders = new Set(
    files
      .map((f) => (f.path ?? '').split('/').filter(Boolean))
      .filter((p) => p.length > 1)
      .map((p) => p[0]),
  );
  if (folders.size === 1) return [...folders][0];
  if (files.length === 1) return files[0].name.replace(/\.[^.]{1,10}$/, '') || files[0].name;
  return `${files.length} files, ${today}`;
}
