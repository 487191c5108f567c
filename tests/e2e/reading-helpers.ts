// Helpers for the reading end-to-end tests: the badges live in CLOSED shadow roots (pages must not
// read them), so tests look inside through the DevTools protocol, as a user's screen reader would.
import type { Page, Worker } from 'playwright-core';

// The extension APIs, as far as these helpers use them inside the worker and extension pages.
declare const chrome: {
  tabs: { query(q: object): Promise<{ id?: number }[]> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
  runtime: {
    sendMessage(m: unknown): Promise<unknown>;
    onMessage: { addListener(f: (m: { type?: unknown } | undefined, sender: { tab?: unknown; url?: string }) => undefined): void };
  };
};

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

interface Tree {
  root: CdpNode;
  scrollIntoView(backendNodeId: number): Promise<void>;
  /** The border quad of a node: x1,y1 … x4,y4. */
  border(backendNodeId: number): Promise<number[]>;
  done(): Promise<void>;
}

async function documentTree(page: Page): Promise<Tree> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  return {
    root: root as CdpNode,
    scrollIntoView: async (backendNodeId) => void (await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId })),
    border: async (backendNodeId) => (await cdp.send('DOM.getBoxModel', { backendNodeId })).model.border,
    done: () => cdp.detach(),
  };
}

function* walk(n: CdpNode): Generator<CdpNode> {
  yield n;
  for (const s of n.shadowRoots ?? []) yield* walk(s);
  for (const c of n.children ?? []) yield* walk(c);
}

function textOf(n: CdpNode): string {
  let s = '';
  for (const x of walk(n)) if (x.nodeType === 3) s += x.nodeValue ?? '';
  return s;
}

/** The text inside the shadow roots of every element named `tag` (e.g. 'storytrace-layer'). */
export async function shadowTexts(page: Page, tag: string): Promise<string[]> {
  const t = await documentTree(page);
  try {
    const out: string[] = [];
    for (const n of walk(t.root)) if (n.nodeName === tag.toUpperCase()) out.push((n.shadowRoots ?? []).map(textOf).join(''));
    return out;
  } finally {
    await t.done();
  }
}

/** The value of `attr` on elements named `element` inside shadow roots of `tag` hosts. */
export async function shadowAttributes(page: Page, tag: string, element: string, attr: string): Promise<string[]> {
  const t = await documentTree(page);
  try {
    const out: string[] = [];
    for (const host of walk(t.root)) {
      if (host.nodeName !== tag.toUpperCase()) continue;
      for (const root of host.shadowRoots ?? []) {
        for (const n of walk(root)) {
          if (n.nodeName !== element.toUpperCase() || !n.attributes) continue;
          const i = n.attributes.indexOf(attr);
          if (i >= 0 && i % 2 === 0) out.push(n.attributes[i + 1]);
        }
      }
    }
    return out;
  } finally {
    await t.done();
  }
}

/** Clicks the first element inside a `tag` host's shadow root whose text is `text`. */
export async function clickInShadow(page: Page, tag: string, text: string): Promise<void> {
  const t = await documentTree(page);
  try {
    for (const host of walk(t.root)) {
      if (host.nodeName !== tag.toUpperCase()) continue;
      for (const root of host.shadowRoots ?? []) {
        for (const n of walk(root)) {
          if (n.nodeType !== 1 || !['BUTTON', 'A'].includes(n.nodeName) || textOf(n).trim() !== text) continue;
          await t.scrollIntoView(n.backendNodeId);
          const q = await t.border(n.backendNodeId);
          await page.mouse.click((q[0] + q[4]) / 2, (q[1] + q[5]) / 2);
          return;
        }
      }
    }
    throw new Error(`No "${text}" inside <${tag}>`);
  } finally {
    await t.done();
  }
}

/** Id of the tab showing `page` (brought to the front, so it is the active tab). */
export async function tabIdOf(page: Page, worker: Worker): Promise<number> {
  await page.bringToFront();
  return worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab.id!;
  });
}

/** The toolbar badge text of a tab. */
export function toolbarText(worker: Worker, tabId: number): Promise<string> {
  return worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** The text of the paragraph each inline badge sits in, whitespace folded. */
export function badgedParagraphs(page: Page): Promise<string[]> {
  return page.$$eval('storytrace-badge', (hosts) => hosts.map((h) => ((h.parentElement as HTMLElement | null)?.innerText ?? '').replace(/\s+/g, ' ').trim()));
}

/** Starts recording the messages content scripts send the background (type and page URL, newest
 *  last; a second call starts over). Returns the reader of the record. */
export async function recordContentMessages(worker: Worker): Promise<() => Promise<{ type: string; url?: string }[]>> {
  await worker.evaluate(() => {
    const g = globalThis as { storytraceSeen?: { type: string; url?: string }[] };
    if (g.storytraceSeen) return void (g.storytraceSeen.length = 0);
    const seen: { type: string; url?: string }[] = (g.storytraceSeen = []);
    chrome.runtime.onMessage.addListener((m, sender) => {
      if (sender.tab) seen.push({ type: String(m?.type), url: sender.url });
      return undefined; // the extension's own listener answers
    });
  });
  return () => worker.evaluate(() => [...((globalThis as { storytraceSeen?: { type: string; url?: string }[] }).storytraceSeen ?? [])]);
}

/** Timings the content script records when it draws badges (newest last). */
export function drawnMarks(page: Page): Promise<{ badges: number; totalMs: number; extractMs: number; queryMs: number; drawMs: number; reason: string }[]> {
  return page.evaluate(() => performance.getEntriesByName('storytrace:badges-drawn').map((e) => (e as PerformanceMark).detail));
}

/** Sends background messages from an extension page (the worker cannot message itself). */
export interface Bridge {
  call<T = unknown>(type: string, payload: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function openBridge(openExtensionPage: (path: string) => Promise<Page>): Promise<Bridge> {
  const page = await openExtensionPage('viewer.html');
  return {
    async call<T>(type: string, payload: unknown): Promise<T> {
      const r = (await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const)) as
        | { ok: true; value: T }
        | { ok: false; error: string };
      if (!r?.ok) throw new Error(`${type}: ${r ? r.error : 'no answer'}`);
      return r.value;
    },
    close: () => page.close(),
  };
}

/** Polls `probe` until it returns true (usable in hooks, unlike expect.poll). */
export async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}
