// Reading, end to end in real Chromium with the built extension: inline badges on exactly the
// paragraphs that reuse corpus text, the card, highlights, keyboard use, the toolbar badge, the
// popup, the story viewer, single-page navigation, and silence on pages that are not articles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, screenshot, SCREENSHOT_DIR, startStaticServer, type ExtensionSession, type StaticServer } from './support/extension';
import {
  badgedParagraphs,
  clickBadge,
  clickInShadow,
  drawnMarks,
  highlightedText,
  hoverBadge,
  markedParagraphs,
  overlayBadges,
  readingMarks,
  openBridge,
  recordContentMessages,
  shadowTexts,
  tabIdOf,
  toolbarText,
  waitUntil,
  type Bridge,
} from './reading-helpers';
import { importSeedCorpus } from './reading-corpus';
import { fold, loadPage, PAGES_DIR } from '../fixtures/pages/pages';

let s: ExtensionSession;
/** Badges drawn in the overlay (the page holds none of them). */
const badgeCount = async (page: Page) => (await overlayBadges(page)).length;
let server: StaticServer;
let bg: Bridge;

beforeAll(async () => {
  s = await launchExtension();
  server = await startStaticServer(PAGES_DIR);
  bg = await openBridge((p) => s.openExtensionPage(p));
  await importSeedCorpus(s, bg);
});

afterAll(async () => {
  // Browser first: the server's close() waits for Chromium's keep-alive connections to end.
  await s?.close();
  await server?.close();
});

const screenshotDir = () => SCREENSHOT_DIR;

/** Opens a fixture page and waits until the content script has finished its first round. */
async function open(slug: string, query = ''): Promise<{ page: Page; tabId: number }> {
  const page = await s.context.newPage();
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(`${server.url}/${slug}/source.html${query}`);
  const tabId = await tabIdOf(page, s.serviceWorker);
  await settled(page, tabId);
  return { page, tabId };
}

/** Waits until the content script's round is over: badges drawn (`minMarks` times in all) after a
 *  check, or a status that needs no check (not an article, click mode, site off, empty corpus). */
async function settled(page: Page, tabId: number, minMarks = 1): Promise<void> {
  await waitUntil(async () => {
    const status = (await bg.call<{ status: string } | null>('getTabState', { tabId }))?.status;
    if (!status || status === 'checking') return false;
    if (status !== 'done') return true;
    return (await drawnMarks(page)).length >= minMarks;
  }, `the check of ${page.url()}`);
  await page.waitForTimeout(150);
}

async function openPopup(tabId: number): Promise<Page> {
  const popup = await s.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.setViewportSize({ width: 420, height: 700 });
  await popup.waitForSelector('.status:not(.status-busy)', { timeout: 15_000 });
  return popup;
}

describe('before any import', () => {
  it('the popup says the corpus is empty and links to the import', async () => {
    const fresh = await launchExtension();
    try {
      const page = await fresh.context.newPage();
      await page.goto(`${server.url}/reprint-lavrov/source.html`);
      const tabId = await tabIdOf(page, fresh.serviceWorker);
      const popup = await fresh.openExtensionPage(`popup.html?tab=${tabId}`);
      await popup.setViewportSize({ width: 420, height: 400 });
      await popup.waitForSelector('.status-empty', { timeout: 15_000 });
      expect(await popup.locator('.status').textContent()).toContain('Your corpus is empty');
      expect(await popup.getByRole('button', { name: 'Import stories' }).count()).toBe(1);
      expect(await badgeCount(page)).toBe(0);
      expect(await toolbarText(fresh.serviceWorker, tabId)).toBe('');
      await screenshot(popup, 'reading-popup-empty');
    } finally {
      await fresh.close();
    }
  });
});

