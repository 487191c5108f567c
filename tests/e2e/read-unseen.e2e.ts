// Read unseen, end to end in real Chromium: a hostile page script (injected first in <head>, so it
// runs before the content script) watches everything a page can watch — a MutationObserver on the
// whole document, querySelectorAll('*'), its paragraphs' computed styles and boxes, layout-shift
// entries, an elementFromPoint scan of the whole page, synthetic pointer events where badges would
// sit, CSS.highlights, its performance timeline, window globals, style sheets, and every event
// type window offers. In the default mode it must learn only the documented residue (one empty-
// looking host under <html>, the same whether the corpus holds the page or not; the reader's own
// hover and focus on a badge); in private mode nothing at all, while the reader sees every badge in
// the side panel. Screenshots: tests/e2e/screenshots/unseen-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, screenshot, startStaticServer, type ExtensionSession, type StaticServer } from './support/extension';
import {
  badgedParagraphs,
  drawnMarks,
  hoverBadge,
  openBridge,
  overlayBadges,
  tabIdOf,
  toolbarText,
  waitUntil,
  type Bridge,
} from './reading-helpers';
import { importSeedCorpus } from './reading-corpus';
import { fold, loadPage } from '../fixtures/pages/pages';

declare global {
  interface Window {
    __spy: Spy;
    __probe(): Promise<Probe>;
    __syntheticScan(points: { x: number; y: number }[]): string[];
  }
}

interface Spy {
  mutations: { type: string; target: string; attr: string | null; added: string[]; removed: string[] }[];
  events: { type: string; target: string; trusted: boolean }[];
  shifts: number;
  globals0: string[];
}

interface Probe {
  mutations: Spy['mutations'];
  tags: string[];
  layout: string[];
  /** elementFromPoint over the whole page: how often each tag was hit. */
  hits: Record<string, number>;
  /** Hits on elements that were not in the page when it loaded. */
  foreignHits: Record<string, number>;
  /** elementFromPoint right after synthetic pointer events just after each paragraph's last line. */
  probeHits: Record<string, number>;
  shifts: number;
  shiftRects: number[][];
  /** WXT's content-script start events seen on the document. */
  wxtStarts: number;
  highlights: number;
  perfNames: string[];
  newGlobals: string[];
  styleSheets: number;
  adopted: number;
  foreignEvents: Spy['events'];
  messages: number;
  hostRect: number[] | null;
}

/**
 * The hostile page script: records from the start, and probes on demand. It also listens for the
 * event WXT's content-script runtime dispatches on the document when the script starts (named after
 * the extension id, so only a page that knows StoryTrace's id can listen for it).
 */
