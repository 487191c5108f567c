// A labelled provenance set built from real text: reprint chains grown from Brown corpus
// non-fiction and the seed stories. Each chain has a dated origin; copies are published days after
// the story they copy: syndicated reprints (new typography only), light rewrites, lightly edited
// copies and trimmed copies, and copies of those copies (a copy is only copied further when it
// carries edits of its own, so that which story it came from is decidable from the text). Some
// copies carry no date. Beside the chains: stories that only quote a paragraph of an origin inside
// text of their own, and stories nobody copied.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseText } from '../../lib/corpus/formats/text';
import type { Story } from '../../lib/corpus/story';
import { brownDocuments } from '../support/brown';
import { lightRewrite, retypeset, rng } from '../support/rewrite';

export type CopyKind = 'syndicated' | 'rewrite' | 'edited' | 'trimmed';

export interface ChainLabel {
  /** Story id → the id of the story it was copied from (null for the origin). */
  parent: Map<string, string | null>;
  kind: Map<string, CopyKind | 'origin'>;
  origin: string;
}

export interface ProvenanceSet {
  corpus: Story[];
  chains: ChainLabel[];
  /** Stories that only quote (they belong to no cluster). */
  quotes: string[];
}

const SEEDS = join(import.meta.dirname, '../fixtures/seeds');
const OUTLETS = ['TASS', 'RIA', 'Reuters', 'AP', 'AFP', 'EFE', 'Sputnik', 'Daily Ledger', 'Morning Post', 'Herald', 'Courier', 'Gazette'];
const DAY = 86_400_000;

function paragraphsOf(sentences: string[], r: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < sentences.length; ) {
    const n = 1 + Math.floor(r() * 3);
    out.push(sentences.slice(i, i + n).join(' '));
    i += n;
  }
  return out;
}

/** Base texts: Brown non-fiction cut into news-length stories, then the seed stories. */
function baseTexts(r: () => number): { title: string; paragraphs: string[] }[] {
  const out: { title: string; paragraphs: string[] }[] = [];
  for (const d of brownDocuments(['ca', 'cb', 'cc', 'cd', 'ce', 'cf', 'cg']))
    for (let i = 0; i + 18 <= d.sentences.length; i += 25) {
      const paragraphs = paragraphsOf(d.sentences.slice(i, i + 25), r);
      out.push({ title: paragraphs[0].split(' ').slice(0, 9).join(' '), paragraphs });
    }
  for (const f of readdirSync(SEEDS).sort())
    for (const s of parseText(f, readFileSync(join(SEEDS, f), 'utf8')).stories) {
      const paragraphs = s.text.split(/\n\n+/).filter((p) => p.trim());
      if (paragraphs.length >= 3) out.push({ title: s.title, paragraphs });
    }
  return out;
}

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

export function buildProvenanceSet(seed = 7, chainCount = 160): ProvenanceSet {
  const r = rng(seed);
  const bases = baseTexts(r);
  for (let i = bases.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [bases[i], bases[j]] = [bases[j], bases[i]];
  }
  const corpus: Story[] = [];
  const chains: ChainLabel[] = [];
  const quotes: string[] = [];
  const chainBases = bases.slice(0, Math.min(chainCount, Math.floor(bases.length * 0.4)));
  const rest = bases.slice(chainBases.length);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];

  chainBases.forEach((b, c) => {
    const originId = `c${c}-origin`;
    const t0 = Date.UTC(2020, 0, 1) + Math.floor(r() * 1400) * DAY;
    const label: ChainLabel = { parent: new Map([[originId, null]]), kind: new Map([[originId, 'origin']]), origin: originId };
    // Members that may be copied further: the origin and copies with edits of their own.
    const sources: { id: string; paragraphs: string[]; t: number; title: string }[] = [{ id: originId, paragraphs: b.paragraphs, t: t0, title: b.title }];
    corpus.push({ id: originId, title: b.title, text: b.paragraphs.join('\n\n'), source: pick(OUTLETS), date: isoDay(t0) });
    const copies = 1 + Math.floor(r() * 5);
    for (let k = 0; k < copies; k++) {
      const parent = r() < 0.5 ? sources[0] : pick(sources);
      const kind: CopyKind = pick(['syndicated', 'rewrite', 'edited', 'trimmed'] as const);
      const s = seed * 1000 + c * 10 + k;
      let paragraphs: string[];
      if (kind === 'syndicated') paragraphs = parent.paragraphs.map(retypeset);
      else if (kind === 'rewrite') paragraphs = lightRewrite(parent.paragraphs, s, 8);
      else if (kind === 'edited') paragraphs = lightRewrite(parent.paragraphs, s, 14);
      else paragraphs = lightRewrite(parent.paragraphs.slice(0, Math.max(3, Math.ceil(parent.paragraphs.length * (0.6 + r() * 0.25)))), s, 18);
      const t = parent.t + (1 + Math.floor(r() * 5)) * DAY;
      const dated = r() >= 0.15;
      const id = `c${c}-${k}-${kind}${dated ? '' : '-undated'}`;
      corpus.push({ id, title: r() < 0.3 ? 'Update: ' + parent.title : parent.title, text: paragraphs.join('\n\n'), source: pick(OUTLETS), ...(dated ? { date: isoDay(t) } : {}) });
      label.parent.set(id, parent.id);
      label.kind.set(id, kind);
      // Undated copies and reprints without edits of their own are not copied further.
      if (dated && kind !== 'syndicated') sources.push({ id, paragraphs, t, title: parent.title });
    }
    chains.push(label);
  });
  // Stories that quote one paragraph of an origin inside a text of their own.
  const quoting = rest.slice(0, Math.floor(chainBases.length / 3));
  quoting.forEach((q, i) => {
    const from = chainBases[(i * 7) % chainBases.length];
    const quoted = from.paragraphs[1 + (i % Math.max(1, from.paragraphs.length - 1))] ?? from.paragraphs[0];
    const paragraphs = [...q.paragraphs.slice(0, 3), `As reported earlier: “${quoted}”`, ...q.paragraphs.slice(3)];
    const id = `quote-${i}`;
    corpus.push({ id, title: q.title, text: paragraphs.join('\n\n'), source: pick(OUTLETS), date: isoDay(Date.UTC(2024, 0, 1) + i * DAY) });
    quotes.push(id);
  });
  // Stories nobody copied.
  rest.slice(quoting.length).forEach((s, i) => {
    corpus.push({ id: `single-${i}`, title: s.title, text: s.paragraphs.join('\n\n'), source: pick(OUTLETS), ...(r() < 0.8 ? { date: isoDay(Date.UTC(2019, 0, 1) + Math.floor(r() * 1800) * DAY) } : {}) });
  });
  return { corpus, chains, quotes };
}
