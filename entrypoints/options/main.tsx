// Options page entry: the corpus page. Wires the OptionsModel to the background (runtime messages)
// and to the import worker, bundles the sample corpus, and renders OptionsView.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import { OptionsView } from '../../components/OptionsView';
import { I18nProvider } from '../../components/I18nProvider';
import { extensionI18n } from '../../lib/i18n/i18n';
import { backgroundCaller } from '../../lib/background/check-client';
import { OptionsModel, POLL_MS, type OptionsState } from '../../lib/import/options-model';
import type { Envelope, ImportSource, ImportWorkerEvent } from '../../lib/protocol';
import { teamOriginPattern } from '../../lib/settings';
import ImportWorker from './import-worker?worker';
import './style.css';

// The sample corpus: the seed pages, bundled as text.
const SAMPLE = import.meta.glob('../../tests/fixtures/seeds/*.txt', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const sampleFiles = (): ImportSource[] =>
  Object.entries(SAMPLE)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, text]) => ({ name: path.split('/').pop() ?? path, blob: new Blob([text], { type: 'text/plain' }) }));

const call = backgroundCaller((m: Envelope) => browser.runtime.sendMessage(m));
// The browser's language: browser.i18n picks the _locales folder, and Intl formats in the same locale.
const i18n = extensionI18n(browser.i18n);
let worker: Worker | undefined;
const model: OptionsModel = new OptionsModel({
  call,
  postToWorker(req) {
    if (!worker) {
      worker = new ImportWorker();
      worker.addEventListener('message', (e: MessageEvent<ImportWorkerEvent>) => void model.onWorkerEvent(e.data));
      worker.addEventListener('error', (e) => void model.onWorkerEvent({ type: 'failed', jobId: model.state.job?.id ?? '', error: e.message || i18n.t('options_worker_crashed') }));
    }
    worker.postMessage(req);
  },
  download(name, blob) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
  newId: () => crypto.randomUUID(),
  now: () => Date.now(),
  i18n,
});

function App() {
  const [state, setState] = useState<OptionsState>(model.state);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const off = model.subscribe(setState);
    void model.load();
    const timer = setInterval(() => {
      setNow(Date.now());
      void model.poll();
    }, POLL_MS);
    return () => {
      off();
      clearInterval(timer);
    };
  }, []);
  return (
    <OptionsView
      state={state}
      now={now}
      ownJob={!!state.job && model.isMine(state.job.id)}
      onImport={(files, name) => model.startImport(files, name)}
      onSample={() => model.startImport(sampleFiles(), i18n.t('options_sample_name'))}
      onCancel={() => model.cancelImport()}
      onClearJobs={() => void model.clearJobs()}
      onToggle={(id, on) => void model.setEnabled(id, on)}
      onExport={(id) => void model.exportCollection(id)}
      onDelete={(id) => void model.deleteCollection(id)}
      onSaveSettings={(patch) => model.saveSettings(patch)}
      onRequestTeamPermission={(url) => browser.permissions.request({ origins: [teamOriginPattern(url)] })}
      onTestTeam={(url, token) => call('testTeamIndex', { url, token })}
    />
  );
}

document.documentElement.lang = i18n.locale;
document.title = i18n.t('options_title');
render(
  <I18nProvider i18n={i18n}>
    <App />
  </I18nProvider>,
  document.getElementById('app')!,
);
