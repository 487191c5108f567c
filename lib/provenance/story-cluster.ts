// The reprint cluster a stored story belongs to, for the viewer's propagation tree: the story and
// its duplicates in the corpus (one index look-up, as a page check makes), ordered into origin →
// copies → copies of copies by propagationTree over their word-trigram shares.
import type { StoryIndex } from '../index/story-index';
import { parseDate } from './dates';
import { chainShares } from './chain-shares';
import { propagationTree } from './propagation';

/** One member of the tree as the viewer draws it. */
export interface ClusterNode {
  id: string;
  title: string;
  source?: string;
  url?: string;
  /** ISO 8601, absent when unknown. */
  published?: string;
  /** The member it was most likely copied from (null: the origin, or not known). */
  parent: string | null;
}

export interface StoryCluster {
  /** The story asked about. */
  id: string;
  /** The earliest dated member; null when none is dated. */
  origin: string | null;
  /** Earliest first; a parent before its children. */
  nodes: ClusterNode[];
}

/** Most duplicates read into one tree: each costs a story read and a trigram set. */
export const MAX_CLUSTER_MEMBERS = 40;

/** The cluster of story `id`; null when the story is unknown. A story without duplicates is a
 *  cluster of one. */
export async function storyCluster(index: StoryIndex, id: string): Promise<StoryCluster | null> {
  const story = await index.backend.getStoryById(id);
  if (!story) return null;
  const r = await index.query({ text: story.text, title: story.title }, { excludeIds: [id], topRelated: 0, translations: false });
  const members = [story];
  for (const d of r.duplicates.slice(0, MAX_CLUSTER_MEMBERS)) {
    const s = await index.backend.getStoryById(d.id);
    if (s) members.push(s);
  }
  const published = new Map(members.map((m) => [m.id, m.published ?? parseDate(m.date)]));
  const tree = propagationTree(
    members.map((m) => ({ id: m.id, date: published.get(m.id) ?? null, words: m.words })),
    chainShares(members),
  );
  const byId = new Map(members.map((m) => [m.id, m]));
  return {
    id,
    origin: tree.origin,
    nodes: tree.nodes.map(({ id: nid, parent }) => {
      const m = byId.get(nid)!;
      const node: ClusterNode = { id: nid, title: m.title, parent };
      if (m.source) node.source = m.source;
      if (m.url) node.url = m.url;
      const p = published.get(nid);
      if (p) node.published = p;
      return node;
    }),
  };
}

/** A tree node with its depth, in drawing order (each member under its parent, depth first). */
export function treeRows(c: StoryCluster): { node: ClusterNode; depth: number }[] {
  const children = new Map<string | null, ClusterNode[]>();
  const ids = new Set(c.nodes.map((n) => n.id));
  for (const n of c.nodes) {
    // A parent outside the tree (never, but the message crossed a boundary) makes a root.
    const p = n.parent !== null && ids.has(n.parent) ? n.parent : null;
    const list = children.get(p) ?? [];
    list.push(n);
    children.set(p, list);
  }
  const out: { node: ClusterNode; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const n of children.get(parent) ?? []) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      out.push({ node: n, depth });
      walk(n.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
