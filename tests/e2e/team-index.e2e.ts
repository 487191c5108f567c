// The team index end to end in real Chromium: the built extension, configured in its options page
// with a team index served by `storytrace serve` on 127.0.0.1 (a real PostgreSQL behind it),
// badges a page whose source story exists only on the server, marks it as a team story in the
// popup and opens it in the viewer through the server; with the server stopped, the local results
// still show, with the status. The host permission is granted through the options page's request.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseText } from '../../lib/corpus/formats/text';
import type { Story } from '../../lib/corpus/story';
import { openPostgresBackend, type PostgresBackend } from '../../lib/index/postgres/backend';
import { StoryIndex } from '../../lib/index/story-index';
import { startPostgres, type PgServer } from '../support/postgres';
import { launchExtension, ROOT, screenshot, startStaticServer, type ExtensionSession, type StaticServer } from './support/extension';
import { badgedParagraphs, drawnMarks, openBridge, overlayBadges, tabIdOf, toolbarText, waitUntil, type Bridge } from './reading-helpers';
import { importFiles, SEEDS_DIR } from './reading-corpus';

/** The extension API as the options page sees it (evaluated there, not here). */
declare const chrome: { permissions: { contains(p: { origins: string[] }): Promise<boolean>; getAll(): Promise<{ origins?: string[] }> } };

const TOKEN = 'e2e-analyst-token-0123456789';
const seed = (f: string): Story[] => parseText(f, readFileSync(join(SEEDS_DIR, f), 'utf8')).stories;
const LOCAL_FILE = '000_0b04ab074c0709f3.txt';
const TEAM_FILE = '003_0190c966b073fd19.txt';
const localStory = seed(LOCAL_FILE).find((s) => s.text.split(/\s+/).length > 300)!;
const teamStory = seed(TEAM_FILE)[0];

