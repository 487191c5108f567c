// The baseline the engine must beat: MinHash-LSH near-duplicate detection over word 5-gram
// shingles (128 permutations, 32 bands of 4 rows), verified by estimated Jaccard.
import { fmix32 } from '../../lib/text/hash';
import { hashWords, shingleHashes } from '../../lib/match/fingerprint';
import { tokenize } from '../../lib/text/normalize';

const PERMS = 128;
const BANDS = 32;
const ROWS = PERMS / BANDS;
const SEEDS = Array.from({ length: PERMS }, (_, i) => fmix32(0x12345 + i * 0x9e3779b9));

function signature(text: string): Uint32Array {
  const sh = shingleHashes(hashWords(tokenize(text).words));
  const sig = new Uint32Array(PERMS).fill(0xffffffff);
  for (const x of sh)
    for (let p = 0; p < PERMS; p++) {
      const h = fmix32(x ^ SEEDS[p]);
      if (h < sig[p]) sig[p] = h;
    }
  return sig;
}

export class MinHashLsh {
  private sigs = new Map<string, Uint32Array>();
  private buckets = new Map<string, string[]>();

  add(id: string, text: string): void {
    const sig = signature(text);
    this.sigs.set(id, sig);
    for (let b = 0; b < BANDS; b++) {
      const key = b + ':' + Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(',');
      const list = this.buckets.get(key);
      if (list) list.push(id);
      else this.buckets.set(key, [id]);
    }
  }

  /** Corpus ids whose estimated Jaccard with `text` is at least `threshold`. */
  query(text: string, threshold: number): string[] {
    const sig = signature(text);
    const candidates = new Set<string>();
    for (let b = 0; b < BANDS; b++) {
      const key = b + ':' + Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(',');
      for (const id of this.buckets.get(key) ?? []) candidates.add(id);
    }
    const out: string[] = [];
    for (const id of candidates) {
      const other = this.sigs.get(id)!;
      let same = 0;
      for (let p = 0; p < PERMS; p++) if (sig[p] === other[p]) same++;
      if (same / PERMS >= threshold) out.push(id);
    }
    return out;
  }
}
