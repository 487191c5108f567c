// The team API's bodies under /v1/, shared by the server (lib/server/routes.ts) and its clients
// (lib/server/team-client.ts), with the validation every request body passes: a body is hostile
// until these say otherwise. What a check sends is only hashes (see README, "Team index").
import type { CollectionInfo, StoryRef } from '../index/types';
import { MAX_QUERY_FINGERPRINTS, QUERY_TERMS } from '../match/params';

export const API_VERSION = 'v1';

/** POST /v1/check/reuse: the page's unique winnowed fingerprint hashes (uint32). */
export interface ReuseRequest {
  fingerprints: number[];
  /** Story ids never to report (QueryOptions.excludeIds). */
  exclude?: string[];
}

/** A candidate story's ref, key and text (story-side data: the analyst may read the corpus). */
export interface WireCandidate extends StoryRef {
  key: number;
  text: string;
}

export interface ReuseResponse {
  corpusSize: number;
  excluded: number[];
  /** The request's hashes that are boilerplate in the team corpus. */
  boilerplate: number[];
  stories: WireCandidate[];
}

/** POST /v1/check/related: the page's query terms as term ids (lib/index/term-id.ts) with weights. */
export interface RelatedRequest {
  terms: [id: number, weight: number][];
  /** Story keys never to report (the reuse matches and excluded ids of the same check). */
  exclude?: number[];
}

export interface WireTermsStory extends StoryRef {
  key: number;
  terms: [string, number][];
}

export interface RelatedResponse {
  corpusSize: number;
  /** Document frequency of each requested term id found. */
  df: [id: number, df: number][];
  stories: WireTermsStory[];
}

/** GET /v1/stories/{id}: a story as the viewer shows it. */
export interface StoryResponse extends StoryRef {
  text: string;
}

export interface CollectionsResponse {
  collections: CollectionInfo[];
}

/** POST /v1/import?collection=NAME&file=FILENAME, the body a corpus file in any import format. */
export interface ImportResponse {
  collection: string;
  added: number;
  alreadyPresent: number;
  problems: { file: string; line?: number; record?: number; reason: string }[];
}

export interface HealthResponse {
  ok: boolean;
  db: 'ok' | 'unavailable';
  readDb?: 'ok' | 'unavailable';
  version: string;
}

/** Every error body. */
export interface ErrorResponse {
  error: string;
}

/** Room above the extension's own bounds, for pages checked with a wider window by other clients. */
export const MAX_FINGERPRINTS = MAX_QUERY_FINGERPRINTS * 4;
export const MAX_TERMS = QUERY_TERMS * 4;
export const MAX_EXCLUDE = 1000;
const MAX_ID_CHARS = 512;

/** A validation failure, answered 400 with its message. */
export class BadRequest extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUint32 = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
const isKey = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function onlyFields(body: Record<string, unknown>, allowed: string[]): void {
  for (const k of Object.keys(body)) if (!allowed.includes(k)) throw new BadRequest(`unknown field "${k.slice(0, 40)}"`);
}

function list(body: Record<string, unknown>, field: string, max: number, required: boolean): unknown[] {
  const v = body[field];
  if (v === undefined && !required) return [];
  if (!Array.isArray(v)) throw new BadRequest(`"${field}" must be an array`);
  if (v.length > max) throw new BadRequest(`"${field}" holds ${v.length} items, at most ${max} allowed`);
  return v;
}

export function parseReuseRequest(body: unknown): ReuseRequest {
  if (!isRecord(body)) throw new BadRequest('the body must be a JSON object');
  onlyFields(body, ['fingerprints', 'exclude']);
  const fingerprints = list(body, 'fingerprints', MAX_FINGERPRINTS, true);
  if (!fingerprints.every(isUint32)) throw new BadRequest('"fingerprints" must hold unsigned 32-bit integers');
  const exclude = list(body, 'exclude', MAX_EXCLUDE, false);
  if (!exclude.every((x) => typeof x === 'string' && x.length > 0 && x.length <= MAX_ID_CHARS))
    throw new BadRequest('"exclude" must hold story ids');
  return { fingerprints: [...new Set(fingerprints as number[])], exclude: exclude as string[] };
}

export function parseRelatedRequest(body: unknown): RelatedRequest {
  if (!isRecord(body)) throw new BadRequest('the body must be a JSON object');
  onlyFields(body, ['terms', 'exclude']);
  const terms = list(body, 'terms', MAX_TERMS, true);
  const ok = terms.every((t) => Array.isArray(t) && t.length === 2 && isKey(t[0]) && typeof t[1] === 'number' && Number.isFinite(t[1]) && t[1] >= 0);
  if (!ok) throw new BadRequest('"terms" must hold [term id, weight] pairs');
  const exclude = list(body, 'exclude', MAX_EXCLUDE, false);
  if (!exclude.every(isKey)) throw new BadRequest('"exclude" must hold story keys');
  return { terms: terms as [number, number][], exclude: exclude as number[] };
}

/** A story id in a path: bounded, and any character allowed (ids come from imported files). */
export function parseStoryId(raw: string): string {
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    throw new BadRequest('the story id is not valid percent-encoding');
  }
  if (id.length === 0 || id.length > MAX_ID_CHARS) throw new BadRequest('the story id is empty or too long');
  return id;
}

/** A collection name for an import: printable, bounded. */
export function parseCollectionName(raw: string | null): string {
  const name = (raw ?? '').trim();
  if (!name) throw new BadRequest('the import needs ?collection=NAME');
  if (name.length > 200 || /[\u0000-\u001f\u007f]/.test(name)) throw new BadRequest('the collection name is too long or holds control characters');
  return name;
}
