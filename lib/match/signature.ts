// MinHash signatures: a compact whole-story fingerprint whose agreement estimates resemblance
// (Jaccard similarity of the shingle sets) between two stories.
import { fmix32 } from '../text/hash';
import { SIGNATURE_SIZE } from './params';

/**
 * One-permutation MinHash (Li, Owen & Zhang 2012): each shingle is hashed once and lands in one of
 * SIGNATURE_SIZE bins by its hash; each bin keeps its minimum. 32× cheaper than 32 permutations, the
 * same estimate for news-length texts (hundreds of shingles fill every bin). Empty bins stay
 * 0xffffffff and are skipped when comparing.
 */
export function minhashSignature(shingles: Uint32Array): number[] {
  const sig = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  for (let i = 0; i < shingles.length; i++) {
    const h = fmix32(shingles[i] ^ 0x5bd1e995);
    const bin = h % SIGNATURE_SIZE;
    if (h < sig[bin]) sig[bin] = h;
  }
  return sig;
}

/** Estimated resemblance (0..1): the share of permutations whose minima agree. */
export function signatureResemblance(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let same = 0;
  let used = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 0xffffffff && b[i] === 0xffffffff) continue;
    used++;
    if (a[i] === b[i]) same++;
  }
  return used ? same / used : 0;
}