describe('a page reprinting a seed story', () => {
  const fx = loadPage('reprint-lavrov');
  let page: Page;
  let tabId: number;

  beforeAll(async () => {
    ({ page, tabId } = await open('reprint-lavrov'));
  });

  it('badges exactly the reprinted paragraphs, and none of the rest', async () => {
    expect(await badgedParagraphs(page)).toEqual(fx.expected.reused.map(fold));
    // The page's own look is untouched: no element of the page changed class or style.
    expect(await page.locator('[data-storytrace-i]').count()).toBe(0);
    await page.screenshot({ path: `${screenshotDir()}/reading-badges.png` });
  });

  it('shows a run of reprinted paragraphs as one mark, with a rail piece beside each paragraph', async () => {
    const marks = await markedParagraphs(page);
    const badges = await overlayBadges(page);
    // The reprint's stretches between the page's own subheads and caption: one mark each.
    expect(marks.length).toBeLessThan(fx.expected.reused.length);
    expect(marks.flat()).toEqual(fx.expected.reused.map(fold));
    for (const [i, m] of marks.entries()) expect(badges[i].rail).toHaveLength(m.length > 1 ? m.length : 0);
    expect(marks.some((m) => m.length > 1)).toBe(true);
    // What the content script reports: marks drawn, and the paragraphs they stand for.
    const last = (await readingMarks(page, 'storytrace:badges-drawn')).at(-1)?.detail;
    expect(last).toMatchObject({ badges: marks.length, paragraphs: fx.expected.reused.length });
  });

  it('gives badges accessible names and shows the toolbar count', async () => {
    const marks = await markedParagraphs(page);
    const labels = (await overlayBadges(page)).map((b) => b.label);
    expect(labels).toHaveLength(marks.length);
    for (const [i, m] of marks.entries())
      expect(labels[i]).toMatch(
        // What the badge shows first (label in name), then what it means.
        m.length > 1 ? new RegExp(`^1 .+ · ${m.length} paragraphs shared with 1 corpus story, strongest: .+\\. Show matches$`) : /^1 .+ · Shared with 1 corpus story, strongest: .+\. Show matches$/,
      );
    expect(await toolbarText(s.serviceWorker, tabId)).toBe(fx.expected.toolbar);
  });

  it('highlights the shared words on hover (every paragraph of a run), and removes the highlight after', async () => {
    const marks = await markedParagraphs(page);
    const i = marks.findIndex((m) => m.length > 1);
    await hoverBadge(page, i);
    // The words the overlay's highlight boxes lie over, read from the page's own text.
    const squeeze = (t: string) => t.replace(/\s+/g, '');
    await expect.poll(async () => squeeze(await highlightedText(page))).toBe(squeeze(marks[i].join('')));
    await page.screenshot({ path: `${screenshotDir()}/reading-highlight.png` });
    // Drawn in the overlay: nothing in the page's highlight registry.
    expect(await page.evaluate(() => CSS.highlights.size)).toBe(0);
    await page.mouse.move(5, 5);
    await expect.poll(() => highlightedText(page)).toBe('');
  });

  it('opens a card with the story and its passage on click; Escape closes it', async () => {
    // The first mark is a run: its card quotes the run's shared text from its first paragraph on.
    await clickBadge(page, 0);
    const [card] = await shadowTexts(page, 'storytrace-layer');
    expect(card).toContain('Found in 1 corpus story');
    for (const t of fx.expected.duplicates) expect(card).toContain(t);
    expect(card).toContain('Russia’s foreign minister wrapped up a four-day');
    expect(card).toContain('Side by side');
    await page.screenshot({ path: `${screenshotDir()}/reading-card.png` });
    await page.keyboard.press('Escape');
    expect((await shadowTexts(page, 'storytrace-layer')).join('')).not.toContain('Found in');
  });

  it('is keyboard reachable: Tab to a badge, Enter opens the card, Escape returns focus', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('h1').click();
    let onBadge = false;
    // The overlay comes after the page's content in the tab order (it sits after <body>).
    for (let i = 0; i < 80 && !onBadge; i++) {
      await page.keyboard.press('Tab');
      onBadge = await page.evaluate(() => document.activeElement?.tagName === 'STORYTRACE-LAYER');
    }
    expect(onBadge).toBe(true);
    await page.keyboard.press('Enter');
    expect((await shadowTexts(page, 'storytrace-layer')).join('')).toContain('Found in');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('STORYTRACE-LAYER');
    expect((await shadowTexts(page, 'storytrace-layer')).join('')).not.toContain('Found in');
  });

  it('lists the duplicated story in the popup, and the viewer aligns the passages', async () => {
    const popup = await openPopup(tabId);
    const dup = popup.locator('section[aria-labelledby="dup-heading"]');
    for (const t of fx.expected.duplicates) await expect.poll(() => dup.textContent()).toContain(t);
    expect(await dup.locator('.kind').first().textContent()).toBe('Copy');
    expect(await dup.textContent()).toMatch(/\d+% of this page/);
    expect(await dup.textContent()).toMatch(/\d+ passages?/);
    await screenshot(popup, 'reading-popup');
    const viewerOpened = s.context.waitForEvent('page', { predicate: (p) => p.url().includes('viewer.html') });
    await dup.locator('button.compare').first().click();
    const viewer = await viewerOpened;
    await viewer.waitForSelector('.aligned-row');
    const rows = await viewer.locator('.aligned-row').count();
    expect(rows).toBeGreaterThan(0);
    expect(await viewer.locator('.full-texts .column').nth(0).locator('mark.passage-mark[id]').count()).toBe(rows);
    expect(await viewer.locator('.full-texts .column').nth(1).locator('mark.passage-mark[id]').count()).toBe(rows);
    expect(await viewer.locator('.viewer-head').textContent()).toContain('Copy');
    await viewer.setViewportSize({ width: 1280, height: 1000 });
    await viewer.screenshot({ path: `${screenshotDir()}/reading-viewer.png` });
    await viewer.locator('.full-texts').scrollIntoViewIfNeeded();
    await viewer.screenshot({ path: `${screenshotDir()}/reading-viewer-texts.png` });
    await viewer.close();
    await popup.close();
  });

  it('puts back the overlay the page itself removes while the paragraphs stay', async () => {
    const n = await badgeCount(page);
    await page.evaluate(() => document.querySelector('storytrace-layer')!.remove());
    expect(await badgeCount(page)).toBe(0);
    await expect.poll(() => badgeCount(page)).toBe(n);
    expect(await badgedParagraphs(page)).toEqual(fx.expected.reused.map(fold));
  });

  it('hides badges on the site from the card, and shows them again when allowed', async () => {
    await clickBadge(page, 0);
    await clickInShadow(page, 'storytrace-layer', `Hide on ${new URL(server.url).hostname}`);
    await expect.poll(() => badgeCount(page)).toBe(0);
    await page.reload();
    await settled(page, tabId);
    expect(await badgeCount(page)).toBe(0);
    // The toolbar still counts: only the inline badges are hidden.
    expect(await toolbarText(s.serviceWorker, tabId)).toBe('1');
    await bg.call('setSiteRule', { site: '127.0.0.1', rule: 'hide-badges', remove: true });
    await page.reload();
    await settled(page, tabId);
    expect(await badgedParagraphs(page)).toEqual(fx.expected.reused.map(fold));
  });

  it('clears the toolbar badge when the tab navigates to another page', async () => {
    expect(await toolbarText(s.serviceWorker, tabId)).toBe('1');
    await page.goto(`${server.url}/not-article/source.html`);
    await settled(page, tabId);
    expect(await toolbarText(s.serviceWorker, tabId)).toBe('');
    expect((await bg.call<{ status: string } | null>('getTabState', { tabId }))?.status).toBe('not-article');
    await page.close();
  });
});

