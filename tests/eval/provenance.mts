// `npm run eval:provenance`: reprint clusters, origins and parents found by `storytrace clusters`
// (lib/cli/clusters-command.ts) on a labelled set of chains built from real text
// (tests/eval/provenance-set.ts). Prints pairwise cluster precision/recall, the adjusted Rand index,
// origin accuracy and parent accuracy (per copy kind, dated and undated). `--seed N`, `--chains N`.
import { writeClusters } from '../../lib/cli/clusters-command';
import { MemoryBackend } from '../../lib/index/memory/backend';
import { StoryIndex } from '../../lib/index/story-index';
import type { ClusterOut } from '../../lib/provenance/clusters';
import { buildProvenanceSet } from './provenance-set';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const seed = arg('--seed', 7);
const set = buildProvenanceSet(seed, arg('--chains', 160));

const index = new StoryIndex(new MemoryBackend());
for (let i = 0; i < set.corpus.length; i += 1000) await index.addStories({ id: 'eval', name: 'eval' }, set.corpus.slice(i, i + 1000));
const t0 = performance.now();
const clusters: ClusterOut[] = [];
await writeClusters(index, 'jsonl', 'normal', { out: (l) => clusters.push(JSON.parse(l)), err: () => {} });
const ms = performance.now() - t0;

// Labels per story: true cluster (chain number; every other story alone) and predicted cluster.
const ids = set.corpus.map((s) => s.id);
const truth = new Map<string, string>();
set.chains.forEach((c, i) => {
  for (const id of c.parent.keys()) truth.set(id, `t${i}`);
});
const predicted = new Map<string, string>();
const predParent = new Map<string, string | null>();
for (const c of clusters)
  for (const s of c.stories) {
    predicted.set(s.id, `p${c.cluster}`);
    predParent.set(s.id, s.parent);
  }
const label = (m: Map<string, string>, id: string) => m.get(id) ?? `alone:${id}`;

// Pairwise precision/recall over pairs placed together, counted through contingency tables.
const choose2 = (n: number) => (n * (n - 1)) / 2;
const joint = new Map<string, number>();
const rows = new Map<string, number>();
const cols = new Map<string, number>();
for (const id of ids) {
  const a = label(truth, id);
  const b = label(predicted, id);
  joint.set(a + '|' + b, (joint.get(a + '|' + b) ?? 0) + 1);
  rows.set(a, (rows.get(a) ?? 0) + 1);
  cols.set(b, (cols.get(b) ?? 0) + 1);
}
const sum = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + choose2(n), 0);
const together = sum(joint);
const truePairs = sum(rows);
const predPairs = sum(cols);
const pairPrecision = predPairs ? together / predPairs : 1;
const pairRecall = truePairs ? together / truePairs : 1;
const expected = (truePairs * predPairs) / choose2(ids.length);
const ari = (together - expected) / ((truePairs + predPairs) / 2 - expected);

// Origins: the predicted cluster holding the chain's origin names it.
let originOk = 0;
const clusterOf = new Map(clusters.map((c) => [`p${c.cluster}`, c]));
for (const c of set.chains) {
  const p = clusterOf.get(predicted.get(c.origin) ?? '');
  if (p && p.origin === c.origin) originOk++;
}

// Parents, per kind and datedness; an undated copy may also rightly be left without a parent.
const dated = new Set(set.corpus.filter((s) => s.date).map((s) => s.id));
type Tally = { n: number; ok: number; none: number; depth2: number; depth2ok: number };
const tallies = new Map<string, Tally>();
const tally = (k: string) => tallies.get(k) ?? (tallies.set(k, { n: 0, ok: 0, none: 0, depth2: 0, depth2ok: 0 }), tallies.get(k)!);
for (const c of set.chains)
  for (const [id, parent] of c.parent) {
    if (parent === null) continue;
    const key = `${c.kind.get(id)}${dated.has(id) ? '' : ' (undated)'}`;
    const got = predParent.get(id);
    const ofCopy = parent !== c.origin;
    for (const t of [tally(key), tally(dated.has(id) ? 'all dated' : 'all undated'), tally('all')]) {
      t.n++;
      if (got === parent) t.ok++;
      if (got === null || got === undefined) t.none++;
      if (ofCopy) {
        t.depth2++;
        if (got === parent) t.depth2ok++;
      }
    }
  }
const quotesClustered = set.quotes.filter((q) => predicted.has(q)).length;

const f = (x: number) => x.toFixed(3);
console.log(`eval:provenance (seed ${seed}): ${set.corpus.length} stories, ${set.chains.length} chains, ${set.quotes.length} quoting stories; clusters found ${clusters.length} in ${(ms / 1000).toFixed(1)} s`);
console.log(`clusters: pairwise precision ${f(pairPrecision)}, recall ${f(pairRecall)}, ARI ${f(ari)}; quoting stories put in a cluster: ${quotesClustered}`);
console.log(`origin accuracy: ${f(originOk / set.chains.length)} (${originOk}/${set.chains.length})`);
console.log('parent accuracy (copies; "none" = no parent named; "of a copy" = true parent is itself a copy):');
for (const [k, t] of [...tallies].sort()) {
  console.log(`  ${k.padEnd(22)} ${f(t.ok / t.n)} (${t.ok}/${t.n}), none ${t.none}, of a copy ${t.depth2 ? f(t.depth2ok / t.depth2) : '-'} (${t.depth2ok}/${t.depth2})`);
}
