// The progress of an import job: a bar, files and stories done, rate and time left, Cancel; and
// once it ends, how it ended.
import type { ImportJob } from '../lib/import/job-types';
import { jobRates } from '../lib/import/job-types';
import { formatBytes, formatCount, formatDuration } from '../lib/import/display';
import { summary } from '../lib/import/options-model';

export interface ImportProgressProps {
  /** The job to show. */
  job: ImportJob;
  /** Current time (ms), for the rate and time left. */
  now: number;
  /** Asks the worker to stop at the next batch boundary; absent when the job is not ours to stop. */
  onCancel?: () => void;
  /** Forgets finished jobs. */
  onClear?: () => void;
}

export function ImportProgress({ job, now, onCancel, onClear }: ImportProgressProps) {
  const running = job.state === 'running';
  const { storiesPerSecond, secondsLeft, fraction } = jobRates(job, now);
  const pct = Math.round(fraction * 100);
  return (
    <section class={`import-progress state-${job.state}`} aria-label="Import progress">
      <div class="progress-head">
        <h3>{running ? `Importing into “${job.collectionName}”` : summary(job)}</h3>
        {running && onCancel && (
          <button type="button" class="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        {!running && onClear && (
          <button type="button" class="button quiet" onClick={onClear}>
            Clear
          </button>
        )}
      </div>
      <progress max={100} value={pct} aria-valuetext={`${pct}% — ${formatCount(job.added)} stories added`} />
      <dl class="progress-stats">
        <div>
          <dt>Files</dt>
          <dd>
            {formatCount(job.filesDone)} / {formatCount(job.filesTotal)}
          </dd>
        </div>
        <div>
          <dt>Stories added</dt>
          <dd data-testid="stories-added">{formatCount(job.added)}</dd>
        </div>
        <div>
          <dt>Already present</dt>
          <dd>{formatCount(job.alreadyPresent)}</dd>
        </div>
        <div>
          <dt>Read</dt>
          <dd>
            {formatBytes(job.bytesDone)} of {formatBytes(job.bytesTotal)}
          </dd>
        </div>
        {storiesPerSecond !== undefined && (
          <div>
            <dt>Rate</dt>
            <dd>{formatCount(storiesPerSecond)} stories/s</dd>
          </div>
        )}
        {/* Time left is by bytes read: it says nothing of the merge that ends the import. */}
        {running && secondsLeft !== undefined && !job.indexing && (
          <div>
            <dt>Time left</dt>
            <dd>about {formatDuration(secondsLeft)}</dd>
          </div>
        )}
      </dl>
      {running && job.indexing ? (
        <p class="current-file" data-testid="indexing">
          Making stories searchable: {Math.round((100 * job.indexing.done) / Math.max(1, job.indexing.total))}% of the index updated
        </p>
      ) : (
        running && job.currentFile && <p class="current-file">Reading {job.currentFile}</p>
      )}
      {!running && (
        <p class="progress-where">
          {job.added === 0 && job.state === 'done'
            ? job.alreadyPresent > 0
              ? 'Nothing new: every story was already in your corpus, so no collection was added.'
              : 'No stories were found, so no collection was added.'
            : `Collection “${job.collectionName}”${job.state !== 'done' ? `: ${formatCount(job.added)} stories stored before it stopped.` : '.'}`}
        </p>
      )}
      {job.error && job.state !== 'done' && <p class={job.state === 'cancelled' ? 'note' : 'error'}>{job.error}</p>}
    </section>
  );
}
