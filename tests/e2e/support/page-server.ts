// A server for saved real pages with a model of the network they were saved from: fixture files
// from a directory, plus the third-party resources real pages wait on (ad servers, trackers,
// embeds), which answer late or never. Bound to 127.0.0.1 only.
//   /_net/stall/<ms>/<anything>  answers after <ms> ms (an empty response of the type the name says)
//   /_net/hang/<anything>        never answers while the server runs (a blackholed host)
// The third-party routes are also served from a second origin (localhost on another port), and a
// fixture page's references to /_net/ point there: on the real web they are other hosts, and a
// browser's per-host connection limit (six in Firefox and Chromium) would otherwise let a page's
// never-answering resources hold back the next page's own HTML, which no real site sees.
// A fixture's headers.json beside its source.html holds the response headers the site sent with it
// (Content-Security-Policy above all): a saved page loses them, and browsers treat extensions on
// the page by them.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, extname, join, resolve, sep } from 'node:path';

export interface PageServer {
  /** Base URL without trailing slash. */
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.gif': 'image/gif',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
};

/** A 1×1 transparent GIF, what an ad or tracking pixel answers. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function empty(res: ServerResponse, path: string): void {
  const type = TYPES[extname(path).toLowerCase()] ?? 'text/plain; charset=utf-8';
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(type === 'image/gif' ? PIXEL : '');
}

/** The headers saved with an HTML fixture (headers.json in its folder), or none. */
function savedHeaders(file: string): Record<string, string> {
  const path = join(dirname(file), 'headers.json');
  if (!existsSync(path)) return {};
  const h = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(h).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export async function startPageServer(root: string): Promise<PageServer> {
  const base = resolve(root);
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const sockets = new Set<Socket>();
  // Answers a /_net/ route; false for any other path.
  const network = (path: string, res: ServerResponse): boolean => {
    const stall = /^\/_net\/stall\/(\d{1,6})\//.exec(path);
    if (stall) {
      const t = setTimeout(() => {
        timers.delete(t);
        empty(res, path);
      }, Number(stall[1]));
      timers.add(t);
      return true;
    }
    return path.startsWith('/_net/hang/'); // a hang is left open until close()
  };
  let thirdPartyOrigin = '';
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (network(path, res)) return;
    const file = resolve(base, '.' + path);
    if ((file === base || file.startsWith(base + sep)) && existsSync(file) && statSync(file).isFile()) {
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      const html = type.startsWith('text/html');
      res.writeHead(200, { ...(html ? savedHeaders(file) : {}), 'content-type': type });
      const body = readFileSync(file);
      res.end(html ? body.toString('utf8').replace(/(["'\s,(])\/_net\//g, `$1${thirdPartyOrigin}/_net/`) : body);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  const thirdParty = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (network(path, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  for (const srv of [server, thirdParty]) {
    srv.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
  }
  await new Promise<void>((ok) => thirdParty.listen(0, '127.0.0.1', ok));
  thirdPartyOrigin = `http://localhost:${(thirdParty.address() as AddressInfo).port}`;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        thirdParty.close();
        server.close(() => ok());
      }),
  };
}
