// Word-shingle hashing and winnowing: the fingerprints stored in the index and looked up per page.
import { fmix32, hashString } from '../text/hash';
import { SHINGLE_WORDS, WINDOW } from './params';

/** 32-bit hash of each normalized word. */
export function hashWords(words: readonly string[]): Uint32Array {
  const out = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = hashString(words[i]);
  return out;
}

/** Hash of every run of `k` consecutive words: shingle i covers words i..i+k-1. */
export function shingleHashes(wordHashes: Uint32Array, k = SHINGLE_WORDS): Uint32Array {
  const n = wordHashes.length - k + 1;
  if (n <= 0) return new Uint32Array(0);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x9e3779b9;
    for (let j = 0; j < k; j++) h = fmix32(Math.imul(h ^ wordHashes[i + j], 0x01000193));
    out[i] = h;
  }
  return out;
}

/** A selected fingerprint: its hash and the index of its shingle (= its first word). */
export interface Fingerprint {
  hash: number;
  pos: number;
}

/**
 * Winnowing (Schleimer, Wilkerson & Aiken 2003): in every window of `w` consecutive shingles keep
 * the minimum hash (rightmost on ties). Any run of w + k - 1 shared words shares a fingerprint.
 */
export function winnow(shingles: Uint32Array, w = WINDOW): Fingerprint[] {
  const out: Fingerprint[] = [];
  const n = shingles.length;
  if (n === 0) return out;
  if (n <= w) {
    let m = 0;
    for (let i = 1; i < n; i++) if (shingles[i] <= shingles[m]) m = i;
    out.push({ hash: shingles[m], pos: m });
    return out;
  }
  let last = -1;
  for (let s = 0; s + w <= n; s++) {
    let m = s;
    for (let i = s + 1; i < s + w; i++) if (shingles[i] <= shingles[m]) m = i;
    if (m !== last) {
      out.push({ hash: shingles[m], pos: m });
      last = m;
    }
  }
  return out;
}

/** Unique fingerprint hashes of a word sequence, ascending (what the index stores per story). */
export function fingerprintSet(wordHashes: Uint32Array): number[] {
  const fps = winnow(shingleHashes(wordHashes));
  const set = new Uint32Array(fps.length);
  for (let i = 0; i < fps.length; i++) set[i] = fps[i].hash;
  set.sort();
  const out: number[] = [];
  for (let i = 0; i < set.length; i++) if (i === 0 || set[i] !== set[i - 1]) out.push(set[i]);
  return out;
}
