// Selection page entry (selection.html?id=ID): the result of checking text the reader selected
// ("Check this text with StoryTrace"), shown with the popup's components; the background runs the
// check and keeps its state under the id.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import { I18nProvider } from '../../components/I18nProvider';
import { PopupView } from '../../components/PopupView';
import { backgroundCaller } from '../../lib/background/check-client';
import type { SelectionState } from '../../lib/background/check-selection';
import { extensionI18n } from '../../lib/i18n/i18n';
import type { Envelope } from '../../lib/protocol';
import '../popup/style.css';
import './style.css';

const call = backgroundCaller((m: Envelope) => browser.runtime.sendMessage(m));
// Messages and Intl in the language of the _locales folder the browser picked (lib/i18n extensionI18n).
const i18n = extensionI18n(browser.i18n);
const { t } = i18n;

function App() {
  const [state, setState] = useState<SelectionState | null | undefined>(undefined);
  const id = new URLSearchParams(location.search).get('id') ?? '';
  useEffect(() => {
    document.documentElement.lang = i18n.locale;
    document.title = `${t('selection_heading')} – ${t('ext_name')}`;
    // getSelectionCheck waits for a check still running.
    void call('getSelectionCheck', { id }).then(setState, () => setState(null));
  }, [id]);

  if (state === undefined) return <main class="popup"><p class="status status-busy">{t('loading')}</p></main>;
  if (state === null) return <main class="popup"><p class="status status-muted">{t('selection_gone')}</p></main>;
  return (
    <PopupView
      state={state}
      site=""
      selection={{ text: state.text ?? '', truncated: state.truncated }}
      onOpenViewer={(storyId) =>
        void browser.tabs.create({ url: `${browser.runtime.getURL('/')}viewer.html?${new URLSearchParams({ story: storyId, selection: id })}` })
      }
      onImport={() => void browser.runtime.openOptionsPage()}
      onCheckAgain={() => {}}
      onAddPage={() => {}}
      onNeverCheckSite={() => {}}
      onAllowSite={() => {}}
    />
  );
}

render(
  <I18nProvider i18n={i18n}>
    <App />
  </I18nProvider>,
  document.getElementById('app')!,
);
