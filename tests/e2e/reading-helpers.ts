// Helpers for the reading end-to-end tests: the badges live in CLOSED shadow roots (pages must not
// read them), so tests look inside through the DevTools protocol, as a user's screen reader would.
import type { Page, Worker } from 'playwright-core';

// The extension APIs, as far as these helpers use them inside the worker and extension pages.
declare const chrome: {
  tabs: { query(q: object): Promise<{ id?: number }[]>; sendMessage(tabId: number, m: unknown): Promise<unknown> };
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

/** One badge of the overlay as the reader sees it: its box (viewport px), label and state. */
export interface OverlayBadge {
  left: number;
  top: number;
  width: number;
  height: number;
  label: string;
  expanded: boolean;
  /** Hidden under something of the page's (a fixed banner), as an inline badge was. */
  covered: boolean;
  /** A run's mark: the rail beside each of its paragraphs (viewport px, page order); empty for a
   *  single paragraph's badge. */
  rail: { left: number; top: number; right: number; bottom: number }[];
}

/** The badges inside the overlay's closed shadow root (storytrace-layer), in reading order. */
export async function overlayBadges(page: Page): Promise<OverlayBadge[]> {
  const t = await documentTree(page);
  try {
    const out: OverlayBadge[] = [];
    for (const host of walk(t.root)) {
      if (host.nodeName !== 'STORYTRACE-LAYER') continue;
      for (const root of host.shadowRoots ?? []) {
        // Rail pieces, by the run (data-run) they belong to.
        const rails = new Map<string, OverlayBadge['rail']>();
        for (const n of walk(root)) {
          const run = attr(n, 'data-run');
          if (n.nodeName !== 'DIV' || !/\brail\b/.test(attr(n, 'class') ?? '') || run === undefined) continue;
          const q = await t.border(n.backendNodeId);
          rails.set(run, [...(rails.get(run) ?? []), { left: q[0], top: q[1], right: q[2], bottom: q[5] }]);
        }
        for (const slot of walk(root)) {
          const cls = attr(slot, 'class') ?? '';
          if (slot.nodeName !== 'DIV' || !/\bslot\b/.test(cls)) continue;
          const button = (slot.children ?? []).find((c) => c.nodeName === 'BUTTON');
          if (!button) continue;
          const q = await t.border(button.backendNodeId);
          out.push({
            left: q[0],
            top: q[1],
            width: q[2] - q[0],
            height: q[5] - q[1],
            label: attr(button, 'aria-label') ?? '',
            expanded: attr(button, 'aria-expanded') === 'true',
            covered: /\b(?:covered|unplaced)\b/.test(cls),
            rail: rails.get(attr(slot, 'data-run') ?? '\u0000') ?? [],
          });
        }
      }
    }
    return out;
  } finally {
    await t.done();
  }
}

function attr(n: CdpNode, name: string): string | undefined {
  const a = n.attributes ?? [];
  for (let i = 0; i + 1 < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return undefined;
}

/**
 * The text of every paragraph the overlay marks, whitespace folded, in reading order. A single
 * badge marks the block whose last line of text ends just before the badge, on the same line, or
 * (a badge that did not fit) whose last line is the one just above a badge at the start of a line.
 * A run's mark marks each paragraph one of its rail pieces stands beside: the block whose text runs
 * from the piece's top to its bottom, starting just right of it. Geometry only, as the reader sees
 * it: a badge or rail piece drawn anywhere else belongs to no paragraph ('').
 */
export async function badgedParagraphs(page: Page): Promise<string[]> {
  return (await markedParagraphs(page)).flat();
}

/** The paragraphs each mark stands for (see badgedParagraphs): one list per mark, in reading order. */
export async function markedParagraphs(page: Page): Promise<string[][]> {
  const badges = await overlayBadges(page);
  return page.evaluate((bs) => {
    const fold = (t: string) => t.replace(/\s+/g, ' ').trim();
    // Visual paragraphs: a block, or each part of a block its text splits with two or more <br>s
    // in a row (as extraction reads them, lib/page/extract.ts).
    const partsOf = (el: Element): { range: Range; text: string }[] => {
      const parts: { start: Node; end: Node }[] = [];
      let cur: { start: Node; end: Node } | null = null;
      let run = 0;
      const w = document.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        if (n.nodeName === 'BR') run++;
        if (n.nodeType !== 3 || !/\S/.test((n as Text).data)) continue;
        if (!cur || run >= 2) parts.push((cur = { start: n, end: n }));
        else cur.end = n;
        run = 0;
      }
      if (parts.length <= 1) {
        const r = document.createRange();
        r.selectNodeContents(el);
        return [{ range: r, text: fold((el as HTMLElement).innerText ?? '') }];
      }
      return parts.map((p) => {
        const r = document.createRange();
        r.setStartBefore(p.start);
        r.setEndAfter(p.end);
        return { range: r, text: fold(r.toString()) };
      });
    };
    const blocks = Array.from(document.body.querySelectorAll('p, blockquote, li, h1, h2, h3, h4, h5, h6, figcaption, td, dd, dt, pre, div'));
    const lines = blocks.flatMap((el) =>
      partsOf(el).map(({ range, text }) => {
        const rects = Array.from(range.getClientRects()).filter((x) => x.width > 0.5 && x.height > 0.5);
        const top = Math.min(...rects.map((x) => x.top));
        const bottom = Math.max(...rects.map((x) => x.bottom));
        return {
          el,
          text,
          line: rects.at(-1) ?? null,
          extent: rects.length ? { top, bottom } : null,
          textLeft: Math.min(...rects.map((x) => x.left)),
          left: el.getBoundingClientRect().left,
        };
      }),
    );
    const beside = (r: { left: number; top: number; right: number; bottom: number }): string => {
      let best: { text: string; depth: number } | null = null;
      for (const { el, text, extent, textLeft } of lines) {
        if (!extent || !text) continue;
        if (Math.abs(extent.top - r.top) > 1 || Math.abs(extent.bottom - r.bottom) > 1) continue;
        if (textLeft < r.right || textLeft - r.right > 16) continue;
        let depth = 0;
        for (let p: Element | null = el; p; p = p.parentElement) depth++;
        if (!best || depth > best.depth) best = { text, depth };
      }
      return best ? best.text : '';
    };
    return bs.map((b) => {
      if (b.rail.length > 0) return b.rail.map(beside);
      const mid = b.top + b.height / 2;
      let best: { text: string; depth: number } | null = null;
      for (const { el, text, line, left } of lines) {
        if (!line || !text) continue;
        const sameLine = mid > line.top && mid < line.bottom && b.left >= line.right - 1 && b.left - line.right < 12;
        const nextLine = Math.abs(b.left - left) < 12 && mid > line.bottom && mid - line.bottom < line.height * 1.6;
        if (!sameLine && !nextLine) continue;
        let depth = 0;
        for (let p: Element | null = el; p; p = p.parentElement) depth++;
        if (!best || depth > best.depth) best = { text, depth };
      }
      return [best ? best.text : ''];
    });
  }, badges);
}

/** The boxes of the overlay's hover highlight (viewport px). */
export async function overlayHighlights(page: Page): Promise<{ left: number; top: number; right: number; bottom: number }[]> {
  const t = await documentTree(page);
  try {
    const out: { left: number; top: number; right: number; bottom: number }[] = [];
    for (const host of walk(t.root)) {
      if (host.nodeName !== 'STORYTRACE-LAYER') continue;
      for (const root of host.shadowRoots ?? [])
        for (const n of walk(root)) {
          if (n.nodeName !== 'DIV' || !/\bshared\b/.test(attr(n, 'class') ?? '')) continue;
          const q = await t.border(n.backendNodeId);
          out.push({ left: q[0], top: q[1], right: q[2], bottom: q[5] });
        }
    }
    return out;
  } finally {
    await t.done();
  }
}

/** The page's own characters that the overlay's highlight boxes lie over, in document order. */
export async function highlightedText(page: Page): Promise<string> {
  const boxes = await overlayHighlights(page);
  if (boxes.length === 0) return '';
  return page.evaluate((bs) => {
    let out = '';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const r = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n as Text;
      for (let i = 0; i < t.data.length; i++) {
        if (/\s/.test(t.data[i])) continue;
        r.setStart(t, i);
        r.setEnd(t, i + 1);
        const c = r.getBoundingClientRect();
        const x = (c.left + c.right) / 2;
        const y = (c.top + c.bottom) / 2;
        if (c.width > 0 && bs.some((b) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom)) out += t.data[i];
      }
    }
    return out;
  }, boxes);
}

