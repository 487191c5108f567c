// Provenance, end to end in real Chromium with the built extension: a corpus holding a reprint
// chain of the Lavrov seed story (origin, syndicated copy, light rewrite, a copy of the rewrite,
// each dated), a page reprinting it; the badge card names where the words were first seen, the
// popup's timeline has a mark per dated story, the evidence export downloads a file with the
// origin in it, and the viewer draws the chain's propagation tree and opens a member beside the page.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseText } from '../../lib/corpus/formats/text';
import { lightRewrite, retypeset } from '../support/rewrite';
import { launchExtension, screenshot, startStaticServer, type ExtensionSession, type StaticServer } from './support/extension';
import { clickBadge, drawnMarks, openBridge, shadowTexts, tabIdOf, waitUntil, type Bridge } from './reading-helpers';
import { importFiles, SEEDS_DIR } from './reading-corpus';
import { PAGES_DIR } from '../fixtures/pages/pages';

const lavrov = readdirSync(SEEDS_DIR)
  .flatMap((f) => parseText(f, readFileSync(join(SEEDS_DIR, f), 'utf8')).stories)
  .find((s) => s.text.includes('four-country visit'))!;
const paras = lavrov.text.split(/\n\n+/);
const rewrite = lightRewrite(paras, 5, 8);
const chain = [
  { id: 'chain-origin', title: lavrov.title, text: lavrov.text, source: 'TASS', date: '2023-04-22' },
  { id: 'chain-wire', title: lavrov.title, text: retypeset(lavrov.text), source: 'Wire Service', date: '2023-04-24' },
  { id: 'chain-rewrite', title: 'Lavrov tour: what it means', text: rewrite.join('\n\n'), source: 'Desk Daily', date: '2023-04-25' },
  { id: 'chain-copy', title: 'Lavrov tour, explained', text: lightRewrite(rewrite, 11, 12).join('\n\n'), source: 'Blog Post', date: '2023-04-28' },
];

let s: ExtensionSession;
let server: StaticServer;
let bg: Bridge;
let dir: string;
let page: Page;
let tabId: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'st-prov-e2e-'));
  const file = join(dir, 'chain.jsonl');
  writeFileSync(file, chain.map((c) => JSON.stringify(c)).join('\n') + '\n');
  s = await launchExtension();
  server = await startStaticServer(PAGES_DIR);
  bg = await openBridge((p) => s.openExtensionPage(p));
  expect(await importFiles(s, bg, [file], 'Chain')).toBe(chain.length);
  page = await s.context.newPage();
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(`${server.url}/reprint-lavrov/source.html`);
  tabId = await tabIdOf(page, s.serviceWorker);
  await waitUntil(async () => {
    const st = await bg.call<{ status: string } | null>('getTabState', { tabId });
    return st?.status === 'done' && (await drawnMarks(page)).length > 0;
  }, 'the check of the reprint');
  await page.waitForTimeout(150);
}, 180_000);

afterAll(async () => {
  await s?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface StateView {
  published?: string;
  result: { origin: { id: string } | null; duplicates: { id: string; published?: string }[]; partial: { id: string; published?: string }[]; related: { published?: string }[] };
}

describe('provenance of a reprinted page', () => {
  it('the page result names the earliest dated story as origin', async () => {
    const st = await bg.call<StateView>('getTabState', { tabId });
    expect(st.result.origin?.id).toBe('chain-origin');
    expect(st.result.duplicates.map((d) => d.id)).toEqual(expect.arrayContaining(['chain-origin', 'chain-wire']));
  });

  it('the badge card says where the paragraph was first seen: outlet · day', async () => {
    await clickBadge(page, 0);
    await waitUntil(async () => (await shadowTexts(page, 'storytrace-layer')).join('').includes('First seen'), 'the card');
    const card = (await shadowTexts(page, 'storytrace-layer')).join('');
    // Chromium's locale here is en-US: the day is written the reader's way.
    const day = new Intl.DateTimeFormat(await page.evaluate(() => navigator.language), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2023, 3, 22));
    expect(card).toContain(`First seen: TASS · ${day}`);
    await page.screenshot({ path: join(import.meta.dirname, 'screenshots/provenance-card.png') });
    await page.keyboard.press('Escape');
  });

  it('the popup timeline has one mark per dated story (and the page when dated), and the export downloads the evidence', async () => {
    const st = await bg.call<StateView>('getTabState', { tabId });
    const dated = [...st.result.duplicates, ...st.result.partial, ...st.result.related].filter((m) => m.published).length + (st.published ? 1 : 0);
    expect(dated).toBeGreaterThanOrEqual(chain.length);
    const popup = await s.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.setViewportSize({ width: 420, height: 900 });
    await popup.waitForSelector('.timeline-svg');
    expect(await popup.locator('.timeline-mark').count()).toBe(dated);
    expect(await popup.locator('.timeline-mark[data-id="chain-origin"]').count()).toBe(1);
    await screenshot(popup, 'provenance-popup');
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator('button[data-export="csv"]').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFkind,id,title,')).toBe(true);
    const rows = csv.trim().split('\r\n');
    expect(rows.length).toBeGreaterThan(chain.length);
    // Every passage of the page was first seen in the origin.
    expect(rows.filter((r) => r.includes(',chain-origin,TASS,2023-04-22,')).length).toBeGreaterThan(0);
    await popup.close();
  });

  it('the viewer draws the propagation tree, opens a member beside the page, and exports', async () => {
    const viewer = await s.openExtensionPage(`viewer.html?story=chain-copy&tab=${tabId}`);
    await viewer.setViewportSize({ width: 1280, height: 1000 });
    await viewer.waitForSelector('.propagation .tree-node');
    const nodes = await viewer.locator('.tree-node').evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.story, Number((e as HTMLElement).dataset.depth)]));
    expect(nodes).toEqual([
      ['chain-origin', 0],
      ['chain-wire', 1],
      ['chain-rewrite', 1],
      ['chain-copy', 2],
    ]);
    expect(await viewer.locator('.tree-node.here').getAttribute('data-story')).toBe('chain-copy');
    expect(await viewer.locator('.tree-node[data-story="chain-origin"]').textContent()).toContain('origin');
    await viewer.locator('.propagation').scrollIntoViewIfNeeded();
    await viewer.locator('.propagation').screenshot({ path: join(import.meta.dirname, 'screenshots/provenance-viewer-tree.png') });
    await screenshot(viewer, 'provenance-viewer');
    // Evidence export from the viewer too.
    const [download] = await Promise.all([viewer.waitForEvent('download'), viewer.locator('button[data-export="json"]').click()]);
    const evidence = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(evidence.origin.id).toBe('chain-origin');
    // Open the origin beside the page.
    await viewer.locator('.tree-node[data-story="chain-origin"] a.tree-open').click();
    await viewer.waitForURL(/story=chain-origin/);
    await viewer.waitForSelector('.aligned-row');
    expect(await viewer.locator('.tree-node.here').getAttribute('data-story')).toBe('chain-origin');
    expect(await viewer.locator('.viewer-head').textContent()).toContain('TASS');
    await viewer.close();
  });
});
