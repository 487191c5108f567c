// Background service worker: opens the IndexedDB index, wires the one handler map (reading and
// corpus) to runtime messages, keeps tab states and toolbar badges, and resumes index upkeep.
// Wiring only: the logic lives in lib/background and lib/index.
import { browser, defineBackground } from '#imports';
import { createDispatcher, type RuntimeSender } from '../lib/background/dispatch';
import { createHandlerMap } from '../lib/background/handler-map';
import { CheckService } from '../lib/background/check-page';
import { SelectionChecks } from '../lib/background/check-selection';
import { commandMessage, SELECTION_MENU_ID } from '../lib/background/commands';
import type { TabState, TabStateStore } from '../lib/background/check-state';
import { SettingsStore } from '../lib/background/settings-store';
import { TeamIndex } from '../lib/background/team-index';
import { Upkeep } from '../lib/background/upkeep';
import { DexieBackend } from '../lib/index/dexie/backend';
import { StoryIndex } from '../lib/index/story-index';
import { jobLockName } from '../lib/import/job-types';
import { extensionI18n } from '../lib/i18n/i18n';
import type { ContentEnvelope } from '../lib/protocol';

export default defineBackground(() => {
  // Opened on first use: the worker may be stopped at any moment and must answer fast when woken;
  // nothing is loaded into memory but the open connection (queries read what they need).
  let backendP: Promise<DexieBackend> | undefined;
  const backend = () => (backendP ??= DexieBackend.open());
  let indexP: Promise<StoryIndex> | undefined;
  const index = () => (indexP ??= backend().then((b) => new StoryIndex(b)));
  const settings = new SettingsStore(async () => (await backend()).db);
  // Each import worker holds a Web Lock named after its job while it runs (import-host.ts).
  const liveJobs = async () => {
    const held = (await navigator.locks?.query?.())?.held ?? [];
    return new Set(
      held
        .map((l) => l.name ?? '')
        .filter((n) => n.startsWith(jobLockName('')))
        .map((n) => n.slice(jobLockName('').length)),
    );
  };
  const upkeep = new Upkeep(backend, { importing: async () => (await liveJobs()).size > 0 });

  // Tab states survive the worker stopping (storage.session lives as long as the browser session).
  const states: TabStateStore = {
    async get(tabId) {
      const key = `tab:${tabId}`;
      return ((await browser.storage.session.get(key)) as Record<string, TabState | undefined>)[key];
    },
    set: (tabId, state) => browser.storage.session.set({ [`tab:${tabId}`]: state }),
    delete: (tabId) => browser.storage.session.remove(`tab:${tabId}`),
  };

  // The team index is asked only once its origin's permission is granted (optional_host_permissions).
  const team = new TeamIndex({
    settings: () => settings.get(),
    hasPermission: (pattern) => browser.permissions.contains({ origins: [pattern] }),
  });

  const service = new CheckService({
    index,
    team,
    recheck: async (tabId) => void (await browser.tabs.sendMessage(tabId, { type: 'checkNow', payload: {} } satisfies ContentEnvelope)),
    sensitivity: async () => (await settings.get()).sensitivity,
    states,
    // Stories become searchable when an import merges its pending postings, not when they are stored.
    corpusGeneration: async () => (await backend()).corpusGeneration(),
    // The toolbar button's tooltip in the browser's language.
    i18n: extensionI18n(browser.i18n),
    async setBadge(tabId, badge) {
      try {
        await browser.action.setBadgeText({ tabId, text: badge.text });
        await browser.action.setBadgeBackgroundColor({ tabId, color: badge.color });
        await browser.action.setTitle({ tabId, title: badge.title });
      } catch {
        // The tab closed meanwhile.
      }
    },
  });

  // Selected text checked from the context menu; its states beside the tabs' in storage.session.
  const selections = new SelectionChecks({
    index,
    sensitivity: async () => (await settings.get()).sensitivity,
    store: {
      get: async (key) => (await browser.storage.session.get(key))[key],
      set: (key, value) => browser.storage.session.set({ [key]: value }),
      delete: (key) => browser.storage.session.remove(key),
    },
  });

  const handlers = createHandlerMap(
    {
      service,
      selections,
      settings: () => settings.get(),
      updateSettings: async (patch) => void (await settings.set(patch)),
      sendToTab: (tabId, message: ContentEnvelope) => browser.tabs.sendMessage(tabId, message),
      async openViewer(storyId, tabId) {
        const q = new URLSearchParams({ story: storyId });
        if (tabId !== undefined) q.set('tab', String(tabId));
        await browser.tabs.create({ url: `${browser.runtime.getURL('/')}viewer.html?${q}`, openerTabId: tabId });
      },
    },
    {
      backend,
      settings,
      estimate: async () => (navigator.storage?.estimate ? navigator.storage.estimate() : {}),
      liveJobs,
      changed: () => service.clearCache(),
      upkeep: () => void upkeep.run(),
    },
    { team },
  );

  const dispatch = createDispatcher(handlers, {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
  });

  // Reply through sendResponse and `return true`: works in Chromium, Firefox and WXT's fake browser.
  browser.runtime.onMessage.addListener((message: unknown, sender: unknown, sendResponse: (r: unknown) => void) => {
    void dispatch(message, sender as RuntimeSender).then(sendResponse);
    return true;
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url !== undefined) void service.tabNavigated(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => void service.tabClosed(tabId));

  // "Check this text with StoryTrace" on selected text (PDFs, quoted posts, anything not an
  // article). Made again at every start (the worker may have been updated); the click grants
  // activeTab on that tab only, which gives its address and title for the selection page.
  const menus = browser.contextMenus;
  void menus
    .removeAll()
    .then(() => menus.create({ id: SELECTION_MENU_ID, title: (browser.i18n.getMessage as (name: string) => string)('menu_check_selection') || 'Check this text with StoryTrace', contexts: ['selection'] }));
  menus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== SELECTION_MENU_ID) return;
    void (async () => {
      const id = await selections.start(info.selectionText, { url: tab?.url, title: tab?.title });
      const at = tab?.id !== undefined && tab.id >= 0 ? { openerTabId: tab.id, index: tab.index + 1 } : {};
      await browser.tabs.create({ url: `${browser.runtime.getURL('/')}selection.html?id=${id}`, ...at });
    })().catch((e: unknown) => console.warn('StoryTrace: selection check', e));
  });

  // Keyboard commands (manifest `commands`, changeable in the browser's shortcut settings): check
  // the page now, and move between badges. The browser takes the keys: the page never sees them.
  browser.commands.onCommand.addListener((command, tab) => {
    const message = commandMessage(command);
    if (!message) return;
    void (async () => {
      const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (tabId === undefined) return;
      if (message.type === 'checkNow') service.clearCache();
      await browser.tabs.sendMessage(tabId, message);
    })().catch(() => {
      // No content script there (a browser page, the web store): nothing to do.
    });
  });

  // A delete or compaction cut short by the worker stopping carries on.
  void upkeep.run();
});
