// The team server over a real index: a check through the server gives exactly the local check's
// answer while sending only hashes; tokens, limits and hostile requests are refused cleanly and the
// server keeps serving; hostile corpus files through the import endpoint end in stories or problems,
// nothing doubled; many concurrent checks agree with one alone; close lets requests finish.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageChecker, StoryIndex } from '../../../lib/index/story-index';
import type { IndexBackend, QueryResult } from '../../../lib/index/types';
import { TeamClient } from '../../../lib/server/team-client';
import { TeamSource } from '../../../lib/server/team-source';
import { testCorpus } from './corpus';
import { EXPIRED_TOKEN, raw, READ_TOKEN, startTeamServer, WRITE_TOKEN, type Running } from './harness';
import { teamBackend, type TeamBackend } from './team-backend';

const FORMATS = join(import.meta.dirname, '../../fixtures/formats');
const { stories, pages } = testCorpus(1200, 24);

const strip = (r: QueryResult) => ({ ...r, timings: undefined });

let db: TeamBackend;
let backend: IndexBackend;
let srv: Running;
let local: StoryIndex;

beforeAll(async () => {
  db = await teamBackend();
  backend = db.backend;
  local = new StoryIndex(backend);
  await local.addStories({ id: 'wire', name: 'wire' }, stories);
  srv = await startTeamServer(backend);
}, 240_000);

afterAll(async () => {
  await srv?.close();
  await db?.close();
});

