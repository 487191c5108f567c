// The team API's one handler map, keyed by "METHOD /path" (as the background's handler map is by
// message name): each handler is thin and calls lib/. Checks read from the read backend (a streaming
// replica with --read-db), imports write to the primary.
import { parseFile } from '../corpus/parse-file';
import { selectRelatedCandidates, selectReuseCandidates } from '../index/backend-source';
import type { IndexBackend, TermPostings } from '../index/types';
import { analyseStory } from '../match/analyse';
import type { Access } from './tokens';
import {
  BadRequest,
  parseCollectionName,
  parseRelatedRequest,
  parseReuseRequest,
  parseStoryId,
  type CollectionsResponse,
  type HealthResponse,
  type ImportResponse,
  type RelatedResponse,
  type ReuseResponse,
  type StoryResponse,
} from './wire';

export interface RouteDeps {
  /** Where imports go. */
  primary: IndexBackend;
  /** Where checks, stories and collections are read (the primary without --read-db). */
  read: IndexBackend;
  version: string;
}

/** What a handler gets: the parsed JSON body (or raw bytes for import), query and path parameter. */
export interface RouteRequest {
  body: unknown;
  bytes: Uint8Array;
  query: URLSearchParams;
  /** The path's last segment for routes ending in "/*". */
  param: string;
}

export interface RouteReply {
  status?: number;
  body: unknown;
}

export interface Route {
  /** Who may call it: anyone (health), read or write tokens. */
  access: 'public' | Access;
  /** Largest request body accepted, in bytes. */
  maxBody: number;
  /** 'json' bodies are parsed before the handler; 'raw' ones handed over as bytes. */
  body: 'none' | 'json' | 'raw';
  handle(req: RouteRequest): Promise<RouteReply>;
}

export type RouteKey = 'GET /v1/health' | 'POST /v1/check/reuse' | 'POST /v1/check/related' | 'GET /v1/stories/*' | 'GET /v1/collections' | 'POST /v1/import';

/** A check body: 1,800 hashes of at most 11 characters in JSON, with room. */
const CHECK_BODY = 64 * 1024;
/** Stories analysed between two yields of the event loop, so checks keep answering during an import. */
const IMPORT_CHUNK = 200;

export function createRoutes(deps: RouteDeps, limits: { maxImportBytes: number }): Record<RouteKey, Route> {
  const { primary, read } = deps;
  if (!read.termPostingsById) throw new Error('this index backend cannot look terms up by id (termPostingsById)');
  const termPostingsById = read.termPostingsById.bind(read);
  return {
    'GET /v1/health': {
      access: 'public',
      maxBody: 0,
      body: 'none',
      async handle() {
        const probe = (b: IndexBackend) => b.storyCount().then(() => 'ok' as const, () => 'unavailable' as const);
        const [db, readDb] = await Promise.all([probe(primary), read === primary ? undefined : probe(read)]);
        const body: HealthResponse = { ok: db === 'ok' && readDb !== 'unavailable', db, ...(readDb ? { readDb } : {}), version: deps.version };
        return { status: body.ok ? 200 : 503, body };
      },
    },
    'POST /v1/check/reuse': {
      access: 'read',
      maxBody: CHECK_BODY,
      body: 'json',
      async handle({ body }) {
        const q = parseReuseRequest(body);
        const c = await selectReuseCandidates(read, q.fingerprints, q.exclude ?? []);
        const out: ReuseResponse = { corpusSize: c.corpusSize, excluded: c.excluded, boilerplate: [...c.boilerplate], stories: c.stories };
        return { body: out };
      },
    },
    'POST /v1/check/related': {
      access: 'read',
      maxBody: CHECK_BODY,
      body: 'json',
      async handle({ body }) {
        const q = parseRelatedRequest(body);
        const r = await selectRelatedCandidates<number>(
          read,
          q.terms,
          termPostingsById(q.terms.map(([id]) => id)),
          Promise.resolve(new Set(q.exclude)),
        );
        const df = [...r.postings].map(([id, p]: [number, TermPostings]): [number, number] => [id, p.df]);
        const out: RelatedResponse = { corpusSize: r.corpusSize, df, stories: r.stories };
        return { body: out };
      },
    },
    'GET /v1/stories/*': {
      access: 'read',
      maxBody: 0,
      body: 'none',
      async handle({ param }) {
        const s = await read.getStoryById(parseStoryId(param));
        if (!s) return { status: 404, body: { error: 'no such story' } };
        const out: StoryResponse = { id: s.id, title: s.title, text: s.text, collection: s.collection };
        for (const k of ['url', 'source', 'date', 'published', 'author'] as const) if (s[k]) out[k] = s[k];
        return { body: out };
      },
    },
    'GET /v1/collections': {
      access: 'read',
      maxBody: 0,
      body: 'none',
      async handle() {
        const out: CollectionsResponse = { collections: await read.listCollections() };
        return { body: out };
      },
    },
    'POST /v1/import': {
      access: 'write',
      maxBody: limits.maxImportBytes,
      body: 'raw',
      async handle({ bytes, query }) {
        const name = parseCollectionName(query.get('collection'));
        const file = (query.get('file') ?? 'upload').slice(0, 200);
        // The parsers never throw and bound what they expand (zip bombs, nesting): whatever the file,
        // the answer is stories and problems.
        const parsed = parseFile(file, bytes, { maxBytes: limits.maxImportBytes });
        await primary.ensureCollection({ id: name, name });
        let added = 0;
        let alreadyPresent = 0;
        for (let i = 0; i < parsed.stories.length; i += IMPORT_CHUNK) {
          const batch = parsed.stories.slice(i, i + IMPORT_CHUNK).map(analyseStory);
          const r = await primary.putStories(name, batch);
          added += r.added;
          alreadyPresent += r.alreadyPresent;
          await new Promise((ok) => setImmediate(ok));
        }
        const problems = parsed.problems.slice(0, 100).map((p) => ({ ...p, reason: p.reason.slice(0, 500) }));
        const out: ImportResponse = { collection: name, added, alreadyPresent, problems };
        return { body: out };
      },
    },
  };
}

export { BadRequest };
