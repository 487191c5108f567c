// Checking selected text in real Firefox ESR (MV3 build, Marionette): the context menu item is
// registered; the text a selection hands the menu is checked by the background and shown on the
// selection page with the popup's components, markup in it shown as text. (Marionette cannot open
// the browser's own context menu: the test sends what the item's click sends, through checkText.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxSession } from '../support/firefox';
import { startStaticServer, type StaticServer } from '../support/extension';
import { importFilesFirefox, openFirefoxBridge, seedFiles, type FirefoxBridge } from '../support/firefox-reading';
import { loadPage, PAGES_DIR } from '../../fixtures/pages/pages';

let s: FirefoxSession;
let server: StaticServer;
let bg: FirefoxBridge & { handle: string };

beforeAll(async () => {
  s = await launchFirefox();
  server = await startStaticServer(PAGES_DIR);
  bg = await openFirefoxBridge(s);
  await importFilesFirefox(s, bg, seedFiles(), 'Seeds');
});

afterAll(async () => {
  await s?.close();
  await server?.close();
});

describe('Firefox: check a selection', () => {
  const fx = loadPage('reprint-lavrov');

  it('registers the menu item on selections', async () => {
    await s.m.send('WebDriver:SwitchToWindow', { handle: bg.handle, focus: false });
    const known = await s.run<boolean>('return browser.contextMenus.update("storytrace-check-selection", {}).then(() => true, () => false);');
    const unknown = await s.run<boolean>('return browser.contextMenus.update("no-such-item", {}).then(() => true, () => false);');
    expect([known, unknown]).toEqual([true, false]);
  });

  it('shows the story selected paragraphs come from, and markup in the selection as text', async () => {
    const article = await s.openTab(`${server.url}/reprint-lavrov/source.html`);
    // The text of a reader's selection over three reprinted paragraphs.
    const selected = await s.run<string>(
      `const starts = arguments[0];
       const ps = Array.from(document.querySelectorAll('p')).filter((p) => starts.some((t) => p.textContent.replace(/\\s+/g, ' ').trim().startsWith(t)));
       const r = document.createRange(); r.setStartBefore(ps[0]); r.setEndAfter(ps[ps.length - 1]);
       const sel = getSelection(); sel.removeAllRanges(); sel.addRange(r); return sel.toString();`,
      [fx.expected.reused.slice(0, 3).map((t) => t.slice(0, 30))],
    );
    expect(selected.length).toBeGreaterThan(500);
    const { id } = await bg.call<{ id: string }>('checkText', { text: '<img src=x onerror="window.__pwned=1"> ' + selected, url: `${server.url}/reprint-lavrov/source.html`, title: 'Lavrov tour' });
    await s.openTab(s.extensionUrl(`selection.html?id=${id}`));
    await s.resize(640, 900);
    const dup = await s.waitFor<string>(
      'const d = document.querySelector("section[aria-labelledby=dup-heading]"); return d && d.textContent;',
      'the duplicate on the selection page',
    );
    for (const t of fx.expected.duplicates) expect(dup).toContain(t);
    expect(await s.run<string>('return document.querySelector(".selection-text").textContent')).toContain('<img src=x onerror=');
    expect(await s.run<number>('return document.querySelectorAll("main img").length')).toBe(0);
    expect(await s.run<unknown>('return window.__pwned ?? null')).toBeNull();
    expect(await s.run<number>('return document.querySelectorAll(".actions").length')).toBe(0);
    await s.screenshot('ff-selection-result');
    void article;
  });
});
