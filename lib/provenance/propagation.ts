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
  /** The earliest member (a dated one whenever any member is dated); null for no members. */
  origin: string | null;
  /** Every member once, earliest first; a parent always comes before its children. */
  nodes: PropagationNode[];
}

/** Shares this close to the best count as equal: the earliest of them is the parent. */
const SHARE_TIE = 0.02;

/**
 * The propagation tree of a cluster. Members are ordered earliest first (dated before undated; on
 * equal dates the longer first, then as given). A member's parent is the earlier member it shares
 * the most with, counting both directions (how much of the copy lies in the candidate and how much
 * of the candidate the copy kept): a copy of a lightly edited copy carries that copy's edits and
 * shares more with it than with the origin; a copy of a trimmed copy keeps all of the trimmed text
 * but not all of the origin. Near ties go to the earliest candidate.
 */
export function propagationTree(members: readonly ChainMember[], shares: readonly ChainShare[]): PropagationTree {
  const order = members
    .map((m, i) => ({ m, i }))
    .sort((x, y) => compareDates(x.m.date, y.m.date) || (y.m.words ?? 0) - (x.m.words ?? 0) || x.i - y.i)
    .map((x) => x.m.id);
  const rank = new Map<string, number>();
  for (const id of order) if (!rank.has(id)) rank.set(id, rank.size);
  // score.get(child).get(candidate parent) = child's share + candidate's share.
  const score = new Map<string, Map<string, number>>();
  const add = (child: string, parent: string, s: number) => {
    let row = score.get(child);
    if (!row) score.set(child, (row = new Map()));
    row.set(parent, Math.max(row.get(parent) ?? 0, s));
  };
  for (const e of shares) {
    const ra = rank.get(e.a);
    const rb = rank.get(e.b);
    if (ra === undefined || rb === undefined || ra === rb) continue;
    const s = e.aShare + e.bShare;
    if (ra > rb) add(e.a, e.b, s);
    else add(e.b, e.a, s);
  }
  const nodes: PropagationNode[] = [];
  for (const id of rank.keys()) {
    const row = score.get(id);
    let parent: string | null = null;
    if (row) {
      let best = -Infinity;
      for (const s of row.values()) best = Math.max(best, s);
      let bestRank = Infinity;
      for (const [p, s] of row) {
        const r = rank.get(p)!;
        if (s >= best - SHARE_TIE && r < bestRank) {
          bestRank = r;
          parent = p;
        }
      }
    }
    nodes.push({ id, parent });
  }
  return { origin: nodes[0]?.id ?? null, nodes };
}
