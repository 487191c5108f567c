// Real-page parity (issue 18): the same saved pages, the same corpus and the same reading
// assertions in real Chromium and real Firefox ESR. Per page: flagged or not (toolbar count), the
// paragraphs badged (exactly the ones reusing corpus text, none of the rest), and the time from
// navigation start to the badges drawn. Prints per-browser figures at the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionSession } from '../support/extension';
import { launchFirefox, type FirefoxSession } from '../support/firefox';
import { startPageServer, type PageServer } from '../support/page-server';
import { badgedParagraphs as ffBadged, drawnMarks as ffDrawn, importFilesFirefox, openFirefoxBridge, seedFiles, type FirefoxBridge } from '../support/firefox-reading';
import { badgedParagraphs, openBridge, readingMarks, tabIdOf, toolbarText, type Bridge } from '../reading-helpers';
import { importSeedCorpus } from '../reading-corpus';
import { fold, loadPage, PAGES_DIR } from '../../fixtures/pages/pages';

/** Real-site templates first (the pages of the issue), then the hand-made reading fixtures. */
const SLUGS = ['cnn-brexit', 'wordpress-silicon-valley', 'bugzilla-smart-gun', 'nyt-rosenstein', 'reprint-lavrov', 'quotes-cuba', 'chrome-only', 'not-article'];
/** Navigation start → badges drawn, at most (the issue saw 5 s in Firefox on the NYT page; both
 *  browsers take well under a second here, on a shared 2-core machine). */
const MAX_MS_TO_BADGES = 3000;

interface Reading {
  status: string;
  toolbar: string;
  badged: string[];
  /** ms from navigation start to the first drawing with badges, or null. */
  msToBadges: number | null;
}

/** One browser under the same assertions. */
interface Reader {
  name: string;
  read(url: string): Promise<Reading>;
}

let server: PageServer;
const figures: Record<string, Record<string, Reading>> = {};

beforeAll(async () => {
  server = await startPageServer(PAGES_DIR);
});
afterAll(async () => {
  await server?.close();
  // Per-browser figures: pages flagged, badges per page, median time load → badges.
  for (const [browser, pages] of Object.entries(figures)) {
    const rs = Object.values(pages);
    const times = rs.map((r) => r.msToBadges).filter((t): t is number => t !== null).sort((a, b) => a - b);
    const median = times.length ? times[Math.floor((times.length - 1) / 2)] : null;
    console.log(
      `[parity] ${browser}: ${rs.filter((r) => r.toolbar && !r.toolbar.startsWith('~')).length}/${rs.length} pages flagged; badges ${Object.entries(pages)
        .map(([slug, r]) => `${slug} ${r.badged.length}`)
        .join(', ')}; median load → badges ${median === null ? '–' : Math.round(median)} ms (${times.map(Math.round).join(', ')})`,
    );
  }
});

/** Waits until the background's state for the tab is settled and, after a check, drawn. */
async function settle(status: () => Promise<string | undefined>, drawn: () => Promise<number>, what: string): Promise<string> {
  const end = Date.now() + 20_000;
  for (;;) {
    const st = await status().catch(() => undefined);
    if (st && st !== 'checking' && (st !== 'done' || (await drawn().catch(() => 0)) > 0)) return st;
    if (Date.now() > end) throw new Error(`Timed out waiting for the check of ${what} (status ${st})`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** The badged paragraphs once every badge sits beside one: the badges' boxes and the paragraphs'
 *  are read in two steps, and a layout move between them (a late image, a reflow under load) leaves
 *  a badge beside nothing for a frame. Reads again a few times before reporting what it saw. */
async function badgedOnceStill(read: () => Promise<string[]>): Promise<string[]> {
  let got = await read();
  for (let i = 0; i < 5 && got.some((t) => t === ''); i++) {
    await new Promise((ok) => setTimeout(ok, 300));
    got = await read();
  }
  return got;
}

function assertions(reader: () => Reader) {
  for (const slug of SLUGS) {
    const { expected } = loadPage(slug);
    it(`${slug}: ${expected.article ? `${expected.reused.length} paragraphs badged, toolbar "${expected.toolbar}"` : 'not an article: nothing drawn'}`, async () => {
      const r = reader();
      const got = await r.read(`${server.url}/${slug}/source.html`);
      (figures[r.name] ??= {})[slug] = got;
      if (!expected.article) {
        expect(got.status).toBe('not-article');
        expect(got.badged).toEqual([]);
        return;
      }
      expect(got.status).toBe('done');
      expect(got.badged).toEqual(expected.reused.map(fold));
      if (expected.toolbar === '~') expect(got.toolbar).toMatch(/^~\d/);
      else expect(got.toolbar).toBe(expected.toolbar);
      if (expected.reused.length > 0) {
        expect(got.msToBadges).not.toBeNull();
        expect(got.msToBadges!).toBeLessThan(MAX_MS_TO_BADGES);
      }
    });
  }
}

describe('real-page parity: Chromium', () => {
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
  assertions(() => ({
    name: 'Chromium',
    async read(url) {
      const page: Page = await s.context.newPage();
      await page.setViewportSize({ width: 1200, height: 900 });
      // Not 'load': some pages' third-party resources never answer.
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      const tabId = await tabIdOf(page, s.serviceWorker);
      const marks = () => readingMarks(page, 'storytrace:badges-drawn');
      const status = await settle(
        async () => (await bg.call<{ status: string } | null>('getTabState', { tabId }))?.status,
        async () => (await marks()).length,
        url,
      );
      await page.waitForTimeout(200);
      const first = (await marks()).find((m) => Number((m.detail as { badges?: number } | undefined)?.badges) > 0);
      const reading = {
        status,
        toolbar: await toolbarText(s.serviceWorker, tabId),
        badged: await badgedOnceStill(() => badgedParagraphs(page)),
        msToBadges: first ? first.at : null,
      };
      await page.close();
      return reading;
    },
  }));
});

describe('real-page parity: Firefox', () => {
  let s: FirefoxSession;
  let bg: FirefoxBridge & { handle: string };
  beforeAll(async () => {
    s = await launchFirefox();
    bg = await openFirefoxBridge(s);
    await importFilesFirefox(s, bg, seedFiles(), 'Seeds');
    await s.resize(1200, 900);
  });
  afterAll(async () => {
    await s?.close();
  });
  assertions(() => ({
    name: 'Firefox',
    async read(url) {
      const handle = await s.openTab(url);
      const tabId = await bg.tabIdOf(url);
      const status = await settle(
        async () => (await bg.call<{ status: string } | null>('getTabState', { tabId }))?.status,
        async () => (await ffDrawn(s, bg, tabId)).length,
        url,
      );
      await new Promise((ok) => setTimeout(ok, 200));
      const first = (await ffDrawn(s, bg, tabId)).find((m) => m.badges > 0);
      const reading = { status, toolbar: await bg.toolbarText(tabId), badged: await badgedOnceStill(() => ffBadged(s)), msToBadges: first ? first.at : null };
      await s.closeTab(handle, bg.handle);
      return reading;
    },
  }));
});
