// A labelled evaluation set built from real text: Brown corpus non-fiction cut into news-length
// stories, and pages made from them the way syndication really edits copy (reprints with new
// typography, light rewrites, trimmed endings, reordered paragraphs, inserted captions and ads, new
// headlines), pages quoting a paragraph or two, and pages that share nothing or only site chrome.
import type { Story } from '../../lib/corpus/story';
import { brownDocuments } from '../support/brown';
import { insertChrome, lightRewrite, retypeset, rng, swapParagraphs } from '../support/rewrite';

export type Variant =
  'typography' | 'rewrite-1in8' | 'rewrite-1in6' | 'rewrite-1in4' | 'trimmed' | 'excerpt' | 'reordered' | 'captions' | 'headline+all';
export const VARIANTS: Variant[] = [
  'typography',
  'rewrite-1in8',
  'rewrite-1in6',
  'rewrite-1in4',
  'trimmed',
  'excerpt',
  'reordered',
  'captions',
  'headline+all',
];

export interface EvalPage {
  id: string;
  kind: Variant | 'partial' | 'unrelated' | 'chrome-only';
  text: string;
  title: string;
  /** Corpus ids this page duplicates (reprint / rewrite). */
  duplicates: string[];
  /** Corpus ids this page partially reuses, with the page ranges that hold the reused text. */
  partial: { id: string; ranges: [number, number][] }[];
}

export interface EvalSet {
  corpus: Story[];
  pages: EvalPage[];
}

/** Site chrome appended to stories of a few "sites": the same lines on unrelated stories. */
const SITES = [
  'Liked it? Take a second to support The Daily Ledger on Patreon! Your donations make all the difference, and together we can keep independent reporting free for every reader.',
  'Sign up for the Morning Briefing newsletter to get the day’s top stories delivered to your inbox every weekday, free of charge. You can unsubscribe at any time.',
  'We use cookies to personalise content and ads, to provide social media features and to analyse our traffic. By continuing to use this website you agree to our use of cookies.',
];
const CAPTIONS = [
  'Advertisement · Scroll to continue',
  'A view of the city hall during a session of the council, in a photograph taken last week. REUTERS/Staff Photographer',
  'Read more: the week in pictures',
];

function paragraphsOf(sentences: string[], r: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < sentences.length;) {
    const n = 1 + Math.floor(r() * 3);
    out.push(sentences.slice(i, i + n).join(' '));
    i += n;
  }
  return out;
}

function headlineOf(paragraphs: string[]): string {
  return paragraphs[0]
    .split(' ')
    .slice(0, 9)
    .join(' ')
    .replace(/[,.;:]$/, '');
}

