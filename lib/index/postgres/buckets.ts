// Which bucket a fingerprint or a term falls in: the top bits of its 32-bit hash. Buckets are the
// rows' unit of packing and the sharding key of a distributed cluster; their number is fixed when
// the database is created (index_meta) and a change of it is a migration that rewrites the rows.

/** Bucket of a fingerprint hash (uint32). */
export function fingerprintBucket(hash: number, bits: number): number {
  return hash >>> (32 - bits);
}

/** Bucket of a key term: FNV-1a over its UTF-16 code units, top bits. */
export function termBucket(term: string, bits: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) >>> (32 - bits);
}

/** A uint32 hash as PostgreSQL's signed int4, and back. */
export const toInt4 = (h: number) => h | 0;
export const fromInt4 = (h: number) => h >>> 0;
