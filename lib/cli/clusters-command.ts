// `storytrace clusters --corpus PATH... [--format jsonl|csv]`: the corpus's own reuse, grouped into
// reprint clusters with each copy's likely parent (lib/provenance/clusters.ts). One index look-up
// per story finds its duplicates (the same candidate path a page check takes, never all pairs);
// the clusters are complete only once every story was looked up, then each is written as soon as
// its tree is worked out.
import { MemoryBackend } from '../index/memory/backend';
import { StoryIndex } from '../index/story-index';
import type { Sensitivity } from '../index/types';
import { CLUSTER_CSV_COLUMNS, clusterOut, clusterRows, DuplicateGroups, type ClusterStory } from '../provenance/clusters';
import { csvCell } from '../provenance/export';
import { loadCorpus } from './load-corpus';

export interface ClustersArgs {
  corpus: string[];
  format: 'jsonl' | 'csv';
  sensitivity: Sensitivity;
}

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

export function parseClustersArgs(args: string[], usage: (msg: string) => Error): ClustersArgs {
  const a: ClustersArgs = { corpus: [], format: 'jsonl', sensitivity: 'normal' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw usage(`${arg} needs a value`);
      return v;
    };
    if (arg === '--corpus') a.corpus.push(value());
    else if (arg === '--format') {
      const v = value();
      if (v !== 'jsonl' && v !== 'csv') throw usage('--format is jsonl or csv');
      a.format = v;
    } else if (arg === '--sensitivity') {
      const v = value();
      if (v !== 'strict' && v !== 'normal' && v !== 'loose') throw usage('--sensitivity is strict, normal or loose');
      a.sensitivity = v;
    } else throw usage(`unknown argument ${arg}`);
  }
  if (a.corpus.length === 0) throw usage('clusters needs --corpus PATH');
  return a;
}

/** Stories read per page while walking the corpus. */
const PAGE = 500;

/**
 * Writes the clusters of the stories in `index`: one JSON object (or CSV rows) per cluster of two or
 * more duplicates. Returns the number of clusters.
 */
export async function writeClusters(index: StoryIndex, format: 'jsonl' | 'csv', sensitivity: Sensitivity, io: Io): Promise<number> {
  const number = new Map<string, number>();
  const ids: string[] = [];
  const num = (id: string) => {
    let n = number.get(id);
    if (n === undefined) {
      n = ids.length;
      number.set(id, n);
      ids.push(id);
    }
    return n;
  };
  const groups = new DuplicateGroups();
  // Passage shares per looked-up pair, keyed "copy:other" by story number: [copy's share, other's].
  const shares = new Map<string, [number, number]>();
  for (const c of await index.backend.listCollections()) {
    if (!c.enabled) continue;
    for (let after = -1; ; ) {
      const page = await index.backend.collectionStories(c.id, after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1].key;
      for (const s of page) {
        const me = num(s.id);
        const r = await index.query({ text: s.text, title: s.title }, { excludeIds: [s.id], topRelated: 0, translations: false, sensitivity });
        for (const d of r.duplicates) {
          const other = num(d.id);
          groups.union(me, other);
          shares.set(`${me}:${other}`, [d.pageShare, d.storyShare]);
        }
      }
    }
  }
  if (format === 'csv') io.out('\uFEFF' + CLUSTER_CSV_COLUMNS.join(',') + '\r');
  // The looked-up pairs of each cluster, in one pass over them (for a cluster too big to compare
  // pair by pair, lib/provenance/chain-shares.ts).
  const pairsOf = new Map<number, [string, string][]>();
  for (const key of shares.keys()) {
    const [a, b] = key.split(':').map(Number);
    if (a > b && shares.has(`${b}:${a}`)) continue;
    const root = groups.find(a);
    let list = pairsOf.get(root);
    if (!list) pairsOf.set(root, (list = []));
    list.push([ids[a], ids[b]]);
  }
  let n = 0;
  for (const g of groups.groups()) {
    const stories: ClusterStory[] = [];
    for (const i of g) {
      const s = await index.backend.getStoryById(ids[i]);
      if (s) stories.push({ id: s.id, title: s.title, source: s.source, published: s.published, text: s.text, words: s.words });
    }
    if (stories.length < 2) continue;
    const pairs = pairsOf.get(groups.find(g[0])) ?? [];
    const edge = (child: string, parent: string): [number, number] | undefined => {
      const c = number.get(child)!;
      const p = number.get(parent)!;
      const direct = shares.get(`${c}:${p}`);
      if (direct) return direct;
      const back = shares.get(`${p}:${c}`);
      return back ? [back[1], back[0]] : undefined;
    };
    const out = clusterOut(++n, stories, edge, pairs);
    if (format === 'jsonl') io.out(JSON.stringify(out));
    else for (const row of clusterRows(out)) io.out(row.map(csvCell).join(',') + '\r');
  }
  return n;
}

export async function clustersCommand(a: ClustersArgs, io: Io): Promise<number> {
  const index = new StoryIndex(new MemoryBackend());
  await loadCorpus(index, a.corpus, io.err);
  if ((await index.backend.storyCount()) === 0) {
    io.err('storytrace: the corpus holds no stories (see the warnings above)');
    return 2;
  }
  const n = await writeClusters(index, a.format, a.sensitivity, io);
  io.err(`${n} clusters`);
  return 0;
}