/** Builds the set; `seed` makes it reproducible. */
export function buildEvalSet(seed = 1): EvalSet {
  const r = rng(seed);
  // Non-fiction only (press, editorial, reviews, religion, skills, lore, belles lettres).
  const docs = brownDocuments(['ca', 'cb', 'cc', 'cd', 'ce', 'cf', 'cg']);
  const stories: { paragraphs: string[]; title: string; id: string }[] = [];
  for (const d of docs)
    for (let i = 0; i + 18 <= d.sentences.length; i += 25) {
      const paragraphs = paragraphsOf(d.sentences.slice(i, i + 25), r);
      stories.push({ paragraphs, title: headlineOf(paragraphs), id: `${d.name}-${i / 25}` });
    }
  // Shuffle, then: first 60% corpus, the rest unseen (fillers and negatives).
  for (let i = stories.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [stories[i], stories[j]] = [stories[j], stories[i]];
  }
  const cut = Math.floor(stories.length * 0.6);
  const base = stories.slice(0, cut);
  const unseen = stories.slice(cut);
  const site = (i: number) => (i % 3 === 0 ? SITES[(i / 3) % SITES.length] : null);

  const corpus: Story[] = base.map((s, i) => ({
    id: s.id,
    title: s.title,
    text: [...s.paragraphs, ...(site(i) ? [site(i)!] : [])].join('\n\n'),
    source: `site-${i % 7}`,
  }));
  // Some corpus stories are syndicated: a second copy elsewhere in the corpus.
  const syndicated = new Map<string, string>();
  for (let i = 1; i < base.length; i += 9) {
    const copyId = `${base[i].id}-copy`;
    corpus.push({ id: copyId, title: base[i].title, text: retypeset(base[i].paragraphs.join('\n\n')), source: 'wire' });
    syndicated.set(base[i].id, copyId);
  }

  const pages: EvalPage[] = [];
  const dupTargets = base.slice(0, Math.min(270, base.length));
  dupTargets.forEach((s, i) => {
    const variant = VARIANTS[i % VARIANTS.length];
    const p = s.paragraphs;
    let paragraphs: string[];
    let title = s.title;
    switch (variant) {
      case 'typography':
        paragraphs = p.map(retypeset);
        break;
      case 'rewrite-1in8':
        paragraphs = lightRewrite(p, i, 8);
        break;
      case 'rewrite-1in6':
        paragraphs = lightRewrite(p, i, 6);
        break;
      case 'rewrite-1in4':
        paragraphs = lightRewrite(p, i, 4);
        break;
      case 'excerpt':
        // A short version: every other paragraph dropped, the rest kept.
        paragraphs = p.filter((_, k) => k % 2 === 0);
        break;
      case 'trimmed':
        paragraphs = p.slice(0, Math.max(2, Math.ceil(p.length * 0.55)));
        break;
      case 'reordered':
        paragraphs = swapParagraphs(p);
        break;
      case 'captions':
        paragraphs = insertChrome(p, CAPTIONS);
        break;
      case 'headline+all':
        title = 'Exclusive: ' + headlineOf(p.slice(1));
        paragraphs = insertChrome(lightRewrite(p.slice(0, Math.ceil(p.length * 0.8)), i + 99, 10).map(retypeset), CAPTIONS);
        break;
    }
    const duplicates = [s.id, ...(syndicated.has(s.id) ? [syndicated.get(s.id)!] : [])];
    pages.push({ id: `dup-${i}`, kind: variant, title, text: paragraphs.join('\n\n'), duplicates, partial: [] });
  });

  // Partial reuse: an unseen story quoting one or two paragraphs (of 25+ words) of a corpus story.
  const quoteTargets = base.slice(dupTargets.length, dupTargets.length + 90);
  quoteTargets.forEach((s, i) => {
    const host = unseen[i % unseen.length].paragraphs.slice();
    const long = s.paragraphs.filter((x) => x.split(' ').length >= 25);
    if (long.length === 0) return;
    const quotes = long.slice(0, 1 + (i % 2)).map((q) => (i % 3 === 0 ? retypeset(q) : q));
    const at = [1, Math.max(2, host.length - 1)];
    const paragraphs = host.slice();
    quotes.forEach((q, k) => paragraphs.splice(at[k] + k, 0, q));
    const text = paragraphs.join('\n\n');
    const ranges: [number, number][] = quotes.map((q) => {
      const start = text.indexOf(q);
      return [start, start + q.length];
    });
    const ids = [s.id, ...(syndicated.has(s.id) ? [syndicated.get(s.id)!] : [])];
    pages.push({
      id: `partial-${i}`,
      kind: 'partial',
      title: headlineOf(host),
      text,
      duplicates: [],
      partial: ids.map((id) => ({ id, ranges })),
    });
  });

  // Negatives: unseen stories, some carrying a corpus site's chrome.
  unseen.slice(90, 190).forEach((s, i) => {
    const chrome = i % 2 === 0 ? [SITES[i % SITES.length]] : [];
    pages.push({
      id: `neg-${i}`,
      kind: chrome.length ? 'chrome-only' : 'unrelated',
      title: s.title,
      text: [...s.paragraphs, ...chrome].join('\n\n'),
      duplicates: [],
      partial: [],
    });
  });
  return { corpus, pages };
}
