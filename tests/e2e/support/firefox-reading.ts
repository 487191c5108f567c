// Reading helpers for the Firefox end-to-end tests, the counterparts of reading-helpers.ts and
// reading-corpus.ts: background calls from an extension page, the seed import through the options
// page's real file input, tab ids, and what the content script drew.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { elementId, type FirefoxSession } from './firefox';
import { SHADOW_KEY, type ElementRef, type ShadowRef } from './marionette';

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

/** A reading mark the content script keeps (in its own memory: the page cannot read it). */
export interface ReadingMark {
  name: string;
  /** performance.now() of the page when it happened: ms since the navigation started. */
  at: number;
  detail?: Record<string, unknown>;
}

/** The timings in a `storytrace:badges-drawn` mark. */
export interface DrawnMark {
  badges: number;
  totalMs: number;
  extractMs: number;
  queryMs: number;
  reason: string;
}

/** The content script's marks on tab `tabId`, asked through the extension (`readingMarks`). */
export async function readingMarks(s: FirefoxSession, bg: FirefoxBridge & { handle: string }, tabId: number): Promise<ReadingMark[]> {
  const back = await s.m.send<string>('WebDriver:GetWindowHandle');
  await s.m.send('WebDriver:SwitchToWindow', { handle: bg.handle, focus: false });
  try {
    const r = await s.run<{ ok: true; value: { marks: ReadingMark[] } } | null>(
      'return browser.tabs.sendMessage(arguments[0], { type: "readingMarks", payload: null }).catch(() => null);',
      [tabId],
    );
    return r?.ok ? r.value.marks : [];
  } finally {
    await s.m.send('WebDriver:SwitchToWindow', { handle: back, focus: false });
  }
}

/** The details of the `storytrace:badges-drawn` marks, oldest first. */
export async function drawnMarks(s: FirefoxSession, bg: FirefoxBridge & { handle: string }, tabId: number): Promise<(DrawnMark & { at: number })[]> {
  return (await readingMarks(s, bg, tabId)).filter((m) => m.name === 'storytrace:badges-drawn').map((m) => ({ ...(m.detail as unknown as DrawnMark), at: m.at }));
}

/** One overlay badge: its box in document px (as WebDriver gives it) and its label. */
export interface OverlayBadge {
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  /** A run's mark: the rail piece beside each of its paragraphs (document px, page order); empty
   *  for a single paragraph's badge. */
  rail: { x: number; y: number; width: number; height: number }[];
}

/** The shadow root of the overlay host (closed: Marionette reads it, as assistive technology
 *  would; the page's scripts cannot). Null when nothing is drawn. */
async function overlayRoot(s: FirefoxSession): Promise<string | null> {
  const [host] = await s.find('storytrace-layer');
  if (!host) return null;
  const root = await s.m.send<ShadowRef>('WebDriver:GetShadowRoot', { id: elementId(host) });
  return root[SHADOW_KEY];
}

/** The badges inside the overlay, in reading order. */
export async function overlayBadges(s: FirefoxSession): Promise<OverlayBadge[]> {
  const root = await overlayRoot(s);
  if (!root) return [];
  const buttons = await s.m.send<ElementRef[]>('WebDriver:FindElementsFromShadowRoot', { shadowRoot: root, using: 'css selector', value: 'div.slot > button' });
  type Rect = { x: number; y: number; width: number; height: number };
  const find = (value: string) => s.m.send<ElementRef[]>('WebDriver:FindElementsFromShadowRoot', { shadowRoot: root, using: 'css selector', value });
  const attribute = (e: ElementRef, name: string) => s.m.send<string | null>('WebDriver:GetElementAttribute', { id: elementId(e), name });
  const rails = new Map<string, Rect[]>();
  for (const r of await find('div.rail')) {
    const run = (await attribute(r, 'data-run')) ?? '';
    rails.set(run, [...(rails.get(run) ?? []), await s.m.send<Rect>('WebDriver:GetElementRect', { id: elementId(r) })]);
  }
  const slots = await find('div.slot');
  const out: OverlayBadge[] = [];
  for (const [i, b] of buttons.entries()) {
    const r = await s.m.send<Rect>('WebDriver:GetElementRect', { id: elementId(b) });
    const label = (await attribute(b, 'aria-label')) ?? '';
    const run = slots[i] ? await attribute(slots[i], 'data-run') : null;
    out.push({ ...r, label, rail: run === null ? [] : (rails.get(run) ?? []) });
  }
  return out;
}

/** The elements of the overlay matching `selector` (e.g. 'div.slot > button', '#storytrace-card'). */
export async function inOverlay(s: FirefoxSession, selector: string): Promise<ElementRef[]> {
  const root = await overlayRoot(s);
  if (!root) return [];
  return s.m.send<ElementRef[]>('WebDriver:FindElementsFromShadowRoot', { shadowRoot: root, using: 'css selector', value: selector });
}

/**
 * The text of every paragraph the overlay marks, whitespace folded, by geometry only, the rule of
 * reading-helpers.ts badgedParagraphs: for a single badge, the deepest block whose last line ends
 * just before the badge on the same line, or whose last line is just above a badge at the start of
 * a line; for a run's mark, each block whose text runs from a rail piece's top to its bottom,
 * starting just right of it.
 */