const spyScript = (extensionId: string) => `(() => {
  const WXT_START = ${JSON.stringify(`${extensionId}:content:wxt:content-script-started`)};
  const spy = { mutations: [], events: [], shifts: 0, shiftRects: [], globals0: Object.getOwnPropertyNames(window) };
  window.__spy = spy;
  const own = new WeakSet();
  const desc = (n) => (n && n.nodeType === 1 ? n.tagName : n && n.nodeType === 3 ? '#text' : String(n && n.nodeType));
  // Watched from DOMContentLoaded on (before it, the records are the parser building the page;
  // the content script runs at document_idle, after it).
  const watch = () => new MutationObserver((rs) => {
    for (const r of rs) spy.mutations.push({ type: r.type, target: desc(r.target), attr: r.attributeName, added: [...r.addedNodes].map(desc), removed: [...r.removedNodes].map(desc) });
  }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  try {
    // Layout-shift entries carry the moved boxes' rectangles, even of nodes the page cannot see.
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        spy.shifts += e.value;
        for (const x of e.sources || []) spy.shiftRects.push([x.currentRect.x, x.currentRect.y, x.currentRect.width, x.currentRect.height]);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
  const types = new Set([WXT_START, 'message', 'storytrace', 'focusin', 'focusout', 'mouseover', 'mouseout', 'pointerover', 'pointerout', 'click', 'keydown']);
  for (const k in window) if (k.startsWith('on')) types.add(k.slice(2));
  const name = (t) => (t === window ? 'window' : t === document ? 'document' : t && t.nodeType === 1 ? t.tagName : String(t));
  for (const t of types) window.addEventListener(t, (e) => spy.events.push({ type: t, target: name(e.target), trusted: e.isTrusted, own: own.has(e.target) || e.target === window || e.target === document }), true);
  const mark = () => { for (const el of document.querySelectorAll('*')) own.add(el); };
  mark();
  document.addEventListener('DOMContentLoaded', () => (mark(), watch()));
  const frame = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
  const blocks = () => [...document.body.querySelectorAll('p, blockquote, li, h1, h2, h3, h4, figcaption, td')];
  window.__syntheticScan = (points) => points.map(({ x, y }) => {
    for (const type of ['pointermove', 'mousemove', 'pointerover', 'mouseover']) document.elementFromPoint(x, y)?.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, composed: true }));
    return desc(document.elementFromPoint(x, y));
  });
  window.__probe = async () => {
    const layout = blocks().map((p) => {
      const r = p.getBoundingClientRect();
      const cs = getComputedStyle(p);
      return [Math.round(r.top + scrollY), Math.round(r.left), Math.round(r.width), Math.round(r.height), cs.color, cs.backgroundColor, cs.outlineStyle, cs.textDecorationLine, cs.boxShadow, cs.paddingRight, cs.marginBottom].join('|');
    });
    const hits = {};
    const foreignHits = {};
    const H = document.documentElement.scrollHeight;
    for (let y0 = 0; y0 < H; y0 += innerHeight) {
      scrollTo(0, y0);
      await frame();
      for (let y = 0; y < innerHeight; y += 9)
        for (let x = 0; x < innerWidth; x += 9) {
          const e = document.elementFromPoint(x, y);
          const t = desc(e);
          hits[t] = (hits[t] || 0) + 1;
          if (e && !own.has(e)) foreignHits[t] = (foreignHits[t] || 0) + 1;
        }
    }
    // Where an inline badge would be: just after the end of each block's last line of text.
    const probeHits = {};
    for (const p of blocks()) {
      p.scrollIntoView({ block: 'center' });
      await frame();
      const range = document.createRange();
      range.selectNodeContents(p);
      const last = [...range.getClientRects()].filter((r) => r.width > 0).at(-1);
      if (!last) continue;
      const points = [];
      for (let dx = 4; dx <= 200; dx += 6) points.push({ x: last.right + dx, y: (last.top + last.bottom) / 2 }, { x: p.getBoundingClientRect().left + dx, y: last.bottom + 12 });
      for (const t of window.__syntheticScan(points.filter((q) => q.x < innerWidth && q.y < innerHeight))) probeHits[t] = (probeHits[t] || 0) + 1;
    }
    scrollTo(0, 0);
    await frame();
    const host = [...document.documentElement.children].find((e) => !own.has(e));
    const hr = host ? host.getBoundingClientRect() : null;
    return {
      mutations: spy.mutations,
      tags: [...document.querySelectorAll('*')].map((e) => e.tagName),
      layout,
      hits,
      foreignHits,
      probeHits,
      shifts: spy.shifts,
      shiftRects: spy.shiftRects,
      wxtStarts: spy.events.filter((e) => e.type === WXT_START).length,
      highlights: CSS.highlights ? CSS.highlights.size : 0,
      perfNames: performance.getEntries().map((e) => e.name).filter((n) => /storytrace/i.test(n)),
      newGlobals: Object.getOwnPropertyNames(window).filter((g) => !spy.globals0.includes(g) && !g.startsWith('__')),
      styleSheets: document.styleSheets.length,
      adopted: document.adoptedStyleSheets.length,
      foreignEvents: spy.events.filter((e) => !e.own),
      messages: spy.events.filter((e) => e.type === 'message' || e.type === 'storytrace').length,
      hostRect: hr ? [hr.left, hr.top, hr.width, hr.height] : null,
    };
  };
})();`;

