// What the members of one reprint cluster share with each other, for choosing each copy's parent
// (propagation.ts). Word trigrams rather than the index's 8-word passages: a light rewrite (one
// word in eight changed) leaves few long runs, so passage shares of a rewrite and of a rewrite of
// it hardly differ, while trigrams still count every stretch a copy kept from its parent, and so
// every particular edit of that parent that it carries.
import { hashWords, shingleHashes } from '../match/fingerprint';
import { tokenize } from '../text/normalize';
import type { ChainShare } from './propagation';

/** Words per shingle: short enough to survive one changed word in eight, long enough that two
 *  unrelated texts share few. */
const SHARE_WORDS = 3;

/** A member's trigram set: built once per member, compared with every other. */
export function shareSet(text: string): Set<number> {
  return new Set(shingleHashes(hashWords(tokenize(text).words), SHARE_WORDS));
}

/** Each side's share of its own distinct trigrams found in the other (0..1). */
export function pairShare(a: Set<number>, b: Set<number>): { aShare: number; bShare: number } {
  if (a.size === 0 || b.size === 0) return { aShare: 0, bShare: 0 };
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const h of small) if (large.has(h)) common++;
  return { aShare: common / a.size, bShare: common / b.size };
}

/** Most members compared pair by pair; a larger cluster is compared over the given edges only. */
export const MAX_PAIRWISE = 300;

/**
 * The shares of every pair of members (each member's text given), or, for a cluster larger than
 * MAX_PAIRWISE, of the given `pairs` only (the duplicate edges that built the cluster): pair by pair
 * the cost grows with the square of the cluster.
 */
export function chainShares(
  members: readonly { id: string; text: string }[],
  pairs?: readonly [string, string][],
): ChainShare[] {
  const sets = new Map(members.map((m) => [m.id, shareSet(m.text)]));
  const out: ChainShare[] = [];
  const push = (a: string, b: string) => {
    const sa = sets.get(a);
    const sb = sets.get(b);
    if (!sa || !sb || a === b) return;
    const s = pairShare(sa, sb);
    if (s.aShare > 0 || s.bShare > 0) out.push({ a, b, ...s });
  };
  if (members.length <= MAX_PAIRWISE || !pairs) {
    for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) push(members[i].id, members[j].id);
  } else for (const [a, b] of pairs) push(a, b);
  return out;
}