export async function badgedParagraphs(s: FirefoxSession): Promise<string[]> {
  return (await markedParagraphs(s)).flat();
}

/** The paragraphs each mark stands for: one list per mark, in reading order. */
export async function markedParagraphs(s: FirefoxSession): Promise<string[][]> {
  const badges = await overlayBadges(s);
  if (badges.length === 0) return [];
  return s.run<string[][]>(PARAGRAPHS_AT_BADGES, [badges]);
}

const PARAGRAPHS_AT_BADGES = `
  const bs = arguments[0].map((b) => ({
    left: b.x - window.scrollX,
    top: b.y - window.scrollY,
    height: b.height,
    rail: b.rail.map((r) => ({ left: r.x - window.scrollX, top: r.y - window.scrollY, right: r.x - window.scrollX + r.width, bottom: r.y - window.scrollY + r.height })),
  }));
  const fold = (t) => t.replace(/\\s+/g, ' ').trim();
  // Visual paragraphs: a block, or each part of a block its text splits with two or more <br>s in
  // a row (as extraction reads them, lib/page/extract.ts; reading-helpers.ts does the same).
  const partsOf = (el) => {
    const parts = [];
    let cur = null;
    let run = 0;
    const w = document.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      if (n.nodeName === 'BR') run++;
      if (n.nodeType !== 3 || !/\\S/.test(n.data)) continue;
      if (!cur || run >= 2) parts.push((cur = { start: n, end: n }));
      else cur.end = n;
      run = 0;
    }
    const r = document.createRange();
    if (parts.length <= 1) {
      r.selectNodeContents(el);
      return [{ range: r, text: fold(el.innerText || '') }];
    }
    return parts.map((p) => {
      const pr = document.createRange();
      pr.setStartBefore(p.start);
      pr.setEndAfter(p.end);
      return { range: pr, text: fold(pr.toString()) };
    });
  };
  const blocks = Array.from(document.body.querySelectorAll('p, blockquote, li, h1, h2, h3, h4, h5, h6, figcaption, td, dd, dt, pre, div'));
  const lines = blocks.flatMap((el) => partsOf(el).map(({ range, text }) => {
    const rects = Array.from(range.getClientRects()).filter((x) => x.width > 0.5 && x.height > 0.5);
    return {
      el,
      text,
      line: rects.length ? rects[rects.length - 1] : null,
      left: rects.length ? Math.min(...rects.map((x) => x.left)) : 0,
      extent: rects.length ? { top: Math.min(...rects.map((x) => x.top)), bottom: Math.max(...rects.map((x) => x.bottom)) } : null,
    };
  }));
  const beside = (r) => {
    let best = null;
    for (const { el, text, left, extent } of lines) {
      if (!extent || !text) continue;
      if (Math.abs(extent.top - r.top) > 1 || Math.abs(extent.bottom - r.bottom) > 1) continue;
      if (left < r.right || left - r.right > 16) continue;
      let depth = 0;
      for (let p = el; p; p = p.parentElement) depth++;
      if (!best || depth > best.depth) best = { text, depth };
    }
    return best ? best.text : '';
  };
  return bs.map((b) => {
    if (b.rail.length > 0) return b.rail.map(beside);
    const mid = b.top + b.height / 2;
    let best = null;
    for (const { el, text, line, left } of lines) {
      if (!line || !text) continue;
      const sameLine = mid > line.top && mid < line.bottom && b.left >= line.right - 1 && b.left - line.right < 12;
      const nextLine = Math.abs(b.left - left) < 12 && mid > line.bottom && mid - line.bottom < line.height * 1.6;
      if (!sameLine && !nextLine) continue;
      let depth = 0;
      for (let p = el; p; p = p.parentElement) depth++;
      if (!best || depth > best.depth) best = { text, depth };
    }
    return [best ? best.text : ''];
  });
`;

/**
 * Clicks the middle of an overlay badge with real pointer input, as a reader does (Marionette's
 * ElementClick refuses it: its hit test cannot see into the closed shadow root and finds the
 * paragraph under the overlay). Scrolls the badge into view first.
 */
export async function clickBadge(s: FirefoxSession, index: number): Promise<void> {
  let b = (await overlayBadges(s))[index];
  if (!b) throw new Error(`no badge ${index}`);
  await s.run('window.scrollTo(0, Math.max(0, arguments[0] - innerHeight / 2))', [b.y]);
  b = (await overlayBadges(s))[index];
  const [sx, sy] = await s.run<[number, number]>('return [window.scrollX, window.scrollY]');
  const x = Math.round(b.x - sx + b.width / 2);
  const y = Math.round(b.y - sy + b.height / 2);
  await s.m.send('WebDriver:PerformActions', {
    actions: [
      {
        type: 'pointer',
        id: 'mouse',
        parameters: { pointerType: 'mouse' },
        actions: [
          { type: 'pointerMove', x, y, origin: 'viewport' },
          { type: 'pointerDown', button: 0 },
          { type: 'pointerUp', button: 0 },
        ],
      },
    ],
  });
  await s.m.send('WebDriver:ReleaseActions');
}