/** An article quoting three paragraphs of a local story and reprinting a story only the team holds. */
function articleHtml(): string {
  const paras = (s: Story) => s.text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.split(/\s+/).length > 20);
  const body = [...paras(localStory).slice(0, 3), ...paras(teamStory)].map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Roundup</title></head><body><main><article><h1>Roundup of the week</h1>${body}</article></main></body></html>`;
}

let pg: PgServer;
let backend: PostgresBackend;
let dir: string;
let serve: ChildProcess | undefined;
/** The server's log lines (JSON). */
const serveLog: string[] = [];
let teamUrl: string;
let s: ExtensionSession;
let site: StaticServer;
let bg: Bridge;

async function startServe(): Promise<string> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/storytrace.mjs'), 'serve', '--db', pg.url, '--listen', '127.0.0.1:0', '--tokens', join(dir, 'tokens.json')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  serve = child;
  let err = '';
  child.stderr!.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: string) => {
      err += d;
      serveLog.push(...d.split('\n').filter(Boolean));
      const m = /"msg":"serving".*?"port":(\d+)/.exec(err);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

beforeAll(async () => {
  pg = await startPostgres({ settings: { fsync: 'off' } });
  backend = await openPostgresBackend(pg.url);
  await new StoryIndex(backend).addStories({ id: 'desk', name: 'Desk' }, seed(TEAM_FILE));
  dir = mkdtempSync(join(tmpdir(), 'storytrace-team-e2e-'));
  writeFileSync(join(dir, 'tokens.json'), JSON.stringify([{ analyst: 'e2e', token: TOKEN, access: 'read' }]));
  teamUrl = await startServe();
  site = await startStaticServer(undefined, { '/roundup.html': ['text/html; charset=utf-8', articleHtml()] });
  s = await launchExtension();
  bg = await openBridge((p) => s.openExtensionPage(p));
  await importFiles(s, bg, [join(SEEDS_DIR, LOCAL_FILE)], 'Mine');
}, 240_000);

afterAll(async () => {
  await s?.close();
  await site?.close();
  if (serve && serve.exitCode === null) serve.kill('SIGKILL');
  await backend?.close();
  await pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface State {
  status: string;
  team?: { state: string; message?: string };
  result?: { duplicates: { id: string; team?: boolean }[]; partial: { id: string; team?: boolean }[] };
}

async function openArticle(): Promise<{ page: Page; tabId: number; state: State }> {
  const page = await s.context.newPage();
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(`${site.url}/roundup.html`);
  const tabId = await tabIdOf(page, s.serviceWorker);
  let state: State | null = null;
  await waitUntil(async () => {
    state = await bg.call<State | null>('getTabState', { tabId });
    return !!state && state.status === 'done' && !!state.team && state.team.state !== 'waiting' && (await drawnMarks(page)).length > 0;
  }, 'the check with the team index', 30_000);
  await page.waitForTimeout(300);
  return { page, tabId, state: state! };
}

const ids = (st: State) => [...(st.result?.duplicates ?? []), ...(st.result?.partial ?? [])];

describe('a team index served by storytrace serve', () => {
  it('sends nothing before the permission for the origin is granted', async () => {
    await bg.call('setSettings', { teamUrl, teamToken: TOKEN });
    const before = serveLog.length;
    const page = await s.context.newPage();
    await page.goto(`${site.url}/roundup.html`);
    const tabId = await tabIdOf(page, s.serviceWorker);
    await waitUntil(async () => (await bg.call<State | null>('getTabState', { tabId }))?.team?.state === 'no-permission', 'the no-permission status');
    expect(serveLog.slice(before).filter((l) => l.includes('"msg":"request"'))).toEqual([]);
    await page.close();
    await bg.call('setSettings', { teamUrl: '', teamToken: '' });
  }, 60_000);

  it('is set up in the options page: the origin permission is granted, the test connects', async () => {
    // Headless Chromium cannot show the permission prompt (nor can Playwright answer it): the user's
    // grant is made in the browser's own extension page (site access), as a user can; the options
    // page's permissions.request then resolves without a prompt.
    const ext = await s.context.newPage();
    await ext.goto(`chrome://extensions/?id=${s.extensionId}`);
    await ext.evaluate((id) => (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } } }).chrome.developerPrivate.addHostPermission(id, 'http://127.0.0.1/*'), s.extensionId);
    await ext.close();
    const options = await s.openExtensionPage('options.html');
    await options.setViewportSize({ width: 1000, height: 1400 });
    await options.waitForSelector('#team-url');
    await options.fill('#team-url', teamUrl);
    await options.fill('#team-token', TOKEN);
    await options.click('#team-test');
    const status = options.locator('.team-status');
    await waitUntil(async () => !/Testing/.test((await status.textContent().catch(() => '')) || 'Testing'), 'the connection test', 15_000);
    expect(await status.textContent()).toContain('Connected: the team index holds 1 story');
    await options.click('button:text("Save team index")');
    await waitUntil(async () => /Saved/.test((await status.textContent()) ?? ''), 'the team index to be saved');
    const granted = await options.evaluate((o) => chrome.permissions.contains({ origins: [o] }), `http://127.0.0.1/*`);
    expect(granted).toBe(true);
    const all = await options.evaluate(() => chrome.permissions.getAll());
    // The content script's own patterns, and the team origin: nothing wider was granted.
    expect([...(all.origins ?? [])].sort()).toEqual(['http://*/*', 'http://127.0.0.1/*', 'https://*/*']);
    await options.locator('#team-h').scrollIntoViewIfNeeded();
    await screenshot(options, 'team-index-options');
    await options.close();
  });

  it('badges the page whose source story only the server holds, marked as a team story', async () => {
    const { page, tabId, state } = await openArticle();
    expect(state.team).toEqual({ state: 'ok' });
    const found = ids(state);
    expect(found.find((m) => m.id === teamStory.id)?.team).toBe(true);
    expect(found.find((m) => m.id === localStory.id)?.team).toBeUndefined();
    // The team story's paragraphs are badged too: more paragraphs than the local story's three
    // (runs of paragraphs shared with the same stories are one mark each: count paragraphs).
    expect((await badgedParagraphs(page)).length).toBeGreaterThan(3);
    expect(Number(await toolbarText(s.serviceWorker, tabId))).toBe(found.length);
    await screenshot(page, 'team-index-page');
    const popup = await s.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.setViewportSize({ width: 420, height: 800 });
    await popup.waitForSelector('.status:not(.status-busy)');
    expect(await popup.locator('.story-meta', { hasText: 'Team index' }).count()).toBeGreaterThan(0);
    await screenshot(popup, 'team-index-popup');
    await popup.close();
    // The viewer opens the team story through the server.
    const viewer = await s.openExtensionPage(`viewer.html?story=${encodeURIComponent(teamStory.id)}&tab=${tabId}`);
    await viewer.setViewportSize({ width: 1200, height: 900 });
    await viewer.waitForFunction((t) => document.body.innerText.includes(t), teamStory.text.slice(0, 60), { timeout: 15_000 });
    await screenshot(viewer, 'team-index-viewer');
    await viewer.close();
    await page.close();
  }, 60_000);

  it('with the server stopped, the local results still show, with the status', async () => {
    const exited = new Promise((ok) => serve!.once('exit', ok));
    serve!.kill('SIGTERM');
    await exited;
    const { page, tabId, state } = await openArticle();
    expect(state.team?.state).toBe('unreachable');
    const found = ids(state);
    expect(found.map((m) => m.id)).toContain(localStory.id);
    expect(found.map((m) => m.id)).not.toContain(teamStory.id);
    expect((await overlayBadges(page)).length).toBeGreaterThan(0);
    const popup = await s.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.setViewportSize({ width: 420, height: 700 });
    await popup.waitForSelector('.team-line');
    expect(await popup.locator('.team-line').textContent()).toContain('Team index unreachable');
    await screenshot(popup, 'team-index-popup-unreachable');
    await popup.close();
    await page.close();
  }, 60_000);
});
