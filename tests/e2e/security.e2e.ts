// Security and privacy end to end in real Chromium: the built bundle has no eval and no remote code,
// the manifest asks only for what is used; a corpus full of script-injection attempts is imported
// through the options page and shown in the badge card, popup, viewer and options with nothing
// executing and links only for http(s) URLs; web pages cannot reach the background, and forged
// content-script messages are refused; no extension context makes a request besides the test's own
// pages on 127.0.0.1 (Playwright's request events plus Chromium's own net log). Screenshots go to
// tests/e2e/screenshots/security-*.png.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseFile } from '../../lib/corpus/parse-file';
import { EXTENSION_DIR, launchExtension, screenshot, startStaticServer, type ExtensionSession, type StaticServer } from './support/extension';
import { clickBadge, openBridge, overlayBadges, shadowAttributes, shadowTexts, tabIdOf, waitUntil, type Bridge } from './reading-helpers';
import { importFiles, SEEDS_DIR } from './reading-corpus';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

const PWN = 'window.__pwned=1';
/** Injection attempts for every field; none may ever run. */
const ATTACKS = [
  `<script>${PWN}</script>`,
  `<img src=x onerror="${PWN};alert(1)">`,
  `<svg onload="${PWN}">`,
  `"><iframe srcdoc="<script>parent.${PWN}</script>">`,
  `<a href="javascript:${PWN}">x</a>`,
  `&lt;img src=x onerror=${PWN}&gt;`,
  `{{constructor.constructor('${PWN}')()}}`,
];
const ATTACK = ATTACKS.join(' ');

// Real reporting as the body, so the test page reprints it and badges, cards and popup show the stories.
const seed = readdirSync(SEEDS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .flatMap((f) => parseFile(f, readFileSync(join(SEEDS_DIR, f))).stories)
  .filter((st) => st.text.split(/\n\n+/).length >= 6 && st.text.length > 2500)
  .slice(0, 2);
const paras = seed.map((st) => st.text.split(/\n\n+/).filter((p) => p.split(/\s+/).length > 15));

let s: ExtensionSession;
let server: StaticServer;
let bg: Bridge;
let dir: string;
let netLog: string;
const dialogs: string[] = [];
const requests: { url: string; from: string }[] = [];
const swLog: string[] = [];

/** True when `url` is something the test itself serves or the extension's own files. */
const allowed = (url: string) => url.startsWith(server.url + '/') || url === server.url || /^(chrome-extension|data|blob|about|chrome):/.test(url);

function watch(page: Page): void {
  page.on('dialog', (d) => {
    dialogs.push(`${page.url()}: ${d.message()}`);
    void d.dismiss();
  });
}

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => window.__pwned);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'st-sec-'));
  netLog = join(dir, 'netlog.json');
  s = await launchExtension({ args: [`--log-net-log=${netLog}`, '--net-log-capture-mode=Default'] });
  s.context.on('request', (r) => requests.push({ url: r.url(), from: r.frame()?.url?.() ?? 'worker' }));
  s.context.on('page', watch);
  s.serviceWorker.on('console', (m) => swLog.push(m.text()));
  // The page quotes the attack as escaped text: what runs must be the extension's doing, not the page's.
  const escaped = ATTACK.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const page = paras[0].map((p, i) => `<p>${i === 1 ? escaped + ' ' : ''}${p}</p>`).join('\n');
  const page2 = paras[1].map((p) => `<p>${p}</p>`).join('\n');
  server = await startStaticServer(undefined, {
    '/article.html': ['text/html; charset=utf-8', `<!doctype html><html><head><title>Reprint</title></head><body><article><h1>A reprinted story</h1>${page}${page2}</article></body></html>`],
    '/forge.html': ['text/html; charset=utf-8', '<!doctype html><html><head><title>Forge</title></head><body><article><h1>Nothing here</h1><p>A page that tries to talk to extensions.</p></article></body></html>'],
  });
  bg = await openBridge(s.openExtensionPage);
}, 120_000);

