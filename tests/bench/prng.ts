// Seeded pseudo-random numbers for the benchmark corpus: independent streams keyed by (seed, parts…),
// so any story can be regenerated on its own, in any order, with the same result.

/** A source of uniform floats in [0, 1). */
export type Rng = () => number;

/** mulberry32: a tiny 32-bit generator, plenty for shuffling text (not for cryptography). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state). The keyed streams use it
 * rather than mulberry32: mulberry32's whole state is one 32-bit counter, so every stream is a window
 * on the same 2^32-long cycle, and among a million story streams of ~1,000 draws thousands of pairs
 * overlap and print the same sentences (seen: two "unrelated" stories of a 20k corpus sharing two
 * paragraphs word for word).
 */
export function sfc32(a: number, b: number, c: number, d: number): Rng {
  a >>>= 0;
  b >>>= 0;
  c >>>= 0;
  d >>>= 0;
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

/** Mixes integers into one well-spread 32-bit seed (murmur3-style finalizer after each part). */
export function mixSeed(...parts: number[]): number {
  let h = 0x2545f491;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x9e3779b1);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    // Numbers above 2^32 (story indices never are, but be safe) keep their high part too.
    if (p > 0xffffffff) h ^= Math.floor(p / 4294967296);
  }
  return h >>> 0;
}

/** An independent stream for one (seed, parts…) key: 128 bits of state from four salted mixes. */
export function rngFor(...parts: number[]): Rng {
  const rng = sfc32(mixSeed(1, ...parts), mixSeed(2, ...parts), mixSeed(3, ...parts), mixSeed(4, ...parts));
  // The first outputs of sfc32 still echo the seed words: discard them, as its author advises.
  for (let i = 0; i < 12; i++) rng();
  return rng;
}

/** Integer in [0, n). */
export function pickIndex(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/** Index drawn with the given relative weights. */
export function pickWeighted(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** Fisher–Yates shuffle in place. */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
