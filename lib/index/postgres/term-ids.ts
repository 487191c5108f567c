// Term postings by term id (lib/index/term-id.ts) on PostgreSQL, for the team server, which is sent
// ids and never the page's terms. Rows hold terms as text, bucketed by the top bits of the term's
// FNV-1a hash; an id's top 32 bits are that hash through the murmur3 finalizer, which is a
// bijection, so the id names its bucket. The bucket's terms are read, hashed to ids, and the ones
// asked for are looked up as terms.
import { termId, termRowHash } from '../term-id';
import type { TermPostings } from '../types';
import type { PostgresBackend } from './backend';
import { rows } from './db';

/** Modular inverse of an odd 32-bit number (Newton's iteration: each step doubles the bits right). */
function inverse32(a: number): number {
  let x = a;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(a, x));
  return x >>> 0;
}
const INV_C1 = inverse32(0x85ebca6b);
const INV_C2 = inverse32(0xc2b2ae35);

/** The inverse of lib/text/hash.ts fmix32. */
export function unfmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, INV_C2);
  h ^= (h >>> 13) ^ (h >>> 26);
  h = Math.imul(h, INV_C1);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The bucket (as termBucket gives it) of the term behind a term id. */
export function bucketOfTermId(id: number, bits: number): number {
  return unfmix32(termRowHash(id)) >>> (32 - bits);
}

export async function termPostingsById(backend: PostgresBackend, ids: number[]): Promise<Map<number, TermPostings>> {
  const out = new Map<number, TermPostings>();
  if (ids.length === 0) return out;
  const wanted = new Set(ids);
  const buckets = [...new Set(ids.map((id) => bucketOfTermId(id, backend.termBucketBits)))];
  const names = await rows<{ term: string }>(backend.pool, 'SELECT DISTINCT term FROM term_postings WHERE bucket = ANY($1::int4[])', [buckets]);
  const terms = names.map((r) => r.term).filter((t) => wanted.has(termId(t)));
  for (const [t, p] of await backend.termPostings(terms)) {
    const id = termId(t);
    const had = out.get(id);
    // Two terms sharing an id (odds ~n²/2^53): their postings merge, as in the IndexedDB rows.
    out.set(id, had ? { df: had.df + p.df, keys: [...had.keys, ...p.keys], weights: [...had.weights, ...p.weights] } : p);
  }
  return out;
}
