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
  const { state } = p;
  const job = state.job;
  const running = job?.state === 'running';
  const today = new Date(p.now).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
  return (
    <div class="options">
      <header class="page-head">
        <div class="logo" aria-hidden="true">
          ST
        </div>
        <div>
          <h1>StoryTrace</h1>
          <p class="tagline">Your corpus of news stories. Everything stays on this computer.</p>
        </div>
      </header>

      <div class="live" role="status" aria-live="polite">
        {state.error ? <p class="error">{state.error}</p> : state.notice ? <p class="notice">{state.notice}</p> : null}
      </div>

      {state.loaded && state.collections.length === 0 && state.settings && (
        <section aria-labelledby="private-first-h" class="onboarding">
          <h2 id="private-first-h">Before you start: private reading</h2>
          <PrivateReading settings={state.settings} onSave={p.onSaveSettings} onboarding />
        </section>
      )}

      <section aria-labelledby="import-h">
        <h2 id="import-h">Import stories</h2>
        <ImportPanel onImport={p.onImport} onSample={p.onSample} busy={running && p.ownJob} today={today} />
        {job && <ImportProgress job={job} now={p.now} onCancel={p.ownJob ? p.onCancel : undefined} onClear={p.onClearJobs} />}
        {job && <ImportProblems problems={job.problems} total={job.problemCount} />}
      </section>

      <section aria-labelledby="collections-h">
        <h2 id="collections-h">Collections</h2>
        {state.loaded ? (
          <CollectionTable collections={state.collections} busy={state.busy} onToggle={p.onToggle} onExport={p.onExport} onDelete={p.onDelete} />
        ) : (
          <p class="hint">Loading…</p>
        )}
      </section>

      <section aria-labelledby="storage-h">
        <h2 id="storage-h">Storage</h2>
        <StorageUsage usage={state.usage} />
      </section>

      <section aria-labelledby="settings-h">
        <h2 id="settings-h">Settings</h2>
        {state.settings ? <SettingsForm settings={state.settings} onSave={p.onSaveSettings} /> : <p class="hint">Loading…</p>}
      </section>

      <section aria-labelledby="team-h">
        <h2 id="team-h">Team index</h2>
        {state.settings ? (
          <TeamIndexSection settings={state.settings} onSave={p.onSaveSettings} onRequestPermission={p.onRequestTeamPermission} onTest={p.onTestTeam} />
        ) : (
          <p class="hint">Loading…</p>
        )}
      </section>

      {!(state.loaded && state.collections.length === 0) && state.settings && (
        <section aria-labelledby="private-h">
          <h2 id="private-h">Private reading</h2>
          <PrivateReading settings={state.settings} onSave={p.onSaveSettings} onboarding={false} />
        </section>
      )}
    </div>
  );
}
