// Keyboard, end to end in real Chromium: the manifest's commands get their default shortcuts; the
// badge commands move focus from badge to badge in the overlay (with a visible ring, the card opens
// with Enter and closes with Escape), the check command checks a page in click mode; and the popup,
// options page, viewer, side panel and selection page can be gone through with Tab alone, every
// control reached, each with a visible focus ring.
// Headless Chromium delivers key presses to the page, not to the browser's shortcut handling, so
// the tests send what a command sends, as the background does on one (commandMessage).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, screenshot, startStaticServer, type ExtensionSession, type StaticServer } from './support/extension';
import { drawnMarks, openBridge, overlayBadges, tabIdOf, waitUntil, type Bridge } from './reading-helpers';
import { importSeedCorpus } from './reading-corpus';
import { PAGES_DIR } from '../fixtures/pages/pages';
import { COMMANDS, SHORTCUTS, commandMessage } from '../../lib/background/commands';

declare const chrome: {
  commands: { getAll(): Promise<{ name?: string; shortcut?: string; description?: string }[]> };
  tabs: { sendMessage(tabId: number, m: unknown): Promise<unknown> };
};

let s: ExtensionSession;
let server: StaticServer;
let bg: Bridge;

beforeAll(async () => {
  s = await launchExtension();
  server = await startStaticServer(PAGES_DIR);
  bg = await openBridge((p) => s.openExtensionPage(p));
  await importSeedCorpus(s, bg);
});

afterAll(async () => {
  await s?.close();
  await server?.close();
});

/** Sends the content-script message the background sends on `command` to tab `tabId`. */
async function command(tabId: number, name: string): Promise<unknown> {
  const message = commandMessage(name);
  return s.serviceWorker.evaluate(([id, m]) => chrome.tabs.sendMessage(id as number, m), [tabId, message] as const);
}

async function openArticle(slug: string): Promise<{ page: Page; tabId: number }> {
  const page = await s.context.newPage();
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(`${server.url}/${slug}/source.html`);
  const tabId = await tabIdOf(page, s.serviceWorker);
  return { page, tabId };
}

/** Index of the expanded badge (its card open), -1 for none. */
const expanded = async (page: Page) => (await overlayBadges(page)).findIndex((b) => b.expanded);

describe('commands', () => {
  it('are declared with their default shortcuts and descriptions in the reader’s language', async () => {
    const all = await s.serviceWorker.evaluate(() => chrome.commands.getAll());
    const byName = Object.fromEntries(all.map((c) => [c.name, c]));
    for (const [name, key] of Object.entries(SHORTCUTS)) expect(byName[name]?.shortcut, name).toBe(key);
    expect(byName[COMMANDS.nextBadge].description).toBe('Go to the next StoryTrace badge on the page');
    expect(byName[COMMANDS.checkPage].description).toBe('Check this page now');
  });

  it('move focus from badge to badge, Enter opens the card, Escape closes it', async () => {
    const { page, tabId } = await openArticle('reprint-lavrov');
    await waitUntil(async () => (await overlayBadges(page)).length > 1, 'the badges');
    const n = (await overlayBadges(page)).length;
    expect(await command(tabId, COMMANDS.nextBadge)).toEqual({ ok: true, value: true });
    // Focus is inside the overlay (retargeted to its host), on the first badge: Enter opens its card.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('STORYTRACE-LAYER');
    await page.keyboard.press('Enter');
    await expect.poll(() => expanded(page)).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => expanded(page)).toBe(-1);
    await command(tabId, COMMANDS.nextBadge);
    await page.waitForTimeout(300);
    await screenshot(page, 'keyboard-badge-focus');
    await page.keyboard.press('Enter');
    await expect.poll(() => expanded(page)).toBe(1);
    await page.keyboard.press('Escape');
    // The focused badge was brought into view (its paragraph scrolled to).
    const b = (await overlayBadges(page))[1];
    expect(b.top).toBeGreaterThan(0);
    expect(b.top + b.height).toBeLessThan(900);
    // Previous, and around the end: from the first badge back to the last.
    await command(tabId, COMMANDS.previousBadge);
    await command(tabId, COMMANDS.previousBadge);
    await page.keyboard.press('Enter');
    await expect.poll(() => expanded(page)).toBe(n - 1);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('answers false on a page without badges', async () => {
    const { page, tabId } = await openArticle('chrome-only');
    await waitUntil(async () => (await drawnMarks(page)).length > 0, 'the check');
    expect(await command(tabId, COMMANDS.nextBadge)).toEqual({ ok: true, value: false });
    await page.close();
  });

  it('the check command checks a page in click mode', async () => {
    await bg.call('setSettings', { mode: 'click' });
    try {
      const { page, tabId } = await openArticle('reprint-lavrov');
      await waitUntil(async () => (await bg.call<{ status: string } | null>('getTabState', { tabId }))?.status === 'waiting-click', 'click mode');
      expect(await overlayBadges(page)).toEqual([]);
      await command(tabId, COMMANDS.checkPage);
      await waitUntil(async () => (await overlayBadges(page)).length > 0, 'badges after the command');
      await page.close();
    } finally {
      await bg.call('setSettings', { mode: 'auto' });
    }
  });
});

/** One stop of the Tab key: what has focus, and whether it shows a focus ring. */
interface Stop {
  key: string;
  ring: boolean;
}

/** Presses Tab until focus comes back round (or `max` presses), listing each stop. */
async function tabThrough(page: Page, max = 120): Promise<Stop[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const stops: Stop[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      // An outline or a box-shadow ring; an SVG mark rings its circle (the timeline's marks).
      const circle = el instanceof SVGElement ? el.querySelector('circle') : null;
      const ring =
        (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) ||
        /rgb/.test(cs.boxShadow) ||
        (!!circle && getComputedStyle(circle).stroke === 'rgb(26, 115, 232)');
      const key = `${el.tagName}#${el.id}.${el.getAttribute('class') ?? ''}:${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}`;
      return { key, ring };
    });
    if (!stop) continue;
    if (stops.length > 0 && stop.key === stops[0].key) break;
    stops.push(stop);
  }
  return stops;
}