describe('pages that quote, share only chrome, or tell the same event', () => {
  it('badges only the two quoted paragraphs of a commentary, as partial reuse', async () => {
    const fx = loadPage('quotes-cuba');
    const { page, tabId } = await open('quotes-cuba');
    expect(await badgedParagraphs(page)).toEqual(fx.expected.reused.map(fold));
    expect(await toolbarText(s.serviceWorker, tabId)).toBe(fx.expected.toolbar);
    const popup = await openPopup(tabId);
    const dup = await popup.locator('section[aria-labelledby="dup-heading"]').textContent();
    for (const t of fx.expected.partial ?? []) expect(dup).toContain(t);
    expect(await popup.locator('.match .kind').first().textContent()).toBe('Partial');
    await popup.close();
    await page.close();
  });

  it('draws nothing on a page that shares only site chrome with the corpus', async () => {
    const { page, tabId } = await open('chrome-only');
    expect((await drawnMarks(page)).at(-1)?.badges).toBe(0);
    expect(await badgeCount(page)).toBe(0);
    expect(await toolbarText(s.serviceWorker, tabId)).toBe('');
    const popup = await openPopup(tabId);
    expect(await popup.locator('section[aria-labelledby="dup-heading"]').count()).toBe(0);
    await popup.close();
    await page.close();
  });

  it('marks a same-event story as related only: "~" on the toolbar, the terms in the popup', async () => {
    const fx = loadPage('related-cuba');
    const { page, tabId } = await open('related-cuba');
    expect(await badgeCount(page)).toBe(0);
    expect(await toolbarText(s.serviceWorker, tabId)).toMatch(/^~\d/);
    const popup = await openPopup(tabId);
    expect(await popup.locator('.status').textContent()).toMatch(/^\d+ related$/);
    const rel = popup.locator('section[aria-labelledby="rel-heading"]');
    for (const t of fx.expected.related) expect(await rel.textContent()).toContain(t);
    expect(await rel.locator('.term').count()).toBeGreaterThan(1);
    await screenshot(popup, 'reading-popup-related');
    // A related story opens in the viewer with the shared terms marked on both sides.
    const viewerOpened = s.context.waitForEvent('page', { predicate: (p) => p.url().includes('viewer.html') });
    const item = rel.locator('li', { hasText: fx.expected.related[0] });
    await item.locator('.story-title').click();
    const viewer = await viewerOpened;
    await viewer.waitForSelector('.full-texts');
    expect(await viewer.locator('.viewer-head .kind').textContent()).toBe('Related');
    expect(await viewer.locator('.full-texts .column').nth(0).locator('mark.term-mark').count()).toBeGreaterThan(0);
    expect(await viewer.locator('.full-texts .column').nth(1).locator('mark.term-mark').count()).toBeGreaterThan(0);
    await viewer.close();
    await popup.close();
    await page.close();
  });
});

