// 32-bit string and sequence hashes shared by ids, fingerprints and term keys.

/** FNV-1a over UTF-16 code units, finished with a murmur3 avalanche so low bits are usable. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** murmur3 finalizer: spreads every input bit over the whole word. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 64-bit hash as 16 hex digits, from two independent 32-bit passes (for content-derived ids). */
export function hashHex64(s: string): string {
  const a = hashString(s, 0x811c9dc5);
  const b = hashString(s, 0x9747b28c);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
