// Reprint clusters of a corpus: stories joined by duplicate verdicts (reprints, syndicated copies,
// light rewrites; never a story that only quotes another), each cluster with its origin and every
// copy's likely parent. Pure: the caller feeds the duplicate pairs it found (one index look-up per
// story, lib/cli/clusters-command.ts) and then the members' texts, one cluster at a time.
import { chainShares } from './chain-shares';
import { propagationTree } from './propagation';

/** Union-find over story numbers 0..n-1, grown as stories are seen. */
export class DuplicateGroups {
  private parent: number[] = [];
  private size: number[] = [];

  private ensure(i: number) {
    while (this.parent.length <= i) {
      this.parent.push(this.parent.length);
      this.size.push(1);
    }
  }

  find(i: number): number {
    this.ensure(i);
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r];
    // Path halving keeps later look-ups short.
    while (this.parent[i] !== r) {
      const next = this.parent[i];
      this.parent[i] = r;
      i = next;
    }
    return r;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra] < this.size[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
  }

  /** Groups of two or more, each in ascending member order, ordered by their first member. */
  groups(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.parent.length; i++) {
      const r = this.find(i);
      if (this.size[r] < 2) continue;
      let g = byRoot.get(r);
      if (!g) byRoot.set(r, (g = []));
      g.push(i);
    }
    return [...byRoot.values()];
  }
}

/** A cluster member as the caller read it. */
export interface ClusterStory {
  id: string;
  title: string;
  source?: string;
  /** ISO 8601 publication time, when known. */
  published?: string;
  text: string;
  words?: number;
}

export interface ClusterMemberOut {
  id: string;
  title: string;
  source: string | null;
  /** ISO 8601, null when unknown. */
  date: string | null;
  /** The member this one was most likely copied from; null for the origin and whenever the
   *  evidence does not say (see propagationTree). */
  parent: string | null;
  /** Share of this story's words in passages shared with its parent, as `check` reports it (null
   *  without a parent, or when the index paired them only through others). */
  pageShare: number | null;
  /** Share of the parent's words in those passages. */
  storyShare: number | null;
}

export interface ClusterOut {
  cluster: number;
  origin: string | null;
  /** Earliest first; a parent before its children. */
  stories: ClusterMemberOut[];
}

/**
 * One cluster's line: its propagation tree over word-trigram shares of the members' texts
 * (chain-shares.ts); `edgeShares(child, parent)` gives the passage shares the index reported for
 * that pair ([child's share, parent's share]), if it did.
 */
export function clusterOut(
  n: number,
  stories: readonly ClusterStory[],
  edgeShares: (child: string, parent: string) => [number, number] | undefined,
  pairs?: readonly [string, string][],
): ClusterOut {
  const tree = propagationTree(
    stories.map((s) => ({ id: s.id, date: s.published ?? null, words: s.words })),
    chainShares(stories, pairs),
  );
  const byId = new Map(stories.map((s) => [s.id, s]));
  return {
    cluster: n,
    origin: tree.origin,
    stories: tree.nodes.map(({ id, parent }) => {
      const s = byId.get(id)!;
      const shares = parent ? edgeShares(id, parent) : undefined;
      return {
        id,
        title: s.title,
        source: s.source ?? null,
        date: s.published ?? null,
        parent,
        pageShare: shares ? shares[0] : null,
        storyShare: shares ? shares[1] : null,
      };
    }),
  };
}

export const CLUSTER_CSV_COLUMNS = ['cluster', 'origin', 'id', 'title', 'source', 'date', 'parent', 'page_share', 'story_share'] as const;

/** A cluster's CSV rows, one per story, in CLUSTER_CSV_COLUMNS order. */
export function clusterRows(c: ClusterOut): (string | number | null)[][] {
  return c.stories.map((s) => [c.cluster, c.origin, s.id, s.title, s.source, s.date, s.parent, s.pageShare, s.storyShare]);
}
