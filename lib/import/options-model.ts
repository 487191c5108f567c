// The options page's state and actions (collections, import jobs, storage, settings), over two
// injected transports: background messages and the import worker. Browser-free, so vitest drives it.
import type { CallBackground } from '../background/check-client';
import type { CollectionView } from '../index/dexie/backend';
import type { ImportSource, ImportWorkerEvent, ImportWorkerRequest, StorageUsage } from '../protocol';
import type { Settings } from '../settings';
import { newJob } from './import-runner';
import { isFinished, type ImportJob } from './job-types';
import type { I18n, MessageKey } from '../i18n/i18n';
import { english } from '../i18n/english';
import { reword } from '../i18n/reword';

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
  /** The words of notices and errors (default English). */
  i18n?: I18n;
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

  private readonly i18n: I18n;

  constructor(private readonly ports: OptionsPorts) {
    this.i18n = ports.i18n ?? english;
  }

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

  private async guard(what: MessageKey, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (e) {
      this.set({ error: this.i18n.t(what, e instanceof Error ? e.message : String(e)) });
    }
  }

  /** Loads everything the page shows. */
  async load(): Promise<void> {
    await this.guard('options_error_load', async () => {
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
    await this.guard('options_error_refresh', async () => {
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
    if (files.length === 0) return this.set({ error: this.i18n.t('options_error_no_files') });
    if (this.state.job && this.mine.has(this.state.job.id) && !isFinished(this.state.job))
      return this.set({ error: this.i18n.t('options_error_import_running') });
    const jobId = this.ports.newId();
    const collection = { id: `c-${this.ports.newId()}`, name: name.trim().slice(0, 200) || this.i18n.t('options_default_collection') };
    const now = this.ports.now();
    this.mine.add(jobId);
    this.set({
      error: undefined,
      notice: this.i18n.plural('options_importing_files', files.length, collection.name),
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
      this.set({ error: this.i18n.t('options_error_import_run', e.error) });
      if (this.state.job?.id === e.jobId)
        this.set({ job: { ...this.state.job, state: 'failed', error: e.error, finishedAt: this.ports.now() } });
      return;
    }
    if (this.state.job && e.job.id !== this.state.job.id && this.mine.has(this.state.job.id) && !isFinished(this.state.job)) return;
    this.set({ job: e.job });
    if (e.type === 'finished') {
      this.set({ notice: summary(e.job, this.i18n) });
      await this.ports.call('corpusChanged', null).catch(() => undefined);
      await this.refreshCorpus();
    } else if (this.ports.now() - this.lastRefresh > POLL_MS) await this.refreshCorpus();
  }

  async setEnabled(id: string, enabled: boolean): Promise<void> {
    await this.guard('options_error_change', async () => {
      await this.ports.call('setCollectionEnabled', { id, enabled });
      this.set({ collections: this.state.collections.map((c) => (c.id === id ? { ...c, enabled } : c)) });
      await this.refreshCorpus();
    });
  }

  async deleteCollection(id: string): Promise<void> {
    const c = this.state.collections.find((x) => x.id === id);
    await this.guard('options_error_delete', async () => {
      await this.ports.call('deleteCollection', { id });
      this.set({ notice: this.i18n.t('options_deleted', c?.name ?? id) });
      await this.refreshCorpus();
    });
  }

  /** Downloads a collection as JSON Lines, one story per line. */
  async exportCollection(id: string): Promise<void> {
    const c = this.state.collections.find((x) => x.id === id);
    if (!c || this.state.busy.includes(id)) return;
    this.set({ busy: [...this.state.busy, id], error: undefined, notice: this.i18n.t('options_exporting', c.name) });
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
      this.set({ notice: this.i18n.plural('options_exported', count, c.name) });
    } catch (e) {
      this.set({ error: this.i18n.t('options_error_export', c.name, e instanceof Error ? e.message : String(e)) });
    } finally {
      this.set({ busy: this.state.busy.filter((x) => x !== id) });
    }
  }

  async saveSettings(patch: Partial<Settings>): Promise<boolean> {
    try {
      const settings = await this.ports.call('setSettings', patch);
      this.set({ settings, error: undefined, notice: this.i18n.t('options_settings_saved') });
      return true;
    } catch (e) {
      this.set({ error: this.i18n.t('options_error_settings', reword(e instanceof Error ? e.message : String(e), this.i18n.t, 'settings_error_')) });
      return false;
    }
  }

  async clearJobs(): Promise<void> {
    await this.guard('options_error_clear_jobs', async () => {
      await this.ports.call('clearImportJobs', null);
      if (this.state.job && isFinished(this.state.job)) this.set({ job: undefined });
    });
  }
}

const SUMMARY_HEAD: Record<ImportJob['state'], MessageKey> = {
  done: 'summary_done',
  cancelled: 'summary_cancelled',
  interrupted: 'summary_interrupted',
  failed: 'summary_failed',
  running: 'summary_running',
};

/** One line saying how an import ended. */
export function summary(job: ImportJob, i18n: I18n = english): string {
  const parts = [i18n.plural('summary_added', job.added)];
  if (job.state === 'running' && job.analysed) parts.push(i18n.plural('summary_analysed', job.analysed));
  if (job.alreadyPresent) parts.push(i18n.plural('summary_present', job.alreadyPresent));
  if (job.problemCount) parts.push(i18n.plural('summary_problems', job.problemCount));
  return i18n.t('summary_line', i18n.t(SUMMARY_HEAD[job.state]), parts.join(', '));
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
export function defaultCollectionName(files: { name: string; path?: string }[], today: string, i18n: I18n = english): string {
  if (files.length === 0) return '';
  const folders = new Set(
    files
      .map((f) => (f.path ?? '').split('/').filter(Boolean))
      .filter((p) => p.length > 1)
      .map((p) => p[0]),
  );
  if (folders.size === 1) return [...folders][0];
  if (files.length === 1) return files[0].name.replace(/\.[^.]{1,10}$/, '') || files[0].name;
  return i18n.plural('options_files_today', files.length, today);
}
