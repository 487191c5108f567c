// Checking selected text in real Firefox ESR (MV3 build, Marionette): the context menu item is
// registered; the text of a selection, sent as the item's click sends it (checkText), is checked by
// the background and shown on the selection page with the popup's components, markup in it shown
// as text; and the whole real path: a right click on a selection opens the browser's menu, the
// item is chosen there (chrome context), the background opens the selection page with the result.
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
    await s.closeTab(undefined, article);
  });

  it('the real menu item: a right click on a selection, "Check this text with StoryTrace", the selection page opens', async () => {
    const article = await s.openTab(`${server.url}/reprint-lavrov/source.html`);
    await s.waitFor('return document.readyState !== "loading" && document.querySelectorAll("p").length > 5', 'the article');
    const [first] = await s.run<unknown[]>(
      `const starts = arguments[0];
       const ps = Array.from(document.querySelectorAll('p')).filter((p) => starts.some((t) => p.textContent.replace(/\\s+/g, ' ').trim().startsWith(t)));
       const r = document.createRange(); r.setStartBefore(ps[0]); r.setEndAfter(ps[ps.length - 1]);
       const sel = getSelection(); sel.removeAllRanges(); sel.addRange(r); ps[0].scrollIntoView({ block: 'center' }); return [ps[0]];`,
      [fx.expected.reused.slice(0, 2).map((t) => t.slice(0, 30))],
    );
    // A right click with real pointer input on the selected paragraph opens the browser's menu.
    await s.m.send('WebDriver:PerformActions', {
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', origin: first, x: 0, y: 0 },
            { type: 'pointerDown', button: 2 },
            { type: 'pointerUp', button: 2 },
          ],
        },
      ],
    });
    const label = 'Check this text with StoryTrace';
    const end = Date.now() + 10_000;
    let clicked = false;
    while (!clicked && Date.now() < end) {
      clicked = await s.run<boolean>(
        `const menu = document.getElementById('contentAreaContextMenu');
         if (!menu || menu.state !== 'open') return false;
         const item = Array.from(menu.querySelectorAll('menuitem')).find((i) => i.getAttribute('label') === arguments[0] && !i.hidden);
         if (!item) return false;
         menu.activateItem(item);
         return true;`,
        [label],
        true,
      );
      if (!clicked) await new Promise((ok) => setTimeout(ok, 200));
    }
    expect(clicked).toBe(true);
    // The background opened the selection page beside the article (read from the browser's tab
    // list: Marionette does not switch into a tab an extension opened).
    let url: string | undefined;
    while (!url && Date.now() < end + 10_000) {
      url = await s.run<string | undefined>(
        'return gBrowser.tabs.map((t) => t.linkedBrowser.currentURI.spec).find((u) => u.includes("/selection.html?id="));',
        [],
        true,
      );
      if (!url) await new Promise((ok) => setTimeout(ok, 100));
    }
    expect(url).toMatch(/^moz-extension:\/\/[^/]+\/selection\.html\?id=[0-9a-f-]+$/);
    const id = new URL(url!).searchParams.get('id');
    const state = await bg.call<{ text: string; url?: string; result: { duplicates: { title: string }[] } }>('getSelectionCheck', { id });
    expect(state.text).toContain(fx.expected.reused[0].slice(0, 40));
    expect(state.url).toBe(`${server.url}/reprint-lavrov/source.html`);
    for (const t of fx.expected.duplicates) expect(state.result.duplicates.map((d) => d.title).join(' | ')).toContain(t);
    // The same page, opened here, shows it.
    await s.openTab(url!);
    const dup = await s.waitFor<string>('const d = document.querySelector("section[aria-labelledby=dup-heading]"); return d && d.textContent;', 'the selection page');
    for (const t of fx.expected.duplicates) expect(dup).toContain(t);
    await s.screenshot('ff-selection-menu');
    await s.closeTab(undefined, article);
  });
});
