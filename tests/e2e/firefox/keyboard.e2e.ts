// Keyboard commands in real Firefox ESR (MV3 build, Marionette): the manifest's shortcuts are
// assigned as in Chrome, and the badge commands' message moves focus into the overlay, badge to
// badge, Enter opening the card. (Marionette's keys go to the page, not to the browser's shortcut
// handling: the test sends what the background sends on a command.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elementId, launchFirefox, type FirefoxSession } from '../support/firefox';
import { startStaticServer, type StaticServer } from '../support/extension';
import { drawnMarks, importFilesFirefox, inOverlay, openFirefoxBridge, seedFiles, type FirefoxBridge } from '../support/firefox-reading';
import { PAGES_DIR } from '../../fixtures/pages/pages';
import { COMMANDS, SHORTCUTS, commandMessage } from '../../../lib/background/commands';

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

/** Runs `body` in the bridge (an extension page) and comes back to `back`. */
async function inBridge<T>(back: string, body: string, args: unknown[] = []): Promise<T> {
  await s.m.send('WebDriver:SwitchToWindow', { handle: bg.handle, focus: false });
  try {
    return await s.run<T>(body, args);
  } finally {
    await s.m.send('WebDriver:SwitchToWindow', { handle: back, focus: true });
  }
}

describe('Firefox: keyboard commands', () => {
  it('get their default shortcuts', async () => {
    const all = await inBridge<{ name: string; shortcut: string }[]>(bg.handle, 'return browser.commands.getAll();');
    const byName = Object.fromEntries(all.map((c) => [c.name, c.shortcut]));
    for (const [name, key] of Object.entries(SHORTCUTS)) expect(byName[name], name).toBe(key);
  });

  it('move focus from badge to badge; Enter opens the card', async () => {
    const url = `${server.url}/reprint-lavrov/source.html`;
    const page = await s.openTab(url);
    const tabId = await bg.tabIdOf(url);
    const end = Date.now() + 20_000;
    while ((await drawnMarks(s, bg, tabId)).length === 0 && Date.now() < end) await new Promise((ok) => setTimeout(ok, 100));
    const send = (name: string) => inBridge<unknown>(page, 'return browser.tabs.sendMessage(arguments[0], arguments[1]);', [tabId, commandMessage(name)]);
    expect(await send(COMMANDS.nextBadge)).toEqual({ ok: true, value: true });
    expect(await s.run<string>('return document.activeElement && document.activeElement.tagName')).toBe('STORYTRACE-LAYER');
    await send(COMMANDS.nextBadge);
    const [focused] = await inOverlay(s, 'div.slot > button:focus');
    expect(focused).toBeDefined();
    await s.m.send('WebDriver:ElementSendKeys', { id: elementId(focused), text: '\uE007' }); // Enter
    const expanded = await inOverlay(s, 'div.slot > button[aria-expanded="true"]');
    expect(expanded).toHaveLength(1);
    const buttons = await inOverlay(s, 'div.slot > button');
    expect(elementId(buttons[1])).toBe(elementId(expanded[0]));
    await s.screenshot('ff-keyboard-badge', false);
  });
});
