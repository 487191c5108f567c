// The UI in the reader's language and colour scheme, end to end in real Chromium: a browser in
// Russian gets the options page, popup, badges and card in Russian (dates and numbers too); a
// dark OS scheme darkens the extension's pages, while the badges follow the page's own background
// (light card on a light page even under a dark OS, dark card on a dark page).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, screenshot, SCREENSHOT_DIR, startStaticServer, type ExtensionSession, type StaticServer } from './support/extension';
import { clickBadge, drawnMarks, openBridge, shadowAttributes, shadowTexts, tabIdOf, waitUntil, type Bridge } from './reading-helpers';
import { importSeedCorpus } from './reading-corpus';
import { PAGES_DIR } from '../fixtures/pages/pages';

let server: StaticServer;

beforeAll(async () => {
  server = await startStaticServer(PAGES_DIR);
});

afterAll(async () => {
  await server?.close();
});

/** Opens a fixture page (optionally restyled before the content script reads it) and waits for its badges. */
async function openArticle(s: ExtensionSession, bg: Bridge, slug: string, opts: { dark?: boolean; darkPage?: boolean } = {}) {
  const page = await s.context.newPage();
  await page.setViewportSize({ width: 1200, height: 900 });
  if (opts.dark) await page.emulateMedia({ colorScheme: 'dark' });
  if (opts.darkPage) {
    // A dark site: its own background and text colours, set before the content script runs.
    await page.addInitScript(() =>
      document.addEventListener('DOMContentLoaded', () => {
        const st = document.createElement('style');
        st.textContent = 'html, body, body * { background-color: #111418 !important; color: #e3e3e3 !important; }';
        document.head.append(st);
      }),
    );
  }
  await page.goto(`${server.url}/${slug}/source.html`);
  const tabId = await tabIdOf(page, s.serviceWorker);
  await waitUntil(async () => (await drawnMarks(page)).length > 0, `badges on ${slug}`);
  await page.waitForTimeout(300);
  return { page, tabId };
}

async function openPopup(s: ExtensionSession, tabId: number, dark = false): Promise<Page> {
  const popup = await s.context.newPage();
  if (dark) await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.setViewportSize({ width: 420, height: 760 });
  await popup.goto(s.extensionUrl(`popup.html?tab=${tabId}`));
  await popup.waitForSelector('.status:not(.status-busy)', { timeout: 15_000 });
  return popup;
}

const overlayClasses = async (page: Page) => (await shadowAttributes(page, 'storytrace-layer', 'div', 'class')).filter((c) => c.startsWith('overlay'));

