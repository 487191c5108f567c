// Side panel entry (Chrome's side panel, Firefox's sidebar): follows the active tab of its window
// (or ?tab=ID, for tests), reads that tab's state from the background and renders SidePanelView.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import { SidePanelView } from '../../components/SidePanelView';
import { I18nProvider } from '../../components/I18nProvider';
import { extensionI18n } from '../../lib/i18n/i18n';
import { backgroundCaller } from '../../lib/background/check-client';
import { pagePolicy } from '../../lib/background/check-policy';
import type { TabState } from '../../lib/background/check-state';
import type { Envelope } from '../../lib/protocol';
import '../content/badges.css';
import './style.css';

const call = backgroundCaller((m: Envelope) => browser.runtime.sendMessage(m));
// The browser's language: browser.i18n picks the _locales folder, and Intl formats in the same locale.
const i18n = extensionI18n(browser.i18n);
/** How often the shown tab's state is read again (the background keeps it; this is one small read). */
const REFRESH_MS = 1000;

async function activeTab(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function App() {
  const [tabId, setTabId] = useState<number | null | undefined>(undefined);
  const [state, setState] = useState<TabState | null | undefined>(undefined);
  const [privately, setPrivately] = useState(false);

  useEffect(() => {
    void activeTab().then(setTabId);
    if (new URLSearchParams(location.search).has('tab')) return;
    const follow = () => void activeTab().then(setTabId);
    browser.tabs.onActivated.addListener(follow);
    return () => browser.tabs.onActivated.removeListener(follow);
  }, []);

  useEffect(() => {
    if (tabId === undefined) return;
    if (tabId === null) return setState(null);
    let stop = false;
    let last = '';
    const read = async () => {
      const s = await call('getTabState', { tabId }).catch(() => null);
      if (stop) return;
      // Re-render only when the state changed (a new check, a navigation).
      const key = s ? `${s.status}:${s.updatedAt}:${s.url ?? ''}` : 'none';
      if (key !== last) {
        last = key;
        setState(s);
        const settings = await call('getSettings', null).catch(() => null);
        if (!stop) setPrivately(!!settings && !!s?.url && pagePolicy(settings, s.url).private === true);
      }
    };
    void read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [tabId]);

  return (
    <SidePanelView
      state={state}
      privately={privately}
      onOpenViewer={(storyId) => void call('openViewer', { storyId, ...(tabId != null ? { tabId } : {}) }).catch(() => {})}
    />
  );
}

document.documentElement.lang = i18n.locale;
render(
  <I18nProvider i18n={i18n}>
    <App />
  </I18nProvider>,
  document.getElementById('app')!,
);
