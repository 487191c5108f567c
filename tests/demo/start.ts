// `npm start`: builds the extension, opens Chromium with it loaded, imports the seed corpus through
// the options page, and opens a locally served article page that reprints a seed story, so the
// badges, the card, the popup and the viewer can be seen at once. With a display (DISPLAY set)
// the browser stays open; without one it runs headless, prints what was found and writes
// screenshots to .output/demo/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { CHROMIUM_PATH, ROOT, assertBuilt, chromiumArgs, startStaticServer } from '../e2e/support/extension';
import { importSeedCorpus } from '../e2e/reading-corpus';
import { badgedParagraphs, clickBadge, drawnMarks, openBridge, tabIdOf, toolbarText, waitUntil } from '../e2e/reading-helpers';
import { PAGES_DIR } from '../fixtures/pages/pages';
import type { TabState } from '../../lib/background/check-state';

const OUT = join(ROOT, '.output/demo');
const ARTICLE = 'reprint-lavrov';
const args = new Set(process.argv.slice(2));
const headed = !args.has('--headless') && !!process.env.DISPLAY;

function step(msg: string): void {
  process.stdout.write(`\n▸ ${msg}\n`);
}

async function main(): Promise<number> {
  if (!args.has('--no-build')) {
    step('Building the extension (wxt build)…');
    const r = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error('The build failed: see the output above.');
      return 1;
    }
  }
  assertBuilt();

  step(`Starting Chromium ${headed ? 'with a window' : 'headless (no DISPLAY)'} with the extension loaded…`);
  const profile = mkdtempSync(join(tmpdir(), 'storytrace-demo-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: !headed,
    viewport: headed ? null : { width: 1200, height: 900 },
    args: chromiumArgs(),
  });
  // tsx (which runs this script, unlike vitest) compiles with esbuild's keepNames, so the functions
  // the reading helpers hand to page.evaluate call a __name helper the page does not have.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const server = await startStaticServer(PAGES_DIR);
  const cleanup = async () => {
    await context.close().catch(() => {});
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const worker = await serviceWorker(context);
    const extensionId = new URL(worker.url()).host;
    const openExtensionPage = async (path: string) => {
      const p = await context.newPage();
      await p.goto(`chrome-extension://${extensionId}/${path}`);
      return p;
    };
    const bg = await openBridge(openExtensionPage);

    step('Importing the seed corpus (tests/fixtures/seeds) through the options page…');
    const imported = await importSeedCorpus({ openExtensionPage }, bg);
    console.log(`  ${imported} stories in the corpus`);
    await bg.close();

    step('Opening an article page that reprints a seed story…');
    const url = `${server.url}/${ARTICLE}/source.html`;
    const page = await context.newPage();
    await page.goto(url);
    const tabId = await tabIdOf(page, worker);
    await waitUntil(async () => (await drawnMarks(page)).length > 0, 'the badges');
    const [mark] = await drawnMarks(page);
    console.log(`  ${url}`);
    console.log(`  badges drawn ${Math.round(mark.totalMs)} ms after the check started (extract ${Math.round(mark.extractMs)} ms, query ${Math.round(mark.queryMs)} ms, draw ${Math.round(mark.drawMs)} ms)`);

    const bridge = await openBridge(openExtensionPage);
    const state = await bridge.call<TabState | null>('getTabState', { tabId });
    await bridge.close();
    await page.bringToFront();
    report(state, await badgedParagraphs(page), await toolbarText(worker, tabId));

    mkdirSync(OUT, { recursive: true });
    step(`Screenshots in ${OUT}:`);
    const shots = await screenshots(context, page, tabId, openExtensionPage);
    for (const s of shots) console.log(`  ${s}`);

    if (headed) {
      step('The browser stays open: hover or click a badge, open the StoryTrace toolbar button. Close the window to end.');
      await page.bringToFront();
      await new Promise<void>((ok) => context.on('close', () => ok()));
    }
    return 0;
  } finally {
    await cleanup();
  }
}

async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return (
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://'), timeout: 15_000 })
  );
}

function report(state: TabState | null, badged: string[], toolbar: string): void {
  const r = state?.result;
  step(`Found (toolbar badge "${toolbar}"):`);
  if (!r) {
    console.log(`  no result (status: ${state?.status ?? 'unknown'})`);
    return;
  }
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  console.log(`  page: ${r.pageWords} words; ${badged.length} paragraphs badged`);
  for (const m of [...r.duplicates, ...r.partial]) {
    console.log(`  ${m.kind === 'duplicate' ? 'DUPLICATE' : 'PARTIAL  '} ${m.title}${m.source ? ` — ${m.source}` : ''}${m.date ? `, ${m.date}` : ''}`);
    console.log(`            ${pct(m.pageShare)} of the page, ${pct(m.storyShare)} of the story, ${m.passages.length} shared passages`);
  }
  for (const m of r.related) {
    console.log(`  RELATED   ${m.title} (score ${Math.round(m.score * 100)}; shared: ${m.terms.slice(0, 6).join(', ')})`);
  }
  for (const p of badged) console.log(`  ▌ ${p.slice(0, 96)}${p.length > 96 ? '…' : ''}`);
}

async function screenshots(context: BrowserContext, page: Page, tabId: number, open: (p: string) => Promise<Page>): Promise<string[]> {
  const out: string[] = [];
  const shot = async (p: Page, name: string, fullPage = false) => {
    const path = join(OUT, `${name}.png`);
    await p.screenshot({ path, fullPage });
    out.push(path);
  };
  await shot(page, '1-page-with-badges', true);
  // The badges live in the overlay's closed shadow root: click one where the reader sees it.
  await clickBadge(page, 1);
  await page.waitForTimeout(200);
  await shot(page, '2-badge-card');
  await page.keyboard.press('Escape');
  const popup = await open(`popup.html?tab=${tabId}`);
  await popup.setViewportSize({ width: 420, height: 640 });
  await popup.waitForSelector('.status:not(.status-busy)');
  await shot(popup, '3-popup', true);
  const viewerOpened = context.waitForEvent('page', { predicate: (p) => p.url().includes('viewer.html') });
  await popup.locator('button.compare').first().click();
  const viewer = await viewerOpened;
  await viewer.setViewportSize({ width: 1280, height: 1000 });
  await viewer.waitForSelector('.aligned-row');
  await shot(viewer, '4-viewer');
  return out;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
