// The progress of an import job: a bar, files and stories done, rate and time left, Cancel; and
// once it ends, how it ended.
import type { ImportJob } from '../lib/import/job-types';
import { jobRates } from '../lib/import/job-types';
import { formatBytes, formatCount, formatDuration } from '../lib/import/display';
import { summary } from '../lib/import/options-model';
import { useI18n } from './I18nProvider';
import { reword } from '../lib/i18n/reword';

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
  const i18n = useI18n();
  const { t } = i18n;
  const count = (n: number) => formatCount(n, i18n);
  const bytes = (n: number) => formatBytes(n, i18n);
  const running = job.state === 'running';
  const { storiesPerSecond, secondsLeft, fraction } = jobRates(job, now);
  const pct = Math.round(fraction * 100);
  return (
    <section class={`import-progress state-${job.state}`} aria-label={t('progress_label')}>
      <div class="progress-head">
        <h3>{running ? t('progress_importing_into', job.collectionName) : summary(job, i18n)}</h3>
        {running && onCancel && (
          <button type="button" class="button" onClick={onCancel}>
            {t('progress_cancel')}
          </button>
        )}
        {!running && onClear && (
          <button type="button" class="button quiet" onClick={onClear}>
            {t('progress_clear')}
          </button>
        )}
      </div>
      <progress max={100} value={pct} aria-valuetext={t('progress_valuetext', i18n.share(pct / 100), i18n.plural('summary_added', job.added))} />
      <dl class="progress-stats">
        <div>
          <dt>{t('progress_files')}</dt>
          <dd>
            {count(job.filesDone)} / {count(job.filesTotal)}
          </dd>
        </div>
        <div>
          <dt>{t('progress_added')}</dt>
          <dd data-testid="stories-added">{count(job.added)}</dd>
        </div>
        <div>
          <dt>{t('progress_present')}</dt>
          <dd>{count(job.alreadyPresent)}</dd>
        </div>
        <div>
          <dt>{t('progress_read')}</dt>
          <dd>{t('progress_read_of', bytes(job.bytesDone), bytes(job.bytesTotal))}</dd>
        </div>
        {storiesPerSecond !== undefined && (
          <div>
            <dt>{t('progress_rate')}</dt>
            <dd>{t('progress_rate_value', count(storiesPerSecond))}</dd>
          </div>
        )}
        {/* Time left is by bytes read: it says nothing of the merge that ends the import. */}
        {running && secondsLeft !== undefined && !job.indexing && (
          <div>
            <dt>{t('progress_time_left')}</dt>
            <dd>{t('progress_about', formatDuration(secondsLeft, i18n))}</dd>
          </div>
        )}
      </dl>
      {running && job.indexing ? (
        <p class="current-file" data-testid="indexing">
          {t('progress_indexing', i18n.share(job.indexing.done / Math.max(1, job.indexing.total)))}
        </p>
      ) : (
        running && job.currentFile && <p class="current-file">{t('progress_reading_file', job.currentFile)}</p>
      )}
      {!running && (
        <p class="progress-where">
          {job.added === 0 && job.state === 'done'
            ? job.alreadyPresent > 0
              ? t('progress_nothing_new')
              : t('progress_none_found')
            : job.state !== 'done'
              ? i18n.plural('progress_collection_stopped', job.added, job.collectionName)
              : t('progress_collection', job.collectionName)}
        </p>
      )}
      {job.error && job.state !== 'done' && <p class={job.state === 'cancelled' ? 'note' : 'error'}>{reword(job.error, t, 'joberror_')}</p>}
    </section>
  );
}
