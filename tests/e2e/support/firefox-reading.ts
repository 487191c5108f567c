// Reading helpers for the Firefox end-to-end tests, the counterparts of reading-helpers.ts and
// reading-corpus.ts: background calls from an extension page, the seed import through the options
// page's real file input, tab ids, and what the content script drew.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { elementId, type FirefoxSession } from './firefox';

export const SEEDS_DIR = join(import.meta.dirname, '../../fixtures/seeds');

/** Background calls through an extension page kept open in its own tab. */
export interface FirefoxBridge {
  call<T = unknown>(type: string, payload?: unknown): Promise<T>;
  /** The id of the tab showing `url` (extension pages may read tab URLs of pages they can script). */
  tabIdOf(url: string): Promise<number>;
  /** The toolbar badge text of a tab. */
  toolbarText(tabId: number): Promise<string>;
}

/**
 * Opens viewer.html in a tab as the bridge. Every call switches to that tab and back to `back()`
 * (the tab the test works in), since Marionette scripts run in the current tab.
 */
export async function openFirefoxBridge(s: FirefoxSession): Promise<FirefoxBridge & { handle: string }> {
  const handle = await s.openTab(s.extensionUrl('viewer.html'));
  let back: string | null = null;
  const inBridge = async <T>(body: string, args: unknown[]): Promise<T> => {
    back = await s.m.send<string>('WebDriver:GetWindowHandle');
    if (back !== handle) await s.m.send('WebDriver:SwitchToWindow', { handle, focus: false });
    try {
      return await s.run<T>(body, args);
    } finally {
      if (back !== handle) await s.m.send('WebDriver:SwitchToWindow', { handle: back, focus: false });
    }
  };
  return {
    handle,
    async call<T>(type: string, payload: unknown = null): Promise<T> {
      const r = await inBridge<{ ok: true; value: T } | { ok: false; error: string } | null>(
        'return browser.runtime.sendMessage({ type: arguments[0], payload: arguments[1] });',
        [type, payload],
      );
      if (!r?.ok) throw new Error(`${type}: ${r ? r.error : 'no answer'}`);
      return r.value;
    },
    async tabIdOf(url) {
      const id = await inBridge<number | null>('return browser.tabs.query({}).then((ts) => ts.find((t) => t.url === arguments[0])?.id ?? null);', [url]);
      if (id === null) throw new Error(`no tab shows ${url}`);
      return id;
    },
    toolbarText: (tabId) => inBridge<string>('return browser.action.getBadgeText({ tabId: arguments[0] });', [tabId]),
  };
}

interface JobView {
  collectionName: string;
  state: string;
  added: number;
  alreadyPresent: number;
  error?: string;
  startedAt: number;
}

/** Imports `files` through the options page's file input as collection `name`; returns the count. */
export async function importFilesFirefox(s: FirefoxSession, bg: FirefoxBridge & { handle: string }, files: string[], name: string, screenshot?: string): Promise<number> {
  const started = Date.now();
  const options = await s.openTab(s.extensionUrl('options.html'));
  try {
    await s.waitFor('return document.querySelector("#import-files") !== null', 'the options page');
    const [nameInput] = await s.find('#collection-name');
    await s.m.send('WebDriver:ElementClear', { id: elementId(nameInput) });
    await s.m.send('WebDriver:ElementSendKeys', { id: elementId(nameInput), text: name });
    const [input] = await s.find('#import-files');
    await s.m.send('WebDriver:ElementSendKeys', { id: elementId(input), text: files.join('\n') });
    const end = Date.now() + 120_000;
    let job: JobView | undefined;
    while (!job) {
      const jobs = await bg.call<JobView[]>('listImportJobs');
      job = jobs.find((j) => j.collectionName === name && j.startedAt >= started - 1000 && j.state !== 'running');
      if (Date.now() > end) throw new Error(`Timed out waiting for the import of "${name}"`);
      if (!job) await new Promise((ok) => setTimeout(ok, 100));
    }
    if (job.state !== 'done') throw new Error(`Import of "${name}" ended ${job.state}: ${job.error ?? ''}`);
    if (screenshot) {
      await s.waitFor('return document.querySelector(".import-progress:not(.state-running)")', 'the finished import');
      await s.screenshot(screenshot);
    }
    return job.added + job.alreadyPresent;
  } finally {
    await s.closeTab(options, bg.handle);
  }
}

/** The seed pages, as the options import takes them. */
export function seedFiles(): string[] {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(SEEDS_DIR, f));
}

/** What the content script drew (the `storytrace:badges-drawn` marks, newest last). */
export interface DrawnMark {
  badges: number;
  totalMs: number;
  extractMs: number;
  queryMs: number;
  reason: string;
}

/** Script bodies run in the article tab (page context: the badge hosts are page elements, their
 *  closed shadow roots are not readable, as a page's own scripts cannot read them). */
export const PAGE = {
  drawnMarks: 'return performance.getEntriesByName("storytrace:badges-drawn").map((e) => e.detail);',
  /** Milliseconds from navigation start to the first badges-drawn mark, or null. */
  firstDrawnAt: 'const e = performance.getEntriesByName("storytrace:badges-drawn").find((x) => x.detail.badges > 0); return e ? e.startTime : null;',
  badgedParagraphs:
    'return [...document.querySelectorAll("storytrace-badge")].map((h) => (h.parentElement?.innerText ?? "").replace(/\\s+/g, " ").trim());',
  badgeCount: 'return document.querySelectorAll("storytrace-badge").length;',
};
