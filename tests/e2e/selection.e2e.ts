// Checking selected text, end to end in real Chromium: the "Check this text with StoryTrace" menu
// item is registered on selections; text selected in a page (as the browser hands it to the menu's
// click) is checked by the background with the page pipeline and shown on the selection page with
// the popup's components; side by side from there; hostile and oversized selections stay text.
// (Headless Chromium shows no context menu to click: the test sends what the click sends, the
// selection's text, through the same background entry, checkText.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, screenshot, startStaticServer, type ExtensionSession, type StaticServer } from './support/extension';
import { openBridge, tabIdOf, waitUntil, type Bridge } from './reading-helpers';
import { importSeedCorpus } from './reading-corpus';
import { loadPage, PAGES_DIR } from '../fixtures/pages/pages';

declare const chrome: { contextMenus: { update(id: string, props: object): Promise<void> } };

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

/** Opens the selection page for a check and waits until its result shows. */
async function openSelection(id: string): Promise<Page> {
  const page = await s.openExtensionPage(`selection.html?id=${id}`);
  await page.setViewportSize({ width: 640, height: 900 });
  await page.waitForSelector('.status:not(.status-busy)', { timeout: 20_000 });
  return page;
}

describe('the context menu item', () => {
  it('is registered for selections (update() fails for an unknown item)', async () => {
    const worker = await s.currentServiceWorker();
    await waitUntil(
      () => worker.evaluate(() => chrome.contextMenus.update('storytrace-check-selection', {}).then(() => true)),
      'the menu item',
      10_000,
    );
    await expect(worker.evaluate(() => chrome.contextMenus.update('no-such-item', {}))).rejects.toThrow();
  });
});

describe('a selection from a reprinting page', () => {
  const fx = loadPage('reprint-lavrov');

  it('checks the selected paragraphs and lists the story they come from, as the popup would', async () => {
    const article = await s.context.newPage();
    await article.goto(`${server.url}/reprint-lavrov/source.html`);
    await tabIdOf(article, s.serviceWorker);
    // Select three reprinted paragraphs the way a reader drags over them; the menu gets its text.
    const selected = await article.evaluate((starts) => {
      const ps = Array.from(document.querySelectorAll('p')).filter((p) => starts.some((t) => (p.textContent ?? '').replace(/\s+/g, ' ').trim().startsWith(t)));
      const r = document.createRange();
      r.setStartBefore(ps[0]);
      r.setEndAfter(ps[ps.length - 1]);
      const sel = getSelection()!;
      sel.removeAllRanges();
      sel.addRange(r);
      return sel.toString();
    }, fx.expected.reused.slice(0, 3).map((t) => t.slice(0, 30)));
    expect(selected.length).toBeGreaterThan(500);
    const { id } = await bg.call<{ id: string }>('checkText', { text: selected, url: article.url(), title: await article.title() });
    const page = await openSelection(id);
    expect(await page.locator('.status').textContent()).toMatch(/duplicated/i);
    const reuse = page.locator('section[aria-labelledby="dup-heading"]');
    for (const t of fx.expected.duplicates) expect(await reuse.textContent()).toContain(t);
    // The selection quoted (as text), the page it came from named, no page actions.
    expect(await page.locator('.selection-text').textContent()).toContain(fx.expected.reused[0].slice(0, 40));
    expect(await page.locator('.page-title').textContent()).toBe(await article.title());
    expect(await page.locator('.actions').count()).toBe(0);
    await screenshot(page, 'selection-result');

    // Side by side: the story beside the selected text, the shared passages aligned.
    const viewerOpened = s.context.waitForEvent('page', { predicate: (p) => p.url().includes('viewer.html') });
    await reuse.locator('button.compare').first().click();
    const viewer = await viewerOpened;
    await viewer.waitForSelector('.aligned-row');
    expect(await viewer.locator('.aligned-row').count()).toBeGreaterThan(0);
    expect(await viewer.locator('.full-texts .column').nth(0).textContent()).toContain(fx.expected.reused[1].slice(0, 40));
    await viewer.close();
    await page.close();
    await article.close();
  });

  it('says so when the text matches nothing', async () => {
    const { id } = await bg.call<{ id: string }>('checkText', {
      text: 'A note about the harbour ferry timetable changing next spring, with new boats and new fares for residents.',
    });
    const page = await openSelection(id);
    expect(await page.locator('section[aria-labelledby="dup-heading"]').count()).toBe(0);
    await page.close();
  });
});

describe('hostile selections', () => {
  it('shows markup in the selected text as text, never as HTML', async () => {
    const attack = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b> Sergei Lavrov’s visit to Brazil';
    const { id } = await bg.call<{ id: string }>('checkText', { text: attack, title: '<i onmouseover="window.__pwned=3">t</i>' });
    const page = await openSelection(id);
    expect(await page.locator('.selection-text').textContent()).toContain('<img src=x onerror=');
    expect(await page.locator('main img, main script, main b, main i').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('checks only the beginning of an oversized selection, and says so', async () => {
    const { id } = await bg.call<{ id: string }>('checkText', { text: 'Havana Moscow talks. '.repeat(50_000) });
    const page = await openSelection(id);
    expect(await page.locator('.selection-cut').textContent()).toMatch(/20[,. ]?000/);
    await page.close();
  });

  it('an unknown or forged id shows that the check is gone', async () => {
    const page = await s.openExtensionPage('selection.html?id=../../etc');
    await page.waitForSelector('.status');
    expect(await page.locator('.status').textContent()).toMatch(/no longer kept/);
    await page.close();
  });
});
