// End-to-end launcher for real Firefox ESR: a throwaway profile, Marionette on a free port, the
// built extension installed as a temporary add-on with a pinned UUID, and helpers to open pages,
// run scripts in them and take screenshots. No geckodriver (see TOOLCHAIN.md "Real Firefox").
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Marionette, ELEMENT_KEY, type ElementRef } from './marionette';
import { OUTPUT_DIR, SCREENSHOT_DIR } from './extension';

/** Firefox ESR from apt (see .ci/run); override with FIREFOX_PATH. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The Firefox build `wxt build -b firefox` writes (MV3, see wxt.config.ts). */
export const FIREFOX_EXTENSION_DIR = join(OUTPUT_DIR, 'firefox-mv3');
/** A fixed UUID for the extension's moz-extension:// host, so tests know its pages' URLs. */
const EXTENSION_UUID = '5a0b7e2c-51d4-4f3e-9d1b-57012ace7e57';

/** Preferences of the test profile: Marionette's port, the pinned UUID, and a quiet browser that
 *  reaches no network of its own (Marionette adds its recommended automation prefs on top). */
function userPrefs(port: number, geckoId: string): Record<string, string | number | boolean> {
  return {
    'marionette.port': port,
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
    'xpinstall.signatures.required': false,
    'extensions.autoDisableScopes': 0,
    'app.update.auto': false,
    'app.update.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.page': 0,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.aboutwelcome.enabled': false,
    'browser.newtabpage.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.region.network.url': '',
    'browser.search.geoip.url': '',
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.blocklist.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'services.settings.server': 'http://127.0.0.1:9/',
    'media.gmp-manager.url': 'http://127.0.0.1:9/',
    'browser.tabs.warnOnClose': false,
    'dom.disable_open_during_load': false,
    // Console output of extension pages and content scripts on stdout (shown on failure).
    'devtools.console.stdout.content': true,
  };
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

/** Throws a clear error unless Firefox and the Firefox build are there. */
export function assertFirefoxBuilt(): void {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${FIREFOX_EXTENSION_DIR}: run \`npm run build:firefox\` (or npm run test:e2e).`);
  }
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(`No Firefox at ${FIREFOX_PATH}: apt-get install -y firefox-esr (or set FIREFOX_PATH).`);
  }
}

/** A running Firefox with the extension installed, driven over Marionette. */
export interface FirefoxSession {
  m: Marionette;
  /** The extension's gecko id (from the built manifest). */
  extensionId: string;
  /** Absolute URL of an extension page, e.g. `extensionUrl('options.html')`. */
  extensionUrl(path: string): string;
  /** Opens `url` in a new tab, switches to it and waits for it to load; returns its handle. */
  openTab(url: string): Promise<string>;
  /** Switches Marionette's content context to the tab `handle`. */
  switchTo(handle: string): Promise<void>;
  /** Closes the tab `handle` (the current one by default) and switches to `then` if given. */
  closeTab(handle?: string, then?: string): Promise<void>;
  /** Runs `body` (a function body; `arguments` holds `args`; may return a Promise) in the current
   *  tab's page, or in the browser's chrome when `chrome` is set. */
  run<T>(body: string, args?: unknown[], chrome?: boolean): Promise<T>;
  /** Waits until `body` returns a truthy value in the current tab, and returns it. */
  waitFor<T>(body: string, what: string, args?: unknown[], timeoutMs?: number): Promise<T>;
  /** Finds elements by CSS selector in the current tab. */
  find(selector: string): Promise<ElementRef[]>;
  /** Saves a screenshot of the current tab as tests/e2e/screenshots/<name>.png. */
  screenshot(name: string, full?: boolean): Promise<string>;
  /** Sets the window size. */
  resize(width: number, height: number): Promise<void>;
  /** Everything the browser printed (console output of pages included), for failure messages. */
  log(): string;
  close(): Promise<void>;
}

export interface FirefoxLaunchOptions {
  /** Extension directory to install (default the Firefox build). */
  extensionDir?: string;
}

