// Accessibility audits with axe-core in real Chromium: the popup, options page, viewer, side panel
// and selection page with real results, and the badges with their card. The overlay's shadow root
// is closed (pages must not read it), so its rendered markup is copied out through the DevTools
// protocol, as assistive technology reads it, into an open shadow root of a test page with the
// overlay's own styles, and audited there. axe's source is evaluated through the DevTools protocol:
// the extension pages' CSP (script-src 'self') refuses injected script tags.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, ROOT, screenshot, startStaticServer, type ExtensionSession, type StaticServer } from './support/extension';
import { clickBadge, openBridge, overlayBadges, tabIdOf, waitUntil, type Bridge } from './reading-helpers';
import { importSeedCorpus } from './reading-corpus';
import { PAGES_DIR } from '../fixtures/pages/pages';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BADGES_CSS = readFileSync(join(ROOT, 'entrypoints/content/badges.css'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe (WCAG 2.1 A and AA, and best practices) on `page`, within `context` when given. */
async function audit(page: Page, context?: string): Promise<Violation[]> {
  await page.evaluate(AXE);
  return page.evaluate(async (ctx) => {
    const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const r = await axe.run(ctx ? { include: [[ctx]] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, context ?? null);
}

/** Fails with axe's findings spelled out. */
function expectClean(name: string, violations: Violation[]): void {
  const lines = violations.flatMap((v) => v.nodes.map((n) => `${name}: ${v.id} (${v.impact}) ${v.help} at ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`));
  expect(lines).toEqual([]);
}

let s: ExtensionSession;
let server: StaticServer;
let bg: Bridge;
let article: Page;
let tabId: number;

beforeAll(async () => {
  s = await launchExtension();
  server = await startStaticServer(PAGES_DIR);
  bg = await openBridge((p) => s.openExtensionPage(p));
  await importSeedCorpus(s, bg);
  article = await s.context.newPage();
  await article.setViewportSize({ width: 1200, height: 900 });
  await article.goto(`${server.url}/reprint-lavrov/source.html`);
  tabId = await tabIdOf(article, s.serviceWorker);
  await waitUntil(async () => (await overlayBadges(article)).length > 0, 'the badges');
  // Related stories come after the badges: wait for the popup's whole state.
  await waitUntil(async () => ((await bg.call<{ result?: { related: unknown[] } } | null>('getTabState', { tabId }))?.result?.related.length ?? 0) > 0, 'related');
});

afterAll(async () => {
  await s?.close();
  await server?.close();
});

describe('axe finds nothing', () => {
  it('in the popup, with duplicated and related coverage', async () => {
    const popup = await s.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.setViewportSize({ width: 420, height: 900 });
    await popup.waitForSelector('section[aria-labelledby="rel-heading"]', { timeout: 15_000 });
    expectClean('popup', await audit(popup));
    await popup.close();
  });

  it('in the options page', async () => {
    const options = await s.openExtensionPage('options.html');
    await options.waitForSelector('h1');
    await options.waitForTimeout(800);
    expectClean('options', await audit(options));
    await options.close();
  });

  it('in the viewer', async () => {
    const state = await bg.call<{ result: { duplicates: { id: string }[]; related: { id: string }[] } }>('getTabState', { tabId });
    const viewer = await s.openExtensionPage(`viewer.html?story=${encodeURIComponent(state.result.duplicates[0].id)}&tab=${tabId}`);
    await viewer.waitForSelector('.aligned-row');
    expectClean('viewer (copy)', await audit(viewer));
    await viewer.goto(s.extensionUrl(`viewer.html?story=${encodeURIComponent(state.result.related[0].id)}&tab=${tabId}`));
    await viewer.waitForSelector('.full-texts');
    expectClean('viewer (related)', await audit(viewer));
    await viewer.close();
  });

  it('in the side panel, with a card open', async () => {
    const panel = await s.openExtensionPage(`sidepanel.html?tab=${tabId}`);
    await panel.waitForSelector('.para-shared .badge');
    expectClean('side panel', await audit(panel));
    await panel.locator('.para-shared .badge').first().click();
    await panel.waitForSelector('[role="dialog"]');
    expectClean('side panel card', await audit(panel));
    await panel.close();
  });

  it('in the selection page', async () => {
    const { id } = await bg.call<{ id: string }>('checkText', {
      text: 'Sergei Lavrov’s visit to Brazil, Venezuela, Nicaragua and Cuba resulted in a number of agreements in various areas of cooperation, but above all served to solidify the political consensus on the need to recalibrate the balance of power in Latin America.',
    });
    const page = await s.openExtensionPage(`selection.html?id=${id}`);
    await page.waitForSelector('.status:not(.status-busy)');
    expectClean('selection', await audit(page));
    await page.close();
  });

  it('in the overlay: badges and the card, copied into an open test mount with their styles', async () => {
    await clickBadge(article, 0);
    await waitUntil(async () => (await overlayBadges(article)).some((b) => b.expanded), 'the card');
    const cdp = await s.context.newCDPSession(article);
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: { nodeName: string; children?: never[]; shadowRoots?: { backendNodeId: number; children?: { backendNodeId: number; nodeName: string }[] }[] } };
    type N = { nodeName: string; backendNodeId: number; children?: N[]; shadowRoots?: N[] };
    const find = (n: N): N | undefined => (n.nodeName === 'STORYTRACE-LAYER' ? n : (n.children ?? []).map(find).find(Boolean));
    const host = find(root as unknown as N)!;
    const parts: string[] = [];
    for (const c of host.shadowRoots![0].children ?? []) {
      if (c.nodeName === 'STYLE') continue;
      parts.push(((await cdp.send('DOM.getOuterHTML', { backendNodeId: c.backendNodeId })) as { outerHTML: string }).outerHTML);
    }
    await cdp.detach();
    const markup = parts.join('');
    expect(markup).toContain('role="dialog"');
    // An open mount on a page of the test server (no page script of the fixture's): same markup, same sheet.
    const mount = await s.context.newPage();
    await mount.setViewportSize({ width: 1200, height: 900 });
    await mount.goto(`${server.url}/not-article/source.html`);
    await mount.evaluate(
      ([html, css]) => {
        document.body.innerHTML = '<main><h1>Overlay test mount</h1><p>Badges and card as the overlay draws them.</p></main>';
        const el = document.createElement('storytrace-mount');
        el.id = 'mount';
        document.body.append(el);
        const shadow = el.attachShadow({ mode: 'open' });
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        shadow.adoptedStyleSheets = [sheet];
        shadow.innerHTML = html;
      },
      [markup, BADGES_CSS] as const,
    );
    await screenshot(mount, 'a11y-overlay-mount');
    expectClean('overlay', await audit(mount, '#mount'));
    await mount.close();
    await article.keyboard.press('Escape');
  });
});