/** Brings overlay badge `i` into the viewport the way a reader scrolls, and returns its box. */
async function badgeInView(page: Page, i: number): Promise<OverlayBadge> {
  let b = (await overlayBadges(page))[i];
  if (!b) throw new Error(`No badge #${i}`);
  const height = await page.evaluate(() => innerHeight);
  if (b.covered || b.top < 80 || b.top + b.height > height - 80) {
    await page.mouse.wheel(0, b.top - height / 2);
    await waitUntil(
      async () => {
        b = (await overlayBadges(page))[i];
        return !!b && !b.covered && b.top >= 0 && b.top + b.height <= height;
      },
      `badge #${i} in view`,
      5000,
    );
  }
  return b;
}

/** Moves the mouse onto overlay badge `i` (scrolling to it first). */
export async function hoverBadge(page: Page, i: number): Promise<void> {
  const b = await badgeInView(page, i);
  await page.mouse.move(b.left + b.width / 2 - 2, b.top + b.height / 2);
  await page.mouse.move(b.left + b.width / 2, b.top + b.height / 2);
}

/** Clicks overlay badge `i` with the mouse (scrolling to it first). */
export async function clickBadge(page: Page, i: number): Promise<void> {
  await hoverBadge(page, i);
  const b = (await overlayBadges(page))[i];
  await page.mouse.click(b.left + b.width / 2, b.top + b.height / 2);
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
export async function drawnMarks(
  page: Page,
): Promise<{ badges: number; totalMs: number; extractMs: number; queryMs: number; drawMs: number; reason: string }[]> {
  return (await readingMarks(page, 'storytrace:badges-drawn')).map((m) => m.detail as never);
}

/**
 * The content script's marks named `name` on `page`, asked of it through the extension (the
 * content script keeps them in its own memory: the page cannot read them). The page's tab is the
 * one whose document has the page's time origin.
 */
export async function readingMarks(page: Page, name: string): Promise<{ name: string; at: number; detail?: Record<string, unknown> }[]> {
  const origin = await page.evaluate(() => performance.timeOrigin);
  const worker = page
    .context()
    .serviceWorkers()
    .find((w) => w.url().startsWith('chrome-extension://'));
  if (!worker) throw new Error('No extension service worker');
  const marks = await worker.evaluate(async (o) => {
    const tabs = await chrome.tabs.query({});
    for (const tab of tabs) {
      if (tab.id === undefined) continue;
      const r = (await chrome.tabs.sendMessage(tab.id, { type: 'readingMarks', payload: null }).catch(() => undefined)) as
        { ok: true; value: { timeOrigin: number; marks: { name: string; at: number; detail?: Record<string, unknown> }[] } } | undefined;
      if (r?.ok && Math.abs(r.value.timeOrigin - o) < 0.01) return r.value.marks;
    }
    return null;
  }, origin);
  return (marks ?? []).filter((m) => m.name === name);
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
        { ok: true; value: T } | { ok: false; error: string };
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