/** Starts Firefox ESR headless with the built extension installed as a temporary add-on. */
export async function launchFirefox(opts: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
  assertFirefoxBuilt();
  const extensionDir = opts.extensionDir ?? FIREFOX_EXTENSION_DIR;
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const extensionId = manifest.browser_specific_settings?.gecko?.id;
  if (!extensionId) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  const profile = mkdtempSync(join(tmpdir(), 'storytrace-ff-'));
  const port = await freePort();
  const prefs = userPrefs(port, extensionId);
  writeFileSync(join(profile, 'user.js'), Object.entries(prefs).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n') + '\n');

  let output = '';
  const proc: ChildProcess = spawn(
    FIREFOX_PATH,
    ['--marionette', '-remote-allow-system-access', '--headless', '--no-remote', '--profile', profile],
    { env: { ...process.env, MOZ_HEADLESS: '1', MOZ_CRASHREPORTER_DISABLE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const keep = (b: Buffer) => {
    output += b.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<void>((ok) => proc.once('exit', () => ok()));

  const cleanup = async () => {
    if (proc.exitCode === null) {
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    }
    rmSync(profile, { recursive: true, force: true });
  };

  try {
    const m = await Marionette.connect(port, 30_000);
    await m.send('WebDriver:NewSession', { capabilities: { alwaysMatch: { acceptInsecureCerts: true, pageLoadStrategy: 'eager' } } });
    // A page whose third-party resources never answer can hold Navigate past DOMContentLoaded; after
    // 5 s openTab goes on (the callers wait for what they need themselves).
    await m.send('WebDriver:SetTimeouts', { pageLoad: 5000 });
    const installed = await m.send<{ id?: string } | string>('Addon:Install', { path: extensionDir, temporary: true });
    const got = typeof installed === 'string' ? installed : installed?.id;
    if (got !== extensionId) throw new Error(`Addon:Install gave ${JSON.stringify(installed)}, expected ${extensionId}`);
    const base = `moz-extension://${EXTENSION_UUID}/`;

    let context: 'content' | 'chrome' = 'content';
    const setContext = async (c: 'content' | 'chrome') => {
      if (c === context) return;
      await m.send('Marionette:SetContext', { value: c });
      context = c;
    };
    const run = async <T>(body: string, args: unknown[] = [], chrome = false): Promise<T> => {
      await setContext(chrome ? 'chrome' : 'content');
      return m.send<T>('WebDriver:ExecuteScript', { script: body, args, newSandbox: false });
    };
    const session: FirefoxSession = {
      m,
      extensionId,
      extensionUrl: (path) => base + path.replace(/^\//, ''),
      async openTab(url) {
        await setContext('content');
        const { handle } = await m.send<{ handle: string }>('WebDriver:NewWindow', { type: 'tab', focus: true });
        await m.send('WebDriver:SwitchToWindow', { handle, focus: true });
        await m.send('WebDriver:Navigate', { url }).catch(async (e: Error) => {
          // An extension page that keeps working after load can leave Navigate waiting; what is
          // there is checked by the caller's own waits.
          if (!/timeout/i.test(e.message)) throw e;
        });
        return handle;
      },
      async switchTo(handle) {
        await setContext('content');
        await m.send('WebDriver:SwitchToWindow', { handle, focus: true });
      },
      async closeTab(handle, then) {
        await setContext('content');
        if (handle) await m.send('WebDriver:SwitchToWindow', { handle, focus: true });
        await m.send('WebDriver:CloseWindow');
        if (then) await m.send('WebDriver:SwitchToWindow', { handle: then, focus: true });
      },
      run,
      async waitFor<T>(body: string, what: string, args: unknown[] = [], timeoutMs = 20_000): Promise<T> {
        const end = Date.now() + timeoutMs;
        let last: unknown;
        for (;;) {
          try {
            const v = await run<T>(body, args);
            if (v) return v;
          } catch (e) {
            last = e;
          }
          if (Date.now() > end) throw new Error(`Timed out waiting for ${what}${last ? ` (${(last as Error).message})` : ''}`);
          await new Promise((ok) => setTimeout(ok, 100));
        }
      },
      async find(selector) {
        await setContext('content');
        return m.send<ElementRef[]>('WebDriver:FindElements', { using: 'css selector', value: selector });
      },
      async screenshot(name, full = true) {
        await setContext('content');
        const b64 = await m.send<string>('WebDriver:TakeScreenshot', { full });
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        const path = join(SCREENSHOT_DIR, `${name}.png`);
        writeFileSync(path, Buffer.from(b64, 'base64'));
        return path;
      },
      async resize(width, height) {
        await m.send('WebDriver:SetWindowRect', { width, height });
      },
      log: () => output,
      async close() {
        try {
          await m.send('Marionette:Quit', { flags: ['eForceQuit'] }).catch(() => {});
        } finally {
          m.close();
          await cleanup();
        }
      },
    };
    return session;
  } catch (e) {
    await cleanup();
    throw new Error(`${(e as Error).message}\n--- firefox output ---\n${output.slice(-4000)}`);
  }
}

/** The element id of a WebDriver element reference (for commands taking `id`). */
export const elementId = (e: ElementRef): string => e[ELEMENT_KEY];
