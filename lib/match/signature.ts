// MinHash signatures: a compact whole-story fingerprint whose agreement estimates resemblance
// (Jaccard similarity of the shingle sets) between two stories.
import { fmix32 } from '../text/hash';
import { SIGNATURE_SIZE } from './params';

const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => fmix32(0x5bd1e995 + i * 0x9e3779b9));

/** One minimum per seeded hash permutation over the shingle hashes. */
export function minhashSignature(shingles: Uint32Array): number[] {
  const sig = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  for (let i = 0; i < shingles.length; i++) {
    const x = shingles[i];
    for (let p = 0; p < SIGNATURE_SIZE; p++) {
      const h = fmix32(x ^ SEEDS[p]);
      if (h < sig[p]) sig[p] = h;
    }
  }
  return sig;
}

/** Estimated resemblance (0..1): the share of permutations whose minima agree. */
export function signatureResemblance(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / a.length;
}
