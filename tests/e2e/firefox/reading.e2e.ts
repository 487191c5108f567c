// The main flows end to end in real Firefox ESR with the Firefox build (MV3), driven over
// Marionette: the seed import through the options page's file input, badges on exactly the
// reprinted paragraphs, the card a badge opens, the toolbar count, the popup and the side-by-side
// viewer, and silence on a page that is not an article. Screenshots: tests/e2e/screenshots/ff-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, elementId, type FirefoxSession } from '../support/firefox';
import { startStaticServer, type StaticServer } from '../support/extension';
import { badgedParagraphs, clickBadge, drawnMarks, importFilesFirefox, inOverlay, markedParagraphs, openFirefoxBridge, overlayBadges, seedFiles, type FirefoxBridge } from '../support/firefox-reading';
import { fold, loadPage, PAGES_DIR } from '../../fixtures/pages/pages';

let s: FirefoxSession;
let server: StaticServer;
let bg: FirefoxBridge & { handle: string };

beforeAll(async () => {
  s = await launchFirefox();
  server = await startStaticServer(PAGES_DIR);
  bg = await openFirefoxBridge(s);
});

afterAll(async () => {
  await s?.close();
  await server?.close();
});

/** Opens a fixture page in a new tab and waits for the content script's first round to end. */
async function open(slug: string): Promise<{ handle: string; tabId: number; url: string }> {
  const url = `${server.url}/${slug}/source.html`;
  const handle = await s.openTab(url);
  const tabId = await bg.tabIdOf(url);
  const end = Date.now() + 20_000;
  for (;;) {
    const status = (await bg.call<{ status: string } | null>('getTabState', { tabId }))?.status;
    if (status && status !== 'checking' && (status !== 'done' || (await drawnMarks(s, bg, tabId)).length > 0)) break;
    if (Date.now() > end) throw new Error(`Timed out waiting for the check of ${url} (status ${status})\n${s.log().slice(-2000)}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
  return { handle, tabId, url };
}

/** The text of the card the overlay shows ('' when none is open). */
async function cardText(): Promise<string> {
  const [card] = await inOverlay(s, '#storytrace-card');
  return card ? s.m.send<string>('WebDriver:GetElementText', { id: elementId(card) }) : '';
}

describe('Firefox: options import', () => {
  it('imports the seed pages through the options page file input', async () => {
    const n = await importFilesFirefox(s, bg, seedFiles(), 'Seeds', 'ff-options-imported');
    expect(n).toBeGreaterThan(10);
    const cols = await bg.call<{ name: string; stories: number }[]>('listCollections');
    expect(cols.find((c) => c.name === 'Seeds')?.stories).toBe(n);
  });
});

describe('Firefox: a page reprinting a seed story', () => {
  const fx = loadPage('reprint-lavrov');
  let tab: { handle: string; tabId: number; url: string };

  beforeAll(async () => {
    tab = await open('reprint-lavrov');
  });

  it('badges exactly the reprinted paragraphs and counts the story on the toolbar', async () => {
    await s.resize(1200, 900);
    expect(await badgedParagraphs(s)).toEqual(fx.expected.reused.map(fold));
    expect(await bg.toolbarText(tab.tabId)).toBe(fx.expected.toolbar);
    // Nothing of the page changed: no element of ours inside <body>, no attribute left behind.
    expect(await s.run<number>('return document.body.querySelectorAll("storytrace-layer, storytrace-badge, [data-storytrace-i]").length')).toBe(0);
    await s.run('window.scrollTo(0, 400)');
    await s.screenshot('ff-reading-badges', false);
  });

  it('shows each run of reprinted paragraphs as one mark, a rail piece beside each paragraph', async () => {
    const marks = await markedParagraphs(s);
    const badges = await overlayBadges(s);
    expect(marks.length).toBeLessThan(fx.expected.reused.length);
    expect(marks.flat()).toEqual(fx.expected.reused.map(fold));
    expect(marks.some((m) => m.length > 1)).toBe(true);
    for (const [i, m] of marks.entries()) expect(badges[i].rail).toHaveLength(m.length > 1 ? m.length : 0);
    const last = (await drawnMarks(s, bg, tab.tabId)).at(-1) as unknown as { badges: number; paragraphs: number };
    expect([last.badges, last.paragraphs]).toEqual([marks.length, fx.expected.reused.length]);
  });

  it('opens the card with the story and its passage on click', async () => {
    await clickBadge(s, 1);
    const card = await cardText();
    expect(card).toContain('Found in 1 corpus story');
    for (const t of fx.expected.duplicates) expect(card).toContain(t);
    expect(card).toContain('Side by side');
    await s.screenshot('ff-reading-card', false);
    const [badge] = await inOverlay(s, 'div.slot.live > button');
    expect(await s.m.send('WebDriver:GetElementAttribute', { id: elementId(badge), name: 'aria-expanded' })).toBe('true');
    await s.m.send('WebDriver:ElementSendKeys', { id: elementId(badge), text: '\uE00C' }); // Escape
    expect(await cardText()).toBe('');
  });

  it('lists the story in the popup, and the viewer aligns the passages', async () => {
    const popup = await s.openTab(s.extensionUrl(`popup.html?tab=${tab.tabId}`));
    await s.resize(420, 700);
    await s.waitFor('return document.querySelector(".status:not(.status-busy)")', 'the popup');
    const dup = await s.waitFor<string>(
      'const d = document.querySelector("section[aria-labelledby=dup-heading]"); return d && d.textContent.includes(arguments[0]) ? d.textContent : null;',
      'the duplicate in the popup',
      [fx.expected.duplicates[0]],
    );
    expect(dup).toMatch(/\d+% of this page/);
    expect(await s.run('return document.querySelector(".match .kind").textContent')).toBe('Copy');
    await s.screenshot('ff-popup');
    const before = await s.m.send<string[]>('WebDriver:GetWindowHandles');
    const [compare] = await s.find('section[aria-labelledby=dup-heading] button.compare');
    await s.m.send('WebDriver:ElementClick', { id: elementId(compare) });
    let viewer: string | undefined;
    const end = Date.now() + 15_000;
    while (!viewer && Date.now() < end) {
      viewer = (await s.m.send<string[]>('WebDriver:GetWindowHandles')).find((h) => !before.includes(h));
      if (!viewer) await new Promise((ok) => setTimeout(ok, 100));
    }
    expect(viewer).toBeDefined();
    await s.switchTo(viewer!);
    await s.resize(1280, 1000);
    const rows = await s.waitFor<number>('return document.querySelectorAll(".aligned-row").length', 'the viewer rows');
    const marks = await s.run<number[]>('return [0, 1].map((i) => document.querySelectorAll(".full-texts .column")[i].querySelectorAll("mark.passage-mark[id]").length)');
    expect(marks).toEqual([rows, rows]);
    expect(await s.run('return document.querySelector(".viewer-head").textContent')).toContain('Copy');
    await s.screenshot('ff-viewer', false);
    // The popup closes itself once the viewer is open, as it does from the toolbar.
    await s.closeTab(viewer, tab.handle);
    expect(await s.m.send<string[]>('WebDriver:GetWindowHandles')).not.toContain(popup);
  });
});

describe('Firefox: pages without reuse', () => {
  it('draws nothing on a page sharing only site chrome, and stays silent on a non-article', async () => {
    const chrome = await open('chrome-only');
    expect(await inOverlay(s, 'div.slot > button')).toHaveLength(0);
    expect((await drawnMarks(s, bg, chrome.tabId)).at(-1)?.badges).toBe(0);
    expect(await bg.toolbarText(chrome.tabId)).toBe('');
    const front = await open('not-article');
    expect(await s.run('return document.querySelectorAll("storytrace-badge, storytrace-layer").length')).toBe(0);
    expect((await bg.call<{ status: string } | null>('getTabState', { tabId: front.tabId }))?.status).toBe('not-article');
    await s.closeTab(front.handle, chrome.handle);
    await s.closeTab(chrome.handle, bg.handle);
  });
});
