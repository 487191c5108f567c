// Popup entry: finds the tab it describes (the active tab, or ?tab=ID when opened as a page for
// tests), loads its reading state from the background and renders PopupView with the actions.
import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from '#imports';
import { PopupView } from '../../components/PopupView';
import { I18nProvider } from '../../components/I18nProvider';
import { extensionI18n } from '../../lib/i18n/i18n';
import { reword } from '../../lib/i18n/reword';
import { backgroundCaller } from '../../lib/background/check-client';
import type { TabState } from '../../lib/background/check-state';
import { siteOf } from '../../lib/page/format';
import type { Envelope } from '../../lib/protocol';
import './style.css';

const call = backgroundCaller((m: Envelope) => browser.runtime.sendMessage(m));
const BUSY = new Set(['idle', 'checking', 'waiting-click']);
// The browser's language: browser.i18n picks the _locales folder, and Intl formats in the same locale.
const i18n = extensionI18n(browser.i18n);
const { t } = i18n;

async function targetTab(): Promise<{ id: number; url?: string } | null> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param && /^\d+$/.test(param)) return { id: Number(param) };
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id !== undefined ? { id: tab.id, url: tab.url } : null;
}

function App() {
  const [tab, setTab] = useState<{ id: number; url?: string } | null>(null);
  const [state, setState] = useState<TabState | null | undefined>(undefined);
  const [notice, setNotice] = useState<string>();
  const pollUntil = useRef(0);
  const clicked = useRef(false);

  const refresh = useCallback(async (tabId: number) => {
    const s = await call('getTabState', { tabId }).catch(() => null);
    setState(s);
    // Click mode: opening the popup is the click that checks the page.
    if (s?.status === 'waiting-click' && !clicked.current) {
      clicked.current = true;
      await call('recheckTab', { tabId }).catch((e: Error) => setNotice(e.message));
    }
    return s;
  }, []);

  useEffect(() => {
    let stop = false;
    void (async () => {
      const t = await targetTab();
      setTab(t);
      if (!t) return setState(null);
      pollUntil.current = performance.now() + 4000;
      // Poll while the page is being checked (or its content script is still starting).
      while (!stop) {
        const s = await refresh(t.id);
        const busy = s === null ? performance.now() < pollUntil.current : BUSY.has(s.status);
        if (!busy && performance.now() > pollUntil.current) break;
        await new Promise((ok) => setTimeout(ok, busy ? 200 : 500));
      }
    })();
    return () => {
      stop = true;
    };
  }, [refresh]);

  const act = async (work: () => Promise<string | void>) => {
    if (!tab) return;
    setNotice(undefined);
    try {
      const msg = await work();
      if (msg) setNotice(msg);
    } catch (e) {
      // The background's refusals cross as English text: worded again when known.
      setNotice(reword(e instanceof Error ? e.message : String(e), t, 'bgerror_'));
    }
    pollUntil.current = performance.now() + 4000;
    await refresh(tab.id);
    // Keep following the re-check the action may have started.
    for (let i = 0; i < 40; i++) {
      await new Promise((ok) => setTimeout(ok, 200));
      const s = await refresh(tab.id);
      if (s && !BUSY.has(s.status)) break;
    }
  };

  const site = siteOf(state?.url ?? tab?.url);
  if (state === undefined) return <main class="popup"><p class="status status-busy">{t('loading')}</p></main>;
  return (
    <PopupView
      state={state}
      site={site}
      notice={notice}
      onOpenViewer={(storyId) => void call('openViewer', { storyId, tabId: tab?.id }).then(() => window.close())}
      onImport={() => void browser.runtime.openOptionsPage().then(() => window.close())}
      onCheckAgain={(force) => void act(async () => void (await call('recheckTab', { tabId: tab!.id, force })))}
      onAddPage={() =>
        void act(async () => {
          const r = await call('addTabPage', { tabId: tab!.id });
          return r.added ? t('popup_page_added') : t('popup_page_known');
        })
      }
      onNeverCheckSite={() =>
        void act(async () => {
          await call('setSiteRule', { site, rule: 'never-check' });
          await call('recheckTab', { tabId: tab!.id }).catch(() => {});
          return t('popup_site_never_checked', site);
        })
      }
      onAllowSite={() =>
        void act(async () => {
          await call('setSiteRule', { site, rule: 'never-check', remove: true });
          await call('recheckTab', { tabId: tab!.id });
        })
      }
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
