// Shared end-to-end launcher: checks the built extension, starts real Chromium with it loaded,
// finds the extension id and service worker, and serves test pages from 127.0.0.1 only.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

/** Repository root (this file lives in tests/e2e/support/). */
export const ROOT = resolve(import.meta.dirname, '../../..');
/** The MV3 build `wxt build` writes. */
/** The build under test: `STORYTRACE_OUT` (as wxt.config.ts reads it) or `.output`. */
export const OUTPUT_DIR = process.env.STORYTRACE_OUT ? resolve(ROOT, process.env.STORYTRACE_OUT) : join(ROOT, '.output');
export const EXTENSION_DIR = join(OUTPUT_DIR, 'chrome-mv3');
/** Where e2e tests write screenshots (git-ignored). */
export const SCREENSHOT_DIR = join(ROOT, 'tests/e2e/screenshots');
/** Chromium from apt (see .ci/run); override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Throws a clear error unless the built extension exists. `npm run test:e2e` builds first; a
 * stale build is the caller's business (we do not rebuild here: several test files share one build).
 */
/** Chromium flags: load the built extension, and keep the browser off the network (this machine's
 *  closed network refuses Chromium's background connections; see TOOLCHAIN.md). */
export function chromiumArgs(extensionDir = EXTENSION_DIR): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

export function assertBuilt(): void {
  const manifest = join(EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new Error(`No built extension at ${EXTENSION_DIR}: run \`npm run build\` (or npm run test:e2e).`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
}

/** A running Chromium with the extension loaded. */
export interface ExtensionSession {
  context: BrowserContext;
  /** The extension id (host of chrome-extension:// URLs). */
  extensionId: string;
  /** The MV3 background service worker (drive it with `.evaluate`). */
  serviceWorker: Worker;
  /** Absolute URL of an extension page, e.g. `extensionUrl('options.html')`. */
  extensionUrl(path: string): string;
  /** Opens a new tab at an extension page and waits for it to load. */
  openExtensionPage(path: string): Promise<Page>;
  /**
   * Returns the extension's service worker, waiting for it if none is listed yet. After
   * `stopServiceWorker`, wake the worker first (e.g. a runtime message from an extension page):
   * Playwright keeps the same Worker object across a restart, and evaluating in a stopped worker
   * fails and has been seen to take the browser down with it.
   */
  currentServiceWorker(): Promise<Worker>;
  /** Closes the browser and deletes the temporary profile. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Reuse this profile directory (kept on close) instead of a fresh temporary one. */
  profileDir?: string;
  /** Extra Chromium flags. */
  args?: string[];
  /** Load the extension from here instead of the build output (a copy a long benchmark keeps, so
   *  that a rebuild meanwhile does not change the extension under the running browser). */
  extensionDir?: string;
}

/** Launches Chromium (headless, persistent profile) with the built extension. */
export async function launchExtension(opts: LaunchOptions = {}): Promise<ExtensionSession> {
  assertBuilt();
  const ownProfile = !opts.profileDir;
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'storytrace-e2e-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [...chromiumArgs(opts.extensionDir), ...(opts.args ?? [])],
  });
  try {
    const serviceWorker = await findServiceWorker(context);
    const extensionId = new URL(serviceWorker.url()).host;
    const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
    return {
      context,
      extensionId,
      serviceWorker,
      extensionUrl,
      async openExtensionPage(path) {
        const page = await context.newPage();
        await page.goto(extensionUrl(path));
        return page;
      },
      currentServiceWorker: () => findServiceWorker(context),
      async close() {
        await context.close();
        if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await context.close();
    if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
    throw e;
  }
}

async function findServiceWorker(context: BrowserContext, timeoutMs = 15_000): Promise<Worker> {
  const live = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (live) return live;
  return context.waitForEvent('serviceworker', {
    predicate: (w) => w.url().startsWith('chrome-extension://'),
    timeout: timeoutMs,
  });
}

/**
 * Stops the extension's service worker the way the browser does when idle, through the DevTools
 * protocol (ServiceWorker.stopAllWorkers), so a test can measure or exercise a cold start.
 */
export async function stopServiceWorker(session: ExtensionSession): Promise<void> {
  const page = await session.context.newPage();
  try {
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
  } finally {
    await page.close();
  }
}

/** Takes a full-page screenshot into tests/e2e/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A static HTTP server bound to 127.0.0.1. */
export interface StaticServer {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

/**
 * Serves `root` (a directory) and/or in-memory `routes` (path → [content-type, body]) on
 * 127.0.0.1 at a free port. Paths outside `root` are refused.
 */
export async function startStaticServer(
  root?: string,
  routes: Record<string, [contentType: string, body: string | Uint8Array]> = {},
): Promise<StaticServer> {
  const base = root ? resolve(root) : undefined;
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const route = routes[path];
    if (route) {
      res.writeHead(200, { 'content-type': route[0] });
      res.end(route[1]);
      return;
    }
    if (base) {
      const file = resolve(base, '.' + path);
      if ((file === base || file.startsWith(base + sep)) && existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200, { 'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' });
        res.end(readFileSync(file));
        return;
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