describe('a page that is not an article', () => {
  it('shows nothing, leaves the page alone, and the popup says why', async () => {
    const before = (await (await fetch(`${server.url}/not-article/source.html`)).text()).length;
    const { page, tabId } = await open('not-article');
    expect(before).toBeGreaterThan(0);
    expect(await page.locator('storytrace-badge, storytrace-layer, [data-storytrace-mark]').count()).toBe(0);
    expect((await readingMarks(page, 'storytrace:not-article')).length).toBe(1);
    // Kept by the content script, not on the page's performance timeline.
    expect(await page.evaluate(() => performance.getEntriesByName('storytrace:not-article').length)).toBe(0);
    expect(await toolbarText(s.serviceWorker, tabId)).toBe('');
    const popup = await openPopup(tabId);
    expect(await popup.locator('.status').textContent()).toContain('does not look like an article');
    await popup.close();
    await page.close();
  });
});

describe('a single-page app', () => {
  const fx = loadPage('spa');

  it('checks again after in-page navigation and after the article body is replaced, without looping', async () => {
    const { page, tabId } = await open('spa');
    expect(await badgedParagraphs(page)).toEqual(fx.expected.reused.map(fold));
    expect(await toolbarText(s.serviceWorker, tabId)).toBe(fx.expected.toolbar);

    // history.pushState navigation: the app renders another story that reprints another seed.
    await page.locator('#next-story').click();
    await page.waitForURL(/story=berlin/);
    await settled(page, tabId, 2);
    expect(await badgedParagraphs(page)).toEqual(fx.expected.next!.reused.map(fold));
    expect(await toolbarText(s.serviceWorker, tabId)).toBe(fx.expected.next!.toolbar);
    const popup = await openPopup(tabId);
    for (const t of fx.expected.next!.duplicates) expect(await popup.locator('.match-list').first().textContent()).toContain(t);
    await popup.close();

    // The article body replaced in place (same URL): the copied text is gone, so are the badges.
    await page.bringToFront();
    await page.locator('#replace-body').click();
    await settled(page, tabId, 3);
    expect(await badgeCount(page)).toBe(0);
    expect(await toolbarText(s.serviceWorker, tabId)).not.toBe('1');

    // Quiet page, no loop: no further checks happen on their own.
    const marks = (await drawnMarks(page)).length;
    await page.waitForTimeout(2500);
    expect((await drawnMarks(page)).length).toBe(marks);
    await page.close();
  });
});

