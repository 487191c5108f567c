// The state of one import job as stored (jobs table) and shown by the options page.
import type { ParseProblem } from '../corpus/story';

/** running: a worker is on it; done/cancelled/failed: it ended; interrupted: its page was closed
 *  (or the browser stopped) mid-import, at a batch boundary. */
export type JobState = 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted';

export interface ImportJob {
  id: string;
  collectionId: string;
  collectionName: string;
  state: JobState;
  filesTotal: number;
  /** Files whose every story is committed (or that failed). */
  filesDone: number;
  bytesTotal: number;
  /** Bytes of the files done, plus the committed share of the current file. */
  bytesDone: number;
  /** Stories read from the files so far (committed or not). */
  storiesFound: number;
  /** Stories committed as new. */
  added: number;
  /** Stories skipped because their id was already in the corpus. */
  alreadyPresent: number;
  /** Progress messages only (never stored): stories analysed whose batch is not committed yet. */
  analysed?: number;
  /** Progress messages only: parts of the index merged so far while stored stories are made
   *  searchable (dexie/pending.ts). */
  indexing?: { done: number; total: number };
  /** The first MAX_JOB_PROBLEMS problems; problemCount counts them all. */
  problems: ParseProblem[];
  problemCount: number;
  /** Name of the file being read, if any. */
  currentFile?: string;
  /** Why the job failed or stopped, in words for the user. */
  error?: string;
  startedAt: number;
  updatedAt: number;
  finishedAt?: number;
  /** Where the import's time went (for the benchmark; commits overlap the next batch's analysis). */
  timings?: ImportTimings;
}

export interface ImportTimings {
  /** Reading and parsing files. */
  parseMs: number;
  /** Waiting for the analysis of stories (fingerprints, terms) on the helper thread. */
  analyseMs: number;
  /** Committing batches to the database, summed (runs alongside the next batch's analysis). */
  commitMs: number;
  /** Waiting for the previous commit before the next could start. */
  commitWaitMs: number;
  batches: number;
  /** Merging pending postings into the posting rows (between commits, and once at the end). */
  mergeMs?: number;
  merges?: number;
  /** The commits' own steps, summed (AddResult.steps): they overlap inside each transaction. */
  commitSteps?: { idsMs: number; storiesMs: number; postingsMs: number; totalMs: number };
}

export const MAX_JOB_PROBLEMS = 500;

/** Web Lock held by the import worker while a job runs: the background tells live jobs from abandoned ones by it. */
export const jobLockName = (jobId: string) => `storytrace-import:${jobId}`;

export function isFinished(job: Pick<ImportJob, 'state'>): boolean {
  return job.state !== 'running';
}

/** Stories per second and seconds left (by bytes), for the progress bar; undefined until known. */
export function jobRates(job: ImportJob, now: number): { storiesPerSecond?: number; secondsLeft?: number; fraction: number } {
  const elapsed = Math.max(0.001, ((job.finishedAt ?? now) - job.startedAt) / 1000);
  const stored = job.added + job.alreadyPresent;
  const fraction = job.bytesTotal > 0 ? Math.min(1, job.bytesDone / job.bytesTotal) : job.state === 'running' ? 0 : 1;
  // A rate over a second or two mostly measures start-up: shown once there is something to measure.
  const storiesPerSecond = stored > 0 && elapsed >= 2 ? stored / elapsed : undefined;
  const secondsLeft = job.state === 'running' && fraction > 0.01 && elapsed >= 1 ? (elapsed * (1 - fraction)) / fraction : undefined;
  return { storiesPerSecond, secondsLeft, fraction };
}
