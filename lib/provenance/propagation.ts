// How a reprinted story spread: the origin of a cluster of copies and each copy's likely parent.
// One logic for `storytrace clusters` and the viewer's propagation tree.
import { compareDates } from './date-order';

/** One story of a reprint cluster. */
export interface ChainMember {
  id: string;
  /** ISO 8601 publication time; absent or null when unknown. */
  date?: string | null;
  /** Words of the story, when known: on a tie of dates the longer text comes first (copies trim
   *  more often than they add). */
  words?: number;
}

/** What two members share, each side's share of its own words lying in shared passages (0..1). */
export interface ChainShare {
  a: string;
  b: string;
  aShare: number;
  bShare: number;
}

export interface PropagationNode {
  id: string;
  /** The member this one was most likely copied from; null for the origin and for a member that
   *  shares nothing with any earlier one. */
  parent: string | null;
}

export interface PropagationTree {
  /** The earliest dated member; null when no member is dated (an origin is never guessed). */
  origin: string | null;
  /** Every member once, earliest first (dated ones, then undated as given); a parent always comes
   *  before its children. */
  nodes: PropagationNode[];
}

/** Shares this close to the best count as equal: the earliest of them is the parent. */
const SHARE_TIE = 0.02;

/**
 * The propagation tree of a cluster. Members are ordered earliest first (dated before undated; on
 * equal dates the longer first, then as given). A member's parent is the member it shares the most
 * with, counting both directions (how much of the copy lies in the candidate and how much of the
 * candidate the copy kept): a copy of a lightly edited copy carries that copy's edits and shares
 * more with it than with the origin; a copy of a trimmed copy keeps all of the trimmed text but not
 * all of the origin. Near ties go to the earliest candidate.
 *
 * A dated member's parent is an earlier dated member. An undated member has no place in time, so
 * only the text speaks: its parent is the earliest dated member among those it shares the most with
 * (near ties included); when an undated member alone shares the most with it (they carry edits no
 * dated member has), which of them copied which is unknown and the parent stays null. No member is
 * dated: no origin and no parents.
 */
export function propagationTree(members: readonly ChainMember[], shares: readonly ChainShare[]): PropagationTree {
  const order = members
    .map((m, i) => ({ m, i }))
    .sort((x, y) => compareDates(x.m.date, y.m.date) || (y.m.words ?? 0) - (x.m.words ?? 0) || x.i - y.i)
    .map((x) => x.m);
  const rank = new Map<string, number>();
  const dated = new Set<string>();
  for (const m of order) {
    if (rank.has(m.id)) continue;
    rank.set(m.id, rank.size);
    if (compareDates(m.date, null) < 0) dated.add(m.id);
  }
  // score.get(x).get(y) = x's share in y + y's share in x, both ways.
  const score = new Map<string, Map<string, number>>();
  const add = (x: string, y: string, s: number) => {
    let row = score.get(x);
    if (!row) score.set(x, (row = new Map()));
    row.set(y, Math.max(row.get(y) ?? 0, s));
  };
  for (const e of shares) {
    if (!rank.has(e.a) || !rank.has(e.b) || e.a === e.b) continue;
    const s = e.aShare + e.bShare;
    add(e.a, e.b, s);
    add(e.b, e.a, s);
  }
  const nodes: PropagationNode[] = [];
  for (const [id, r] of rank) {
    const row = score.get(id);
    // A dated member looks at earlier dated members; an undated one at every other member.
    const candidates = row ? [...row].filter(([p]) => (dated.has(id) ? dated.has(p) && rank.get(p)! < r : true)) : [];
    let best = -Infinity;
    for (const [, s] of candidates) best = Math.max(best, s);
    let parent: string | null = null;
    let bestRank = Infinity;
    for (const [p, s] of candidates) {
      const pr = rank.get(p)!;
      if (s >= best - SHARE_TIE && dated.has(p) && pr < bestRank && best > 0) {
        bestRank = pr;
        parent = p;
      }
    }
    nodes.push({ id, parent });
  }
  const first = nodes[0];
  return { origin: first && dated.has(first.id) ? first.id : null, nodes };
}