afterAll(async () => {
  await bg?.close().catch(() => {});
  await s?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built extension', () => {
  const files = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : [join(d, f)]));

  it('has no eval, no new Function, no remote script or import URLs in its bundle', () => {
    const scripts = files(EXTENSION_DIR).filter((f) => /\.(?:js|html)$/.test(f));
    expect(scripts.length).toBeGreaterThan(5);
    for (const f of scripts) {
      const code = readFileSync(f, 'utf8');
      expect(code, f).not.toMatch(/\beval\s*\(/);
      expect(code, f).not.toMatch(/\bnew\s+Function\s*\(|\bFunction\s*\(\s*["'`]/);
      expect(code, f).not.toMatch(/(?:importScripts|import)\s*\(\s*["'`]https?:/);
      expect(code, f).not.toMatch(/<script[^>]+src=["']?(?:https?:)?\/\//i);
      expect(code, f).not.toMatch(/setTimeout\s*\(\s*["'`]/);
    }
  });

  it('asks for storage, unlimitedStorage, activeTab, contextMenus and sidePanel only; no externally_connectable, no host permissions at install, no loosened CSP', () => {
    const m = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    // sidePanel: the side panel of private reading (WXT adds it for the sidepanel entrypoint);
    // contextMenus: "Check this text with StoryTrace" on selected text.
    expect(m.permissions.sort()).toEqual(['activeTab', 'contextMenus', 'sidePanel', 'storage', 'unlimitedStorage']);
    // Keyboard commands need no permission: the popup, a check, the next and previous badge.
    expect(Object.keys(m.commands).sort()).toEqual(['_execute_action', 'check-page', 'next-badge', 'previous-badge']);
    expect(m.side_panel).toEqual({ default_path: 'sidepanel.html' });
    expect(m.externally_connectable).toBeUndefined();
    expect(m.host_permissions).toBeUndefined();
    expect(m.optional_permissions ?? []).toEqual([]);
    // The team index's origin, asked for at run time only: https anywhere, plain http to this machine only.
    expect([...m.optional_host_permissions].sort()).toEqual(['http://127.0.0.1/*', 'http://localhost/*', 'https://*/*']);
    expect(m.content_security_policy).toBeUndefined();
    expect(m.web_accessible_resources).toBeUndefined();
  });
});

describe('a corpus full of script injection', () => {
  let article: Page;
  let storyIds: string[] = [];

  it('imports through the options page', async () => {
    const corpus = seed.map((st, i) => ({
      id: `attack-${i}`,
      title: `${st.title} ${ATTACK}`,
      text: `${st.text}\n\n${ATTACK}`,
      url: i === 0 ? `javascript:${PWN}` : 'https://news.example.org/a"onmouseover="' + PWN,
      source: `<b onmouseover="${PWN}">Evil outlet</b>`,
      author: `<img src=x onerror=${PWN}>`,
      date: '2023-04-21',
    }));
    const json = join(dir, 'attack.json');
    writeFileSync(json, JSON.stringify(corpus));
    // Plain text keeps markup as literal words: the pages must show it as text.
    const txt = join(dir, 'attack.txt');
    writeFileSync(txt, `Literal markup ${ATTACKS[0]}\n\n${paras[0].slice(-3).join('\n\n')}\n\n${ATTACK}`);
    const n = await importFiles(s, bg, [json, txt], `Hostile ${ATTACKS[1]}`);
    expect(n).toBeGreaterThanOrEqual(2);
    storyIds = corpus.map((c) => c.id);
  });

  it('badges and the card show the stories as text; nothing runs in the page', async () => {
    article = await s.context.newPage();
    await article.goto(`${server.url}/article.html`);
    await waitUntil(async () => (await overlayBadges(article)).length > 0, 'the badges', 30_000);
    await clickBadge(article, 0);
    await waitUntil(async () => (await shadowTexts(article, 'storytrace-layer')).join('').includes('Found in'), 'the badge card');
    const card = (await shadowTexts(article, 'storytrace-layer')).join('');
    expect(card).toContain('<script>'); // the title's markup, shown as characters
    for (const tag of ['img', 'script', 'iframe', 'svg', 'b']) expect(await shadowAttributes(article, 'storytrace-layer', tag, 'src')).toEqual([]);
    for (const href of await shadowAttributes(article, 'storytrace-layer', 'a', 'href')) expect(href).toMatch(/^https:\/\/news\.example\.org\//);
    expect(await pwned(article)).toBeUndefined();
    await screenshot(article, 'security-card');
  });

  it('the popup lists them as text, links only to http(s)', async () => {
    const tabId = await tabIdOf(article, s.serviceWorker);
    const popup = await s.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.locator('.story-title').first().waitFor({ timeout: 20_000 });
    expect(await popup.locator('body').innerText()).toContain('<script>');
    const hrefs = await popup.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const h of hrefs) expect(h).toMatch(/^(?:https?:|chrome-extension:|#|options\.html|\/)/);
    expect(hrefs.some((h) => /^javascript:/i.test(h))).toBe(false);
    expect(await popup.locator('img[onerror], script:not([src]), iframe, [onmouseover], [onload]').count()).toBe(0);
    expect(await pwned(popup)).toBeUndefined();
    await screenshot(popup, 'security-popup');
    await popup.close();
  });

  it('the viewer shows the stored text with its literal markup, nothing executing', async () => {
    const viewer = await s.openExtensionPage(`viewer.html?story=${storyIds[0]}`);
    await viewer.waitForFunction(() => document.body.innerText.includes('Evil outlet'), undefined, { timeout: 20_000 });
    const text = await viewer.locator('body').innerText();
    expect(text).toContain('<b onmouseover=');
    expect(await viewer.locator('img, iframe, svg, [onmouseover], [onerror]').count()).toBe(0);
    expect(await viewer.$$eval('a[href]', (as) => as.filter((a) => /^javascript:/i.test(a.getAttribute('href') ?? '')).length)).toBe(0);
    expect(await pwned(viewer)).toBeUndefined();
    await screenshot(viewer, 'security-viewer');
    await viewer.close();
  });

  it('the options page shows the hostile collection name as text', async () => {
    const options = await s.openExtensionPage('options.html');
    await options.locator('table.collections th.name').first().waitFor();
    expect(await options.locator('table.collections').innerText()).toContain(ATTACKS[1]);
    expect(await options.locator('img, iframe, [onerror]').count()).toBe(0);
    expect(await pwned(options)).toBeUndefined();
    await screenshot(options, 'security-options');
    await options.close();
  });

  it('no dialog opened anywhere', () => {
    expect(dialogs).toEqual([]);
  });
});

describe('messages', () => {
  it('a web page has no way in: no chrome.runtime, and window.postMessage envelopes do nothing', async () => {
    const page = await s.context.newPage();
    await page.goto(`${server.url}/forge.html`);
    const before = await bg.call<{ id: string; stories: number }[]>('listCollections', null);
    const reach = await page.evaluate(async (id) => {
      const c = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown; connect?: unknown } } }).chrome;
      const out = { sendMessage: typeof c?.runtime?.sendMessage, connect: typeof c?.runtime?.connect };
      for (const m of [
        { type: 'deleteCollection', payload: { id } },
        { type: 'setSettings', payload: { mode: 'click' } },
        { type: 'checkNow', payload: { force: true } },
        { source: 'storytrace', type: 'clearImportJobs', payload: null },
      ])
        window.postMessage(m, '*');
      await new Promise((ok) => setTimeout(ok, 1500));
      return out;
    }, before[0].id);
    expect(reach).toEqual({ sendMessage: 'undefined', connect: 'undefined' });
    expect(await bg.call('listCollections', null)).toEqual(before);
    expect(await bg.call<{ mode: string }>('getSettings', null)).toMatchObject({ mode: 'auto' });
    await page.close();
  });

  it('forged content-script messages: privileged ones refused and logged, bad payloads answered with an error, the worker keeps working', async () => {
    const page = await s.context.newPage();
    const cdp = await s.context.newCDPSession(page);
    const worlds: { id: number; name: string; origin: string; type?: string }[] = [];
    cdp.on('Runtime.executionContextCreated', (e) => worlds.push({ id: e.context.id, name: e.context.name, origin: e.context.origin, type: (e.context.auxData as { type?: string })?.type }));
    await cdp.send('Runtime.enable');
    await page.goto(`${server.url}/forge.html`);
    await waitUntil(async () => worlds.some((w) => w.type === 'isolated' && w.origin.includes(s.extensionId)), 'the content script world');
    const world = worlds.filter((w) => w.type === 'isolated' && w.origin.includes(s.extensionId)).pop()!;
    const send = async (message: unknown) => {
      const r = await cdp.send('Runtime.evaluate', {
        contextId: world.id,
        awaitPromise: true,
        returnByValue: true,
        expression: `chrome.runtime.sendMessage(${JSON.stringify(message)}).then((r) => r, (e) => ({ thrown: String(e) }))`,
      });
      return r.result.value as { ok?: boolean; error?: string; value?: unknown; thrown?: string };
    };
    const collections = await bg.call<{ id: string }[]>('listCollections', null);
    const privileged = ['deleteCollection', 'setSettings', 'clearImportJobs', 'exportCollectionPage', 'getStory', 'setCollectionEnabled', 'getTabState', 'recheckTab', 'addTabPage'];
    for (const type of privileged) {
      const r = await send({ type, payload: { id: collections[0].id, enabled: false, after: -1, limit: 10, tabId: 1 } });
      expect(r, type).toMatchObject({ ok: false });
      expect(r.error, type).toMatch(/for the extension's own pages/);
    }
    const malformed: unknown[] = [
      'checkPage',
      42,
      null,
      [],
      { type: '__proto__', payload: {} },
      { type: 'constructor' },
      { type: 'hasOwnProperty' },
      { type: 'nope', payload: {} },
      { type: 'checkPage', payload: 42 },
      { type: 'checkPage', payload: { text: { toString: 'x' } } },
      { type: 'checkPage', payload: { text: 'x'.repeat(10), paragraphs: 'not an array' } },
      { type: 'pagePolicy', payload: { url: { href: 'javascript:1' } } },
      { type: 'reportPageStatus', payload: { status: '<script>', url: 7 } },
      { type: 'openViewer', payload: { storyId: { $gt: '' } } },
      { type: 'setSiteRule', payload: { site: '__proto__', rule: 'never' } },
    ];
    for (const m of malformed) {
      const r = await send(m);
      // Refused (ok: false) or answered harmlessly; never a crash, never an exception across.
      expect(r.thrown, JSON.stringify(m)).toBeUndefined();
      expect(typeof r.ok, JSON.stringify(m)).toBe('boolean');
      if (typeof m !== 'object' || m === null || Array.isArray(m) || ['__proto__', 'constructor', 'hasOwnProperty', 'nope'].includes((m as { type: string }).type))
        expect(r.ok, JSON.stringify(m)).toBe(false);
    }
    // Nothing changed, and the background still answers a real check.
    expect(await bg.call<{ id: string }[]>('listCollections', null)).toEqual(collections);
    expect((await bg.call<{ neverCheckSites: string[] }>('getSettings', null)).neverCheckSites).not.toContain('__proto__');
    const ok = await send({ type: 'checkPage', payload: { text: seed[0].text, title: seed[0].title } });
    expect(ok.ok).toBe(true);
    expect(swLog.some((l) => /Message refused/.test(l))).toBe(true);
    await cdp.detach();
    await page.close();
  });
});

describe('network', () => {
  it('no extension context requested anything besides the test pages (request events and the net log)', async () => {
    // Browse once more so checking and browsing are both covered, then close to flush the net log.
    const page = await s.context.newPage();
    await page.goto(`${server.url}/article.html`);
    await waitUntil(async () => (await overlayBadges(page)).length > 0, 'the badges', 30_000);
    await page.close();
    const foreign = requests.filter((r) => !allowed(r.url));
    expect(foreign).toEqual([]);
    await bg.close();
    await s.close();
    // Every request the network stack started: renderer-initiated ones (pages, workers, the
    // extension) carry their initiator origin; the browser's own (its component updater, account
    // and spelling services, and the navigations the test itself made) say "not an origin".
    const raw = readFileSync(netLog, 'utf8');
    const log = JSON.parse(raw.trimEnd().endsWith('}') ? raw : raw.replace(/,?\s*$/, ']}')) as {
      constants: { logEventTypes: Record<string, number> };
      events: { type: number; params?: { url?: string; initiator?: string } }[];
    };
    const START = log.constants.logEventTypes.URL_REQUEST_START_JOB;
    const started = log.events.filter((e) => e.type === START && e.params?.url).map((e) => ({ url: e.params!.url!, initiator: e.params!.initiator ?? '' }));
    expect(started.some((r) => r.url.startsWith(server.url))).toBe(true);
    const fromContexts = started.filter((r) => r.initiator !== 'not an origin');
    expect(fromContexts.filter((r) => !allowed(r.url))).toEqual([]);
    expect(started.filter((r) => r.initiator.startsWith('chrome-extension://') && !allowed(r.url))).toEqual([]);
    // The browser's own traffic goes only to its own services, never to a host the corpus names.
    const browserOwn = [...new Set(started.filter((r) => !allowed(r.url)).map((r) => new URL(r.url).hostname))];
    for (const host of browserOwn) expect(host).toMatch(/(?:^|\.)(?:google\.com|googleapis\.com|gvt1\.com|gstatic\.com)$/);
    expect(started.some((r) => /example\.org/.test(r.url))).toBe(false);
    // Nothing left to close in afterAll.
    s = undefined as unknown as ExtensionSession;
    bg = undefined as unknown as Bridge;
  });
});