describe('a browser in Russian', () => {
  let s: ExtensionSession;
  let bg: Bridge;

  beforeAll(async () => {
    // Chromium's --lang picks the extension's _locales folder (browser.i18n).
    s = await launchExtension({ args: ['--lang=ru'] });
    bg = await openBridge((p) => s.openExtensionPage(p));
  });

  afterAll(async () => {
    await s?.close();
  });

  it('shows the options page in Russian', async () => {
    const page = await s.openExtensionPage('options.html');
    await page.waitForSelector('.empty');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    expect(await page.locator('h2').allTextContents()).toEqual(expect.arrayContaining(['Импорт материалов', 'Коллекции', 'Настройки']));
    expect(await page.locator('.empty').textContent()).toBe('Коллекций пока нет: импортируйте файлы или загрузите пример корпуса.');
    expect(await page.getByRole('button', { name: 'Загрузить пример корпуса' }).count()).toBe(1);
    await screenshot(page, 'i18n-options-ru');
    await page.close();
  });

  it('lists the import in Russian, with Russian plural forms and dates', async () => {
    await importSeedCorpus(s, bg);
    const page = await s.openExtensionPage('options.html');
    await page.waitForSelector('table.collections tbody tr');
    const stored = await page.locator('.storage dd').first().textContent();
    expect(Number(stored?.replace(/\s/g, ''))).toBeGreaterThan(0);
    // "3 дек. 2026 г., 19:40": a Russian month abbreviation in the Imported column.
    expect(await page.locator('table.collections tbody td').nth(2).textContent()).toMatch(/[а-я]{3}/);
    await screenshot(page, 'i18n-options-ru-collections');
    await page.close();
  });

  it('shows the popup, the badges and the card in Russian', async () => {
    const { page, tabId } = await openArticle(s, bg, 'reprint-lavrov');
    const labels = await shadowAttributes(page, 'storytrace-layer', 'button', 'aria-label');
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(l).toMatch(/(Совпадает|совпадают|совпадает) с 1 материалом корпуса, главный источник: .+\. Показать совпадения$/);
    await clickBadge(page, 0);
    const [card] = await shadowTexts(page, 'storytrace-layer');
    expect(card).toContain('Найдено в 1 материале корпуса');
    expect(card).toContain('Сравнить рядом');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/i18n-card-ru.png` });

    const popup = await openPopup(s, tabId);
    expect(await popup.locator('h2').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Повторы и заимствования')]));
    expect(await popup.locator('.status').first().textContent()).toMatch(/^\d+ повтор/);
    expect(await popup.getByRole('button', { name: 'Проверить снова' }).count()).toBe(1);
    await screenshot(popup, 'i18n-popup-ru');
    await popup.close();
    await page.close();
  });
});

describe('a browser in Spanish', () => {
  it('shows the options page in Spanish', async () => {
    const s = await launchExtension({ args: ['--lang=es'] });
    try {
      const page = await s.openExtensionPage('options.html');
      await page.waitForSelector('.empty');
      expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^es/);
      expect(await page.title()).toBe('StoryTrace — tu corpus');
      expect(await page.locator('h2').allTextContents()).toEqual(expect.arrayContaining(['Importar noticias', 'Colecciones', 'Ajustes']));
      expect(await page.getByRole('button', { name: 'Cargar el corpus de ejemplo' }).count()).toBe(1);
      await screenshot(page, 'i18n-options-es');
    } finally {
      await s.close();
    }
  });
});

describe('a dark colour scheme', () => {
  let s: ExtensionSession;
  let bg: Bridge;

  beforeAll(async () => {
    s = await launchExtension();
    bg = await openBridge((p) => s.openExtensionPage(p));
    await importSeedCorpus(s, bg);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('darkens the options page and the popup, and keeps English by default', async () => {
    const options = await s.context.newPage();
    await options.emulateMedia({ colorScheme: 'dark' });
    await options.goto(s.extensionUrl('options.html'));
    await options.waitForSelector('table.collections tbody tr');
    expect(await options.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(27, 28, 31)');
    expect(await options.locator('h2').allTextContents()).toEqual(expect.arrayContaining(['Import stories']));
    await screenshot(options, 'theme-options-dark');
    await options.close();

    const { page, tabId } = await openArticle(s, bg, 'reprint-lavrov', { dark: true });
    const popup = await openPopup(s, tabId, true);
    expect(await popup.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(30, 31, 34)');
    expect(await popup.locator('h2').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Duplicated coverage')]));
    await screenshot(popup, 'theme-popup-dark');
    await popup.close();
    await page.close();
  });

  it('keeps light badges on a light page under a dark OS scheme', async () => {
    const { page } = await openArticle(s, bg, 'reprint-lavrov', { dark: true });
    expect(await overlayClasses(page)).toEqual(['overlay']);
    await clickBadge(page, 0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/theme-card-light-page.png` });
    await page.close();
  });

  it('draws dark badges and card on a dark page, even under a light OS scheme', async () => {
    const { page } = await openArticle(s, bg, 'reprint-lavrov', { darkPage: true });
    expect(await overlayClasses(page)).toEqual(['overlay st-dark']);
    await clickBadge(page, 0);
    const [card] = await shadowTexts(page, 'storytrace-layer');
    expect(card).toContain('Found in 1 corpus story');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/theme-card-dark-page.png` });
    await page.close();
  });
});