describe('popup actions', () => {
  it('never checks a site once told, checks it again when allowed, and adds a page to the corpus', async () => {
    const { page, tabId } = await open('quotes-cuba');
    expect(await badgeCount(page)).toBe(2);
    let popup = await openPopup(tabId);
    const sent = await recordContentMessages(s.serviceWorker);
    const sentTypes = async () => (await sent()).filter((m) => m.url === page.url()).map((m) => m.type);
    await popup.getByRole('button', { name: /^Never check/ }).click();
    await expect.poll(() => popup.locator('.status').textContent()).toContain('never checks');
    await expect.poll(() => badgeCount(page)).toBe(0);
    expect(await toolbarText(s.serviceWorker, tabId)).toBe('');
    // Loaded afresh on a "never" site, the page may be read ahead locally, but nothing of it is sent.
    await page.reload();
    await expect.poll(async () => (await sentTypes()).filter((t) => t === 'reportPageStatus').length, { timeout: 15_000 }).toBe(2);
    await page.waitForTimeout(300);
    expect(await sentTypes()).toEqual(['pagePolicy', 'reportPageStatus', 'pagePolicy', 'reportPageStatus']);
    expect((await bg.call<{ status: string } | null>('getTabState', { tabId }))?.status).toBe('site-disabled');
    await popup.getByRole('button', { name: 'Check this site again' }).click();
    await expect.poll(() => badgeCount(page)).toBe(2);
    expect(await sentTypes()).toContain('checkPage');
    await popup.close();

    popup = await openPopup(tabId);
    await popup.getByRole('button', { name: 'Add page to corpus' }).click();
    await expect.poll(() => popup.locator('.notice').textContent()).toContain('Added to your corpus');
    const stored = await bg.call<{ title: string; text: string } | null>('getStory', { id: 'page:' + page.url() });
    expect(stored?.text).toContain('When a small island state negotiates');
    // The page does not now match itself.
    expect(await badgeCount(page)).toBe(2);
    await popup.close();
    await page.close();
  });
});

describe('checking only on click', () => {
  it('waits for the toolbar button (the popup opening) before checking', async () => {
    await bg.call('setSettings', { mode: 'click' });
    try {
      const fx = loadPage('reprint-lavrov');
      const { page, tabId } = await open('reprint-lavrov');
      expect(await badgeCount(page)).toBe(0);
      expect((await bg.call<{ status: string } | null>('getTabState', { tabId }))?.status).toBe('waiting-click');
      const popup = await openPopup(tabId);
      await expect.poll(() => badgedParagraphs(page), { timeout: 15_000 }).toEqual(fx.expected.reused.map(fold));
      await expect.poll(() => popup.locator('.status').textContent()).toMatch(/duplicated/);
      await popup.close();
      await page.close();
    } finally {
      await bg.call('setSettings', { mode: 'auto' });
    }
  });
});