describe('checks through the server', () => {
  it('answer exactly what a local check of the same index answers, sending only numbers', async () => {
    const sent: string[] = [];
    const spy: typeof fetch = (input, init) => {
      if (typeof init?.body === 'string') sent.push(init.body);
      return fetch(input, init);
    };
    const remote = new PageChecker(new TeamSource(new TeamClient({ url: srv.url, token: READ_TOKEN, fetch: spy })));
    let found = 0;
    for (const page of pages) {
      const [a, b] = await Promise.all([local.query(page), remote.query(page)]);
      expect(strip(b)).toEqual(strip(a));
      found += a.duplicates.length + a.partial.length + a.related.length;
    }
    // The pages reprint, rewrite and quote corpus stories: the comparison is not of empty answers.
    expect(found).toBeGreaterThan(pages.length);
    // What left the client: fingerprint hashes, term ids with weights, story keys. No word of a page.
    for (const body of sent) {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      expect(Object.keys(parsed).every((k) => ['fingerprints', 'terms', 'exclude'].includes(k))).toBe(true);
      expect(JSON.stringify(parsed)).toMatch(/^[{}[\]",:0-9.a-z]*$/);
      expect(body).not.toMatch(/"(?!fingerprints|terms|exclude)[a-z]/i);
    }
    const words = new Set(pages.flatMap((p) => p.text.toLowerCase().match(/[a-z]{4,}/g) ?? []));
    for (const body of sent) for (const token of body.match(/[a-z]{4,}/gi) ?? []) expect(['fingerprints', 'terms', 'exclude'].includes(token) || !words.has(token)).toBe(true);
  }, 120_000);

  it('staged checks give the same reuse first, then the same whole answer', async () => {
    const remote = new PageChecker(new TeamSource(srv.client()));
    for (const page of pages.slice(0, 6)) {
      const l = local.queryStaged(page);
      const r = remote.queryStaged(page);
      expect(strip(await r.reuse)).toEqual(strip(await l.reuse));
      expect(strip(await r.full)).toEqual(strip(await l.full));
    }
  });

  it('many concurrent checks each get the answer a lone check gets', async () => {
    const remote = new PageChecker(new TeamSource(srv.client()));
    const alone = await Promise.all(pages.slice(0, 8).map((p) => local.query(p)));
    const together = await Promise.all(Array.from({ length: 64 }, (_, i) => remote.query(pages[i % 8])));
    together.forEach((r, i) => expect(strip(r)).toEqual(strip(alone[i % 8])));
  }, 120_000);

  it('serves story text, collections and health', async () => {
    const c = srv.client();
    const s = await c.story(stories[3].id);
    expect(s.text).toBe(stories[3].text);
    await expect(c.story('no-such-story')).rejects.toMatchObject({ kind: 'server', status: 404 });
    const cols = await c.collections();
    expect(cols.find((x) => x.id === 'wire')?.stories).toBe(stories.length);
    const h = await raw(srv.url, '/v1/health');
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ ok: true, db: 'ok' });
  });
});

describe('tokens', () => {
  it('refuses a missing, wrong or expired token with 401, and a reader on import with 403', async () => {
    const body = JSON.stringify({ fingerprints: [1, 2, 3] });
    const post = { method: 'POST', body, headers: { 'content-type': 'application/json' } };
    expect((await raw(srv.url, '/v1/check/reuse', post)).status).toBe(401);
    const wrong = await raw(srv.url, '/v1/check/reuse', { ...post, token: READ_TOKEN.replace(/.$/, 'X') });
    expect(wrong.status).toBe(401);
    expect(wrong.body?.error).toMatch(/not known/);
    const expired = await raw(srv.url, '/v1/check/reuse', { ...post, token: EXPIRED_TOKEN });
    expect(expired.status).toBe(401);
    expect(expired.body?.error).toMatch(/expired/);
    expect((await raw(srv.url, '/v1/import?collection=x', { method: 'POST', body: 'x', token: READ_TOKEN })).status).toBe(403);
    await expect(new TeamClient({ url: srv.url, token: EXPIRED_TOKEN }).collections()).rejects.toMatchObject({ kind: 'token' });
    // A refused request leaves nothing written.
    expect((await backend.listCollections()).map((c) => c.id)).not.toContain('x');
  });

  it('limits each analyst to its rate, with Retry-After', async () => {
    const limited = await startTeamServer(backend, backend, { rate: { perSecond: 1, burst: 3 } });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await raw(limited.url, '/v1/collections', { token: READ_TOKEN })).status);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const r = await raw(limited.url, '/v1/collections', { token: READ_TOKEN });
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Another analyst has its own bucket.
      expect((await raw(limited.url, '/v1/collections', { token: WRITE_TOKEN })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('hostile requests', () => {
  const post = (path: string, body: BodyInit, extra: Record<string, string> = {}) =>
    raw(srv.url, path, { method: 'POST', body, token: READ_TOKEN, headers: { 'content-type': 'application/json', ...extra } });

  it('answers malformed bodies 400 with a reason, oversize ones 413, unknown routes 404', async () => {
    const cases: [BodyInit, number, RegExp][] = [
      ['{"fingerprints": [1, 2', 400, /not JSON/],
      [new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 400, /not JSON/],
      ['[]', 400, /JSON object/],
      ['{"fingerprints": "1,2"}', 400, /array/],
      ['{"fingerprints": [-1]}', 400, /32-bit/],
      ['{"fingerprints": [1.5]}', 400, /32-bit/],
      ['{"fingerprints": [4294967296]}', 400, /32-bit/],
      ['{"fingerprints": [1], "text": "the page"}', 400, /unknown field/],
      ['{"fingerprints": [1], "exclude": [{}]}', 400, /story ids/],
      [JSON.stringify({ fingerprints: Array.from({ length: 5000 }, (_, i) => i) }), 400, /at most/],
      [JSON.stringify({ fingerprints: [1], pad: 'x'.repeat(100_000) }), 413, /larger/],
      ['{"__proto__": {"x": 1}, "fingerprints": [1]}', 400, /unknown field/],
    ];
    for (const [body, status, msg] of cases) {
      const r = await post('/v1/check/reuse', body);
      expect([r.status, r.body?.error]).toEqual([status, expect.stringMatching(msg)]);
    }
    for (const body of ['{"terms": [[1]]}', '{"terms": [[1, "x"]]}', '{"terms": [[1, 1]], "exclude": ["a"]}', '{"terms": [[-5, 1]]}']) expect((await post('/v1/check/related', body)).status).toBe(400);
    expect((await raw(srv.url, '/v1/nothing', { token: READ_TOKEN })).status).toBe(404);
    expect((await raw(srv.url, '/v1/check/reuse', { token: READ_TOKEN })).status).toBe(404);
    expect((await raw(srv.url, `/v1/stories/${'%E0%A4%A'}`, { token: READ_TOKEN })).status).toBe(400);
    expect((await raw(srv.url, `/v1/stories/${'x'.repeat(600)}`, { token: READ_TOKEN })).status).toBe(400);
    // Still serving.
    expect((await raw(srv.url, '/v1/health')).status).toBe(200);
  });

  it('imports every hostile corpus file of the importer tests into stories or problems, idempotently', async () => {
    const files = readdirSync(FORMATS).filter((f) => !f.endsWith('.ts'));
    const bomb = zipSync({ 'bomb.txt': new Uint8Array(64 * 1024 * 1024) }, { level: 9 });
    const uploads: [string, Uint8Array][] = [...files.map((f): [string, Uint8Array] => [f, new Uint8Array(readFileSync(join(FORMATS, f)))]), ['bomb.zip', bomb]];
    const before = await backend.storyCount();
    let added = 0;
    for (const [name, bytes] of uploads) {
      const r = await raw(srv.url, `/v1/import?collection=hostile&file=${encodeURIComponent(name)}`, { method: 'POST', body: new Blob([bytes as Uint8Array<ArrayBuffer>]), token: WRITE_TOKEN });
      expect(r.status, name).toBe(200);
      const b = r.body as { added: number; alreadyPresent: number; problems: unknown[] };
      expect(b.added + b.alreadyPresent > 0 || b.problems.length > 0, name).toBe(true);
      added += b.added;
    }
    expect(added).toBeGreaterThan(0);
    expect(await backend.storyCount()).toBe(before + added);
    // Again: every story is already there, none doubled.
    for (const [name, bytes] of uploads) {
      const r = await raw(srv.url, `/v1/import?collection=hostile&file=${encodeURIComponent(name)}`, { method: 'POST', body: new Blob([bytes as Uint8Array<ArrayBuffer>]), token: WRITE_TOKEN });
      expect((r.body as { added: number }).added, name).toBe(0);
    }
    expect(await backend.storyCount()).toBe(before + added);
    const col = (await backend.listCollections()).find((c) => c.id === 'hostile');
    expect(col?.stories).toBe(added);
    const r = await raw(srv.url, '/v1/import?collection=hostile&file=big.txt', { method: 'POST', body: new Uint8Array(40 * 1024 * 1024), token: WRITE_TOKEN });
    expect(r.status).toBe(413);
  }, 120_000);

  it('logs one JSON line per request, with route, status and analyst but no body', async () => {
    await post('/v1/check/reuse', JSON.stringify({ fingerprints: [123456789] }));
    const line = srv.logs.filter((l) => l.msg === 'request' && l.route === 'POST /v1/check/reuse').at(-1)!;
    expect(line).toMatchObject({ level: 'info', status: 200, analyst: 'reader' });
    expect(typeof line.ms).toBe('number');
    expect(JSON.stringify(srv.logs)).not.toContain('123456789');
  });
});

describe('shutdown', () => {
  it('lets a request under way finish (an import is not cut), then refuses new connections', async () => {
    const own = await startTeamServer(backend);
    const big = stories.slice(0, 600).map((s, i) => JSON.stringify({ ...s, id: `late-${i}` })).join('\n');
    const pending = raw(own.url, '/v1/import?collection=late&file=late.jsonl', { method: 'POST', body: big, token: WRITE_TOKEN });
    await new Promise((ok) => setTimeout(ok, 300));
    const closing = own.team.close(60_000);
    const r = await pending;
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ added: 600 });
    await closing;
    expect((await backend.listCollections()).find((c) => c.id === 'late')?.stories).toBe(600);
    await expect(own.client().collections()).rejects.toMatchObject({ kind: 'unreachable' });
  });
});