/** The page's visible controls Tab should reach (enabled, rendered, not taken out of the order). */
async function controls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]'))
      .filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.checkVisibility?.() !== false && el.getClientRects().length > 0)
      .filter((el) => !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked && document.querySelector(`input[type=radio][name="${el.name}"]:checked`)))
      .filter((el) => !(el instanceof HTMLInputElement && el.type === 'file' && getComputedStyle(el).display === 'none'))
      .map((el) => `${el.tagName}#${el.id}.${el.getAttribute('class') ?? ''}:${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}`),
  );
}

async function expectKeyboardOnly(page: Page, name: string): Promise<void> {
  const want = await controls(page);
  const stops = await tabThrough(page);
  expect(want.length, `${name}: controls`).toBeGreaterThan(0);
  for (const c of want) expect(stops.map((x) => x.key), `${name}: Tab reaches ${c}`).toContain(c);
  for (const x of stops) expect(x.ring, `${name}: focus ring on ${x.key}`).toBe(true);
}

describe('everything reachable without a mouse', () => {
  let tabId: number;
  let article: Page;

  beforeAll(async () => {
    ({ page: article, tabId } = await openArticle('reprint-lavrov'));
    await waitUntil(async () => (await overlayBadges(article)).length > 0, 'the badges');
  });

  it('the popup', async () => {
    const popup = await s.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.setViewportSize({ width: 420, height: 900 });
    await popup.waitForSelector('section[aria-labelledby="dup-heading"]', { timeout: 15_000 });
    await expectKeyboardOnly(popup, 'popup');
    await popup.keyboard.press('Tab');
    await screenshot(popup, 'keyboard-popup');
    await popup.close();
  });

  it('the options page', async () => {
    const options = await s.openExtensionPage('options.html');
    await options.waitForSelector('h1');
    await options.waitForTimeout(500);
    await expectKeyboardOnly(options, 'options');
    await options.close();
  });

  it('the viewer and the side panel', async () => {
    const state = await bg.call<{ result: { duplicates: { id: string }[] } }>('getTabState', { tabId });
    const viewer = await s.openExtensionPage(`viewer.html?story=${encodeURIComponent(state.result.duplicates[0].id)}&tab=${tabId}`);
    await viewer.waitForSelector('.aligned-row');
    await expectKeyboardOnly(viewer, 'viewer');
    await viewer.close();
    const panel = await s.openExtensionPage(`sidepanel.html?tab=${tabId}`);
    await panel.waitForSelector('.badge');
    await expectKeyboardOnly(panel, 'side panel');
    await panel.close();
  });

  it('the selection page', async () => {
    const { id } = await bg.call<{ id: string }>('checkText', {
      text: 'Sergei Lavrov’s visit to Brazil, Venezuela, Nicaragua and Cuba resulted in a number of agreements in various areas of cooperation, but above all served to solidify the political consensus on the need to recalibrate the balance of power in Latin America.',
    });
    const page = await s.openExtensionPage(`selection.html?id=${id}`);
    await page.waitForSelector('.status:not(.status-busy)');
    await expectKeyboardOnly(page, 'selection');
    await page.close();
  });
});