const SLUG = 'reprint-lavrov';
const fx = loadPage(SLUG);
/** The fixture with the spy as the first thing in <head>. */
const hostileHtml = fx.html.replace(/<head>/i, '<head><script src="/spy.js"></script>');

let s: ExtensionSession;
let server: StaticServer;
let bg: Bridge;
let seedsId: string;

beforeAll(async () => {
  s = await launchExtension();
  server = await startStaticServer(undefined, {
    '/spy.js': ['text/javascript; charset=utf-8', spyScript(s.extensionId)],
    [`/${SLUG}/source.html`]: ['text/html; charset=utf-8', hostileHtml],
  });
  bg = await openBridge((p) => s.openExtensionPage(p));
  await importSeedCorpus(s, bg);
  seedsId = (await bg.call<{ id: string; name: string }[]>('listCollections', null)).find((c) => c.name === 'Seeds')!.id;
});

afterAll(async () => {
  await bg?.call('setSettings', { investigateSites: [], privateReading: false }).catch(() => {});
  await bg?.call('setCollectionEnabled', { id: seedsId, enabled: true }).catch(() => {});
  await s?.close();
  await server?.close();
});

/** Opens the hostile page, waits for the check to end (and `marks` drawing rounds), then probes. */
async function openAndProbe(marks = 1): Promise<{ page: Page; tabId: number; probe: Probe }> {
  const page = await s.context.newPage();
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(`${server.url}/${SLUG}/source.html`);
  const tabId = await tabIdOf(page, s.serviceWorker);
  await waitUntil(async () => {
    const st = await bg.call<{ status: string } | null>('getTabState', { tabId });
    return st?.status === 'done' && (marks === 0 || (await drawnMarks(page)).length >= marks);
  }, 'the check');
  await page.waitForTimeout(1200); // past the overlay's settle poll
  const probe = await page.evaluate(() => window.__probe());
  return { page, tabId, probe };
}

/** What must be equal between two runs of the same page (timings aside). */
/** A probe as compared across loads. The page's own image answering (a 404 'error' here) may come
 *  before or after DOMContentLoaded, when the spy adopts the page's elements as its own; that
 *  network timing is no doing of ours, so those resource events are left out of the comparison. */
const comparable = (p: Probe) => ({
  ...p,
  foreignEvents: p.foreignEvents.filter((e) => !((e.type === 'error' || e.type === 'load') && e.target === 'IMG')).map((e) => `${e.type}:${e.target}`),
});

