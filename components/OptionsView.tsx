// The options page: import, progress and problems, collections, storage, settings, and a live
// region announcing what just happened. Presentational: state and actions come in as props.
import type { OptionsState } from '../lib/import/options-model';
import type { ImportSource } from '../lib/protocol';
import type { Settings } from '../lib/settings';
import { CollectionTable } from './CollectionTable';
import { ImportPanel } from './ImportPanel';
import { ImportProblems } from './ImportProblems';
import { ImportProgress } from './ImportProgress';
import { PrivateReading } from './PrivateReading';
import { SettingsForm } from './SettingsForm';
import { StorageUsage } from './StorageUsage';
import { TeamIndexSection } from './TeamIndexSection';
import type { TeamTestResult } from '../lib/background/team-index';
import { useI18n } from './I18nProvider';

export interface OptionsViewProps {
  /** Everything the page shows. */
  state: OptionsState;
  /** Current time (ms), ticking while an import runs. */
  now: number;
  /** Whether the shown job was started by this page (only then can it be cancelled here). */
  ownJob: boolean;
  onImport: (files: ImportSource[], name: string) => void;
  onSample: () => void;
  onCancel: () => void;
  onClearJobs: () => void;
  onToggle: (id: string, enabled: boolean) => void;
  onExport: (id: string) => void;
  onDelete: (id: string) => void;
  onSaveSettings: (patch: Partial<Settings>) => Promise<boolean>;
  /** Asks the browser for the team index origin's permission (in the click). */
  onRequestTeamPermission: (url: string) => Promise<boolean>;
  /** Tests a team index URL and token. */
  onTestTeam: (url: string, token: string) => Promise<TeamTestResult>;
}

export function OptionsView(p: OptionsViewProps) {
  const { t, day } = useI18n();
  const { state } = p;
  const job = state.job;
  const running = job?.state === 'running';
  // The reader's calendar day, in their locale (day() formats an ISO day as it is written).
  const now = new Date(p.now);
  const today = day(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`);
  return (
    <div class="options">
      <header class="page-head">
        <div class="logo" aria-hidden="true">
          ST
        </div>
        <div>
          <h1>{t('ext_name')}</h1>
          <p class="tagline">{t('options_tagline')}</p>
        </div>
      </header>

      <div class="live" role="status" aria-live="polite">
        {state.error ? <p class="error">{state.error}</p> : state.notice ? <p class="notice">{state.notice}</p> : null}
      </div>

      {state.loaded && state.collections.length === 0 && state.settings && (
        <section aria-labelledby="private-first-h" class="onboarding">
          <h2 id="private-first-h">{t('options_private_first_heading')}</h2>
          <PrivateReading settings={state.settings} onSave={p.onSaveSettings} onboarding />
        </section>
      )}

      <section aria-labelledby="import-h">
        <h2 id="import-h">{t('options_import_heading')}</h2>
        <ImportPanel onImport={p.onImport} onSample={p.onSample} busy={running && p.ownJob} today={today} />
        {job && <ImportProgress job={job} now={p.now} onCancel={p.ownJob ? p.onCancel : undefined} onClear={p.onClearJobs} />}
        {job && <ImportProblems problems={job.problems} total={job.problemCount} />}
      </section>

      <section aria-labelledby="collections-h">
        <h2 id="collections-h">{t('options_collections_heading')}</h2>
        {state.loaded ? (
          <CollectionTable collections={state.collections} busy={state.busy} onToggle={p.onToggle} onExport={p.onExport} onDelete={p.onDelete} />
        ) : (
          <p class="hint">{t('loading')}</p>
        )}
      </section>

      <section aria-labelledby="storage-h">
        <h2 id="storage-h">{t('options_storage_heading')}</h2>
        <StorageUsage usage={state.usage} />
      </section>

      <section aria-labelledby="settings-h">
        <h2 id="settings-h">{t('options_settings_heading')}</h2>
        {state.settings ? <SettingsForm settings={state.settings} onSave={p.onSaveSettings} /> : <p class="hint">{t('loading')}</p>}
      </section>

      <section aria-labelledby="team-h">
        <h2 id="team-h">{t('meta_team')}</h2>
        {state.settings ? (
          <TeamIndexSection settings={state.settings} onSave={p.onSaveSettings} onRequestPermission={p.onRequestTeamPermission} onTest={p.onTestTeam} />
        ) : (
          <p class="hint">{t('loading')}</p>
        )}
      </section>

      {!(state.loaded && state.collections.length === 0) && state.settings && (
        <section aria-labelledby="private-h">
          <h2 id="private-h">{t('options_private_heading')}</h2>
          <PrivateReading settings={state.settings} onSave={p.onSaveSettings} onboarding={false} />
        </section>
      )}
    </div>
  );
}
