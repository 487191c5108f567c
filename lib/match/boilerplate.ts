// Boilerplate suppression at query time: fingerprints that recur across many otherwise unrelated
// corpus stories (site chrome, newsletter prompts, agency formulas) are evidence of nothing.
import { BOILERPLATE_MAX_RESEMBLANCE, HARD_BOILERPLATE_DF, HARD_BOILERPLATE_SHARE, SITE_BOILERPLATE_DF, SOFT_BOILERPLATE_DF } from './params';
import { signatureResemblance } from './signature';

/** Stories sampled per posting list when judging whether its passage is boilerplate. */
const SAMPLE = 6;

/**
 * Returns the fingerprint hashes to ignore. A hash held by very many stories is boilerplate
 * outright. One held by a few (≥ SOFT_BOILERPLATE_DF) is boilerplate when the stories holding it are
 * unlike each other: a syndicated story reprinted six times is six near-copies (keep), a footer on
 * six different stories is six strangers (ignore). A small site has only two or three stories in a
 * corpus, so a hash held by as few as SITE_BOILERPLATE_DF stories is boilerplate too when they are
 * strangers AND all come from one site (its chrome); strangers from different sites quoting the same
 * passage are reuse.
 */
export async function findBoilerplate(
  postings: Map<number, number[]>,
  corpusSize: number,
  signaturesOf: (keys: number[]) => Promise<Map<number, number[]>>,
  sitesOf: (keys: number[]) => Promise<Map<number, string | undefined>>,
): Promise<Set<number>> {
  const hard = Math.max(HARD_BOILERPLATE_DF, Math.ceil(corpusSize * HARD_BOILERPLATE_SHARE));
  const boiler = new Set<number>();
  // Hashes with the same holders belong to the same passage: judge each group once.
  const groups = new Map<string, { hashes: number[]; keys: number[]; sameSiteOnly: boolean }>();
  for (const [hash, keys] of postings) {
    if (keys.length > hard) boiler.add(hash);
    else if (keys.length >= SITE_BOILERPLATE_DF) {
      const sample = keys.slice(0, SAMPLE);
      const id = sample.join(',');
      const g = groups.get(id);
      if (g) g.hashes.push(hash);
      else groups.set(id, { hashes: [hash], keys: sample, sameSiteOnly: keys.length < SOFT_BOILERPLATE_DF });
    }
  }
  if (groups.size === 0) return boiler;
  const allKeys = [...new Set([...groups.values()].flatMap((g) => g.keys))];
  const siteKeys = [...new Set([...groups.values()].filter((g) => g.sameSiteOnly).flatMap((g) => g.keys))];
  const [sigs, sites] = await Promise.all([signaturesOf(allKeys), siteKeys.length ? sitesOf(siteKeys) : Promise.resolve(new Map<number, string | undefined>())]);
  for (const g of groups.values()) {
    if (g.sameSiteOnly) {
      const site = sites.get(g.keys[0]);
      if (site === undefined || !g.keys.every((k) => sites.get(k) === site)) continue;
    }
    const present = g.keys.map((k) => sigs.get(k)).filter((s): s is number[] => !!s);
    let sum = 0;
    let pairs = 0;
    for (let a = 0; a < present.length; a++)
      for (let b = a + 1; b < present.length; b++) {
        sum += signatureResemblance(present[a], present[b]);
        pairs++;
      }
    if (pairs > 0 && sum / pairs < BOILERPLATE_MAX_RESEMBLANCE) for (const h of g.hashes) boiler.add(h);
  }
  return boiler;
}