describe('the default mode (overlay)', () => {
  let matched: { page: Page; tabId: number; probe: Probe };
  let unmatched: Probe;

  it('shows the reader every badge the reading tests expect', async () => {
    matched = await openAndProbe();
    expect(await badgedParagraphs(matched.page)).toEqual(fx.expected.reused.map(fold));
    expect(await toolbarText(s.serviceWorker, matched.tabId)).toBe(fx.expected.toolbar);
    await screenshot(matched.page, 'unseen-overlay');
  });

  it('lets the page see one zero-size host under <html>, and nothing else of its own doing', () => {
    const p = matched.probe;
    // The documented residue: the host is added once, outside <body>, empty to the page's eyes.
    expect(p.mutations).toEqual([{ type: 'childList', target: 'HTML', attr: null, added: ['STORYTRACE-LAYER'], removed: [] }]);
    expect(p.hostRect).toEqual([0, 0, 0, 0]);
    expect(p.tags.filter((t) => t.startsWith('STORYTRACE'))).toEqual(['STORYTRACE-LAYER']);
    // No layout shift, no highlight registry entry, no marks, globals, sheets or events.
    expect(p.shifts).toBe(0);
    expect(p.shiftRects).toEqual([]);
    expect(p.highlights).toBe(0);
    expect(p.perfNames).toEqual([]);
    expect(p.newGlobals).toEqual([]);
    expect(p.adopted).toBe(0);
    expect(p.messages).toBe(0);
    // Documented residue: WXT's start event, the same on every page whatever the mode or corpus.
    expect(p.wxtStarts).toBe(1);
    expect(p.foreignEvents.filter((e) => e.target.startsWith('STORYTRACE'))).toEqual([]);
    // Hit-testing never finds the overlay: it lets every point through, synthetic pointers too.
    expect(p.foreignHits).toEqual({});
    expect(p.probeHits['STORYTRACE-LAYER']).toBeUndefined();
  });

  it('lets the page learn the same whether or not the corpus holds it', async () => {
    await bg.call('setCollectionEnabled', { id: seedsId, enabled: false });
    try {
      const run = await openAndProbe();
      unmatched = run.probe;
      expect(await overlayBadges(run.page)).toEqual([]);
      await run.page.close();
    } finally {
      await bg.call('setCollectionEnabled', { id: seedsId, enabled: true });
    }
    expect(comparable(unmatched)).toEqual(comparable(matched.probe));
  });

  it("does not light up for synthetic events at the exact badge places; the reader's own hover and focus are the residue", async () => {
    const { page } = matched;
    // Runs of paragraphs are one mark each, so the first badge may sit below the fold: scroll to
    // it as a reader would (the overlay follows at the next frame).
    const first = (await overlayBadges(page))[0];
    if (first.top + first.height > 780) {
      await page.mouse.wheel(0, first.top - 400);
      await expect.poll(async () => (await overlayBadges(page))[0].top).toBeLessThan(780);
    }
    const badges = await overlayBadges(page);
    // An adversary that somehow knew the exact places: synthetic pointer events there find nothing.
    const inView = badges.filter((b) => b.top > 0 && b.top + b.height < 800 && !b.covered);
    expect(inView.length).toBeGreaterThan(0);
    // A run's rail pieces too: they never take pointer events, not even the reader's.
    const rails = badges.flatMap((b) => b.rail).filter((r) => r.top > 0 && r.bottom < 800);
    expect(rails.length).toBeGreaterThan(0);
    const centers = [
      ...inView.map((b) => ({ x: b.left + b.width / 2, y: b.top + b.height / 2 })),
      ...rails.map((r) => ({ x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 })),
    ];
    expect(await page.evaluate((pts) => window.__syntheticScan(pts), centers)).not.toContain('STORYTRACE-LAYER');
    // The reader's real pointer on a badge: then, and only there, the page can hit the host.
    await hoverBadge(page, 0);
    const b = (await overlayBadges(page))[0];
    const at = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.tagName, [b.left + b.width / 2, b.top + b.height / 2]);
    expect(at).toBe('STORYTRACE-LAYER');
    await page.mouse.move(5, 5);
    await expect
      .poll(() => page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.tagName, [b.left + b.width / 2, b.top + b.height / 2]))
      .not.toBe('STORYTRACE-LAYER');
    // Focus reaching a badge is seen as focus on the host (retargeted out of the closed root).
    await page.evaluate(() => (window.__spy.events.length = 0));
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.tagName === 'STORYTRACE-LAYER')) break;
    }
    const seen = await page.evaluate(() => window.__spy.events.filter((e) => e.type === 'focusin').map((e) => e.target));
    expect(seen).toContain('STORYTRACE-LAYER');
    await page.close();
  });
});

describe('private reading', () => {
  it('changes nothing the page can observe: the same as a page StoryTrace never touched', async () => {
    await bg.call('setSettings', { investigateSites: ['127.0.0.1'] });
    try {
      const { page, tabId, probe } = await openAndProbe(0);
      expect(probe.mutations).toEqual([]);
      expect(probe.hostRect).toBeNull();
      expect(probe.tags.filter((t) => t.startsWith('STORYTRACE'))).toEqual([]);
      expect(probe.shifts).toBe(0);
      expect(probe.shiftRects).toEqual([]);
      expect(probe.highlights).toBe(0);
      expect(probe.perfNames).toEqual([]);
      expect(probe.newGlobals).toEqual([]);
      expect(probe.adopted).toBe(0);
      expect(probe.messages).toBe(0);
      // Only a page that knows StoryTrace's id sees WXT's start event (README "Threat model").
      expect(probe.wxtStarts).toBe(1);
      expect(probe.foreignHits).toEqual({});
      // The page's own image answering before DOMContentLoaded is left out, as in comparable().
      expect(comparable(probe).foreignEvents).toEqual([]);
      expect(probe.probeHits['STORYTRACE-LAYER']).toBeUndefined();
      expect(await overlayBadges(page)).toEqual([]);
      // The result is there all the same: the toolbar counts it.
      expect(await toolbarText(s.serviceWorker, tabId)).toBe(fx.expected.toolbar);

      // The side panel shows the article with the same badges, highlight, card and side-by-side link.
      const panel = await s.openExtensionPage(`sidepanel.html?tab=${tabId}`);
      await panel.setViewportSize({ width: 420, height: 900 });
      await panel.waitForSelector('.para-shared', { timeout: 15_000 });
      expect(await panel.locator('.para-shared .badge').count()).toBe(fx.expected.reused.length);
      const texts = await panel.$$eval('.para-shared .para-text', (ps) =>
        ps.map((p) =>
          Array.from(p.childNodes)
            .filter((n) => !(n as Element).classList?.contains('badge-slot'))
            .map((n) => n.textContent)
            .join('')
            .replace(/\s+/g, ' ')
            .trim(),
        ),
      );
      expect(texts).toEqual(fx.expected.reused.map(fold));
      expect(await panel.locator('.private-note').count()).toBe(1);
      await panel.locator('.para-shared .badge').nth(2).hover();
      const squeeze = (t: string) => t.replace(/\s+/g, '');
      expect(squeeze((await panel.locator('.shared-mark').allTextContents()).join(''))).toBe(squeeze(fx.expected.reused[2]));
      await panel.locator('.para-shared .badge').nth(1).click();
      const card = await panel.locator('.card').textContent();
      expect(card).toContain('Found in 1 corpus story');
      for (const t of fx.expected.duplicates) expect(card).toContain(t);
      await screenshot(panel, 'unseen-side-panel');
      const viewerOpened = s.context.waitForEvent('page', { predicate: (p) => p.url().includes('viewer.html') });
      await panel.locator('.card button.compare').first().click();
      const viewer = await viewerOpened;
      await viewer.waitForSelector('.aligned-row');
      await viewer.close();
      await panel.close();

      // Nothing changed in the page meanwhile either.
      expect((await page.evaluate(() => window.__spy.mutations)).length).toBe(0);
      await page.close();
    } finally {
      await bg.call('setSettings', { investigateSites: [] });
    }
  });

  it('is offered during onboarding with one sentence saying why', async () => {
    const fresh = await launchExtension();
    try {
      const options = await fresh.openExtensionPage('options.html');
      await options.waitForSelector('#private-first-h');
      const why = await options.locator('.onboarding .why').textContent();
      expect(why?.match(/[.!?](?:\s|$)/g)).toHaveLength(1);
      expect(why).toMatch(/which of their paragraphs your corpus holds/);
      await options.locator('#private-reading').check();
      const fb = await openBridge((p) => fresh.openExtensionPage(p));
      await expect.poll(async () => (await fb.call<{ privateReading: boolean }>('getSettings', null)).privateReading).toBe(true);
      await options.setViewportSize({ width: 1100, height: 700 });
      await screenshot(options, 'unseen-onboarding');
      await fb.close();
    } finally {
      await fresh.close();
    }
  });
});
