// Seeded, streaming generator of realistic news corpora (1k … 1M stories) built from real Brown
// corpus sentences, with labelled near-duplicates, partial reuses, same-event clusters and site
// chrome; plus query pages that reprint or quote corpus stories. Library and CLI:
//   tsx tests/bench/generate-corpus.ts --stories N [--seed S] [--out corpus.jsonl] [--labels f]
//                                      [--pages P --pages-out pages.jsonl]
//
// Every story is a pure function of (seed, index): story(i) can be regenerated alone, in any order,
// so a million stories stream through without ever sitting in memory together.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Story } from '../../lib/corpus/story';
import {
  DEFAULT_GENRES,
  loadSentencePool,
  renderTitle,
  renderTokens,
  wordCount,
  type SentencePool,
  type Tok,
  type Typography,
} from './brown-sentences';
import { pick, pickIndex, pickWeighted, rngFor, shuffle, type Rng } from './prng';

/** What a story is, relative to the rest of the corpus. */
export type StoryKind = 'original' | 'reprint' | 'rewrite' | 'trimmed' | 'reordered' | 'partial';
/** Kinds that are full near-duplicates of their source: a reprint with new typography (and maybe a
 *  new headline), a light rewrite (~1 word in 8 changed, words dropped and inserted, two paragraphs
 *  swapped), a copy with its ending trimmed, a copy with its paragraphs reordered. */
export const DUPLICATE_KINDS = ['reprint', 'rewrite', 'trimmed', 'reordered'] as const;

/** Share of each non-original kind among all stories; the remainder are originals. */
export type KindShares = Record<Exclude<StoryKind, 'original'>, number>;
export const DEFAULT_SHARES: KindShares = { reprint: 0.04, rewrite: 0.04, trimmed: 0.03, reordered: 0.02, partial: 0.05 };

export interface CorpusOptions {
  /** Seed of everything (default 1). Same seed, same corpus, on any machine. */
  seed?: number;
  shares?: Partial<KindShares>;
  /** Number of sites (publishers); stories are spread over them with a long tail (default 120). */
  sites?: number;
  /** Brown genre letters used as the sentence pool (default: press and non-fiction, a–j). */
  genres?: string;
  /** Share of originals that continue an earlier event (same names and key terms: related coverage). */
  relatedShare?: number;
}

/** Ground truth for one story. */
export interface StoryLabel {
  index: number;
  id: string;
  kind: StoryKind;
  /** Copies and partial reuses: the original story reused (always an 'original'). */
  of?: string;
  ofIndex?: number;
  /** Partial reuses: words quoted verbatim from `of`. */
  quotedWords?: number;
  /** Same-event group: stories with the same event tell the same news in their own words. */
  event: number;
  site: number;
  /** Site chrome lines in this story's text (not story content; shared by the site's stories). */
  chrome: string[];
  /** Words of the story body, chrome excluded. */
  words: number;
}

export interface GeneratedStory {
  story: Story;
  label: StoryLabel;
}

/** What a query page is and what a correct check must report for it. */
export interface PageLabel {
  id: string;
  kind: 'reprint' | 'rewrite' | 'quote' | 'fresh';
  /** Corpus stories the page copies (duplicates) or quotes (partial reuses). */
  expect: { id: string; index: number; as: 'duplicate' | 'partial' }[];
  words: number;
}

export interface GeneratedPage {
  page: { id: string; title: string; text: string; url: string };
  label: PageLabel;
}

export interface Site {
  index: number;
  name: string;
  domain: string;
  style: Typography;
  chromeTop: string[];
  chromeBottom: string[];
}

type Sentence = Tok[];
type Paragraph = Sentence[];
interface Doc {
  title: Tok[];
  paragraphs: Paragraph[];
}
interface Vocab {
  [cls: string]: string[];
}

// Stream keys: each decision draws from its own stream so changing one never shifts another.
const K_KIND = 1;
const K_SOURCE = 2;
const K_EVENT = 3;
const K_VOCAB = 4;
const K_DOC = 5;
const K_COPY = 6;
const K_SITE_OF = 7;
const K_SITE = 8;
const K_META = 9;
const K_PAGE = 10;
const K_PAGE_DOC = 11;

/** Probability that a word of a sentence template is replaced by another word of its class (drawn
 *  with its real frequency). Open-class words (names, nouns, adjectives, numbers, lexical verbs,
 *  adverbs) are nearly always replaced, function words never: the grammar and stock phrases of real
 *  copy survive, while two stories built on one template share no passage long enough to count as
 *  reuse (measured: with nouns and verbs replaced only half the time, a 3,000-story corpus already
 *  held one accidental 8-word passage per five stories). */
const SUBSTITUTE: Record<string, number> = {
  np: 1,
  np$: 1,
  nps: 1,
  nps$: 1,
  nn: 1,
  nns: 1,
  nn$: 1,
  nns$: 1,
  nr: 1,
  jj: 1,
  jjr: 1,
  jjt: 1,
  jjs: 1,
  cd: 1,
  od: 1,
  vb: 0.95,
  vbd: 0.95,
  vbn: 0.95,
  vbg: 0.95,
  vbz: 0.95,
  rb: 0.9,
  rbr: 0.9,
};
/** Share of substitutions drawn from the story's event vocabulary (what makes stories related). */
const EVENT_DRAW: Record<string, number> = { np: 0.45, np$: 0.3, nn: 0.3, nns: 0.25, jj: 0.2 };
const EVENT_VOCAB_SIZE: Record<string, number> = { np: 7, np$: 3, nn: 12, nns: 6, jj: 6 };

/** Stories published per simulated day (dates advance with the index). */
const STORIES_PER_DAY = 150;
const START_DATE = Date.UTC(2019, 0, 1);
/** Copies reuse a story from at most this many stories earlier (a few weeks of news). */
const COPY_WINDOW = 3000;
/** A continuing event reuses one from at most this many stories earlier. */
const EVENT_WINDOW = 60;

const PAPER_NOUNS = [
  'Herald',
  'Tribune',
  'Post',
  'Times',
  'Gazette',
  'Courier',
  'Chronicle',
  'Dispatch',
  'Observer',
  'Journal',
  'Ledger',
  'Sentinel',
  'Monitor',
  'Review',
  'Daily',
  'Record',
  'Express',
  'Register',
  'Star',
  'Telegraph',
  'Bulletin',
  'Inquirer',
];

/** Site chrome, as scrapers leave it in story text. `{site}` makes a line one site's own; the others
 *  recur across sites. */
const CHROME = [
  'Liked it? Take a second to support {site} on Patreon!',
  "Sign up for our newsletter and get the day's top stories from {site} delivered to your inbox every morning.",
  'We use cookies to give you the best experience on our website. By continuing to browse you agree to our use of cookies.',
  'Follow {site} on Twitter, Facebook and Telegram for the latest breaking news and analysis.',
  'Support independent journalism: every contribution, big or small, helps keep {site} free for everyone to read.',
  'Continue Reading',
  'Share this article with your friends: Facebook Twitter WhatsApp Email',
  'Copyright {site}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
  'Have a news tip? Write to our newsroom at {site} and our reporters will look into it.',
  'Read more stories like this one on our home page and in the weekly print edition of {site}.',
];

export class CorpusGenerator {
  readonly seed: number;
  readonly pool: SentencePool;
  readonly sites: Site[];
  private readonly shares: KindShares;
  private readonly kindCut: { kind: StoryKind; upTo: number }[];
  private readonly siteCum: Float64Array;
  private readonly relatedShare: number;
  private readonly vocabCache = new Map<number, Vocab>();
  private readonly eventCache = new Map<number, number>();
  /** Body sentence templates: the pool's sentences whose every 8 words hold at least 2 words that
   *  get replaced. A template with a long run of function words ("whether there is ... or not, we
   *  all take that there is, and if we do") otherwise reappears intact across unrelated stories. */
  private readonly templates: Tok[][];
  /** Per template token: its substitution probability (looked up once, not per use). */
  private readonly substituteProbs = new Map<Tok[], Float64Array>();

  constructor(opts: CorpusOptions = {}) {
    this.seed = opts.seed ?? 1;
    this.pool = loadSentencePool(opts.genres ?? DEFAULT_GENRES);
    this.shares = { ...DEFAULT_SHARES, ...opts.shares };
    this.relatedShare = opts.relatedShare ?? 0.3;
    this.templates = usableTemplates(this.pool);
    let acc = 0;
    this.kindCut = [];
    for (const kind of ['reprint', 'rewrite', 'trimmed', 'reordered', 'partial'] as const) {
      const share = this.shares[kind];
      if (!(share >= 0)) throw new Error(`share of ${kind} must be a number ≥ 0`);
      acc += share;
      this.kindCut.push({ kind, upTo: acc });
    }
    if (acc > 0.9) throw new Error(`copies and partial reuses add up to ${acc}; leave at least 10% originals`);
    const siteCount = Math.max(2, Math.floor(opts.sites ?? 120));
    this.sites = this.makeSites(siteCount);
    // Long tail: a few big publishers, many small ones (weight 1 / rank^0.8).
    this.siteCum = new Float64Array(siteCount);
    let total = 0;
    for (let s = 0; s < siteCount; s++) this.siteCum[s] = total += 1 / Math.pow(s + 1, 0.8);
    for (let s = 0; s < siteCount; s++) this.siteCum[s] /= total;
  }

  /** The i-th story with its label. */
  story(i: number): GeneratedStory {
    if (!Number.isInteger(i) || i < 0) throw new Error(`story index must be an integer ≥ 0, got ${i}`);
    const kind = this.kindOf(i);
    const siteIndex = this.siteOf(i);
    const site = this.sites[siteIndex];
    const id = this.idOf(i);
    const label: StoryLabel = {
      index: i,
      id,
      kind,
      event: this.eventOf(i),
      site: siteIndex,
      chrome: [...site.chromeTop, ...site.chromeBottom],
      words: 0,
    };
    const rng = rngFor(this.seed, K_COPY, i);
    let doc: Doc;
    let style = site.style;
    const extra: string[] = [];
    if (kind === 'original') doc = this.originalDoc(i);
    else {
      const j = this.sourceOf(i);
      label.of = this.idOf(j);
      label.ofIndex = j;
      const source = this.originalDoc(j);
      const sourceSite = this.sites[this.siteOf(j)];
      if (kind === 'partial') {
        doc = this.originalDoc(i);
        label.quotedWords = insertQuote(rng, doc, source);
      } else {
        doc = this.copyDoc(kind, rng, source, this.vocabFor(this.eventOf(j)));
        if (kind === 'reprint') {
          // A reprint always looks different in print, even between sites with one house style.
          style = { ...style, quotes: sourceSite.style.quotes === 'curly' ? 'straight' : 'curly' };
          if (rng() < 0.4) extra.push(`This story was first published by ${sourceSite.name}.`);
        }
      }
    }
    label.words = docWords(doc);
    const meta = rngFor(this.seed, K_META, i);
    const title = renderTitle(capitalizeFirst(doc.title), style);
    const paragraphs = [
      ...site.chromeTop,
      ...doc.paragraphs.map((p) => p.map((s) => renderTokens(s, style)).join(' ')),
      ...extra,
      ...site.chromeBottom,
    ];
    const date = new Date(START_DATE + Math.floor(i / STORIES_PER_DAY) * 86_400_000 + Math.floor(meta() * 86_400) * 1000);
    const story: Story = {
      id,
      title,
      text: paragraphs.join('\n\n'),
      url: `https://www.${site.domain}/${date.toISOString().slice(0, 7).replace('-', '/')}/${slug(title)}-${i}`,
      source: site.name,
      date: date.toISOString().replace('.000', ''),
    };
    if (meta() < 0.6) story.author = `${pick(meta, this.names())} ${pick(meta, this.names())}`;
    return { story, label };
  }

  /** Stories [from, from + count), one at a time. */
  *stories(count: number, from = 0): Generator<GeneratedStory> {
    for (let i = from; i < from + count; i++) yield this.story(i);
  }

  /**
   * The k-th query page for a corpus of `corpusSize` stories: 700–2000 words that reprint or lightly
   * rewrite one corpus story (padded with captions and unrelated teasers), quote passages of one or
   * two, or reuse nothing at all.
   */
  page(k: number, corpusSize: number): GeneratedPage {
    if (corpusSize < 1) throw new Error('a page needs a corpus of at least one story');
    const rng = rngFor(this.seed, K_PAGE, k, corpusSize);
    const kind = (['reprint', 'rewrite', 'quote', 'fresh'] as const)[pickWeighted(rng, [0.3, 0.25, 0.3, 0.15])];
    const target = 700 + pickIndex(rng, 1301);
    const site = this.sites[pickIndex(rng, this.sites.length)];
    const freshVocab = this.makeVocab(rngFor(this.seed, K_PAGE_DOC, k, corpusSize, 1));
    const freshRng = rngFor(this.seed, K_PAGE_DOC, k, corpusSize);
    const expect: PageLabel['expect'] = [];
    const sourceIn = () => {
      let j = pickIndex(rng, corpusSize);
      while (this.kindOf(j) !== 'original') j--;
      return j;
    };
    let doc: Doc;
    if (kind === 'reprint' || kind === 'rewrite') {
      const j = sourceIn();
      expect.push({ id: this.idOf(j), index: j, as: 'duplicate' });
      doc = this.copyDoc(kind, rng, this.originalDoc(j), this.vocabFor(this.eventOf(j)));
      // Captions and ads land between paragraphs; teasers for other stories follow the article.
      const at = 1 + pickIndex(rng, Math.max(1, doc.paragraphs.length - 1));
      doc.paragraphs.splice(at, 0, [this.sentence(freshRng, freshVocab, this.pool.titles)]);
      while (docWords(doc) < target) doc.paragraphs.push(this.paragraph(freshRng, freshVocab));
    } else {
      doc = this.freshDoc(freshRng, freshVocab, target);
      if (kind === 'quote') {
        const n = rng() < 0.5 ? 1 : 2;
        const used = new Set<number>();
        for (let q = 0; q < n; q++) {
          const j = sourceIn();
          if (used.has(j)) continue;
          used.add(j);
          insertQuote(rng, doc, this.originalDoc(j));
          expect.push({ id: this.idOf(j), index: j, as: 'partial' });
        }
      }
    }
    const title = renderTitle(capitalizeFirst(doc.title), site.style);
    const id = `page-${corpusSize}-${k}`;
    return {
      page: {
        id,
        title,
        text: [
          ...site.chromeTop,
          ...doc.paragraphs.map((p) => p.map((s) => renderTokens(s, site.style)).join(' ')),
          ...site.chromeBottom,
        ].join('\n\n'),
        url: `https://www.${site.domain}/read/${slug(title)}-${k}`,
      },
      label: { id, kind, expect, words: docWords(doc) },
    };
  }

  kindOf(i: number): StoryKind {
    if (i === 0) return 'original';
    const r = rngFor(this.seed, K_KIND, i)();
    for (const c of this.kindCut) if (r < c.upTo) return c.kind;
    return 'original';
  }

  idOf(i: number): string {
    return `b${this.seed}-${i}`;
  }

  /** For copies and partial reuses: a recent original. */
  sourceOf(i: number): number {
    const rng = rngFor(this.seed, K_SOURCE, i);
    let j = i - 1 - pickIndex(rng, Math.min(i, COPY_WINDOW));
    while (this.kindOf(j) !== 'original') j--; // story 0 is always an original
    return j;
  }

  /** Event of a story: copies share their source's; an original starts a new event or continues a
   *  recent one. */
  eventOf(i: number): number {
    const cached = this.eventCache.get(i);
    if (cached !== undefined) return cached;
    const kind = this.kindOf(i);
    let event: number;
    if (kind !== 'original' && kind !== 'partial') event = this.eventOf(this.sourceOf(i));
    else {
      const rng = rngFor(this.seed, K_EVENT, i);
      event = i > 0 && rng() < this.relatedShare ? this.eventOf(Math.max(0, i - 1 - pickIndex(rng, EVENT_WINDOW))) : i;
    }
    if (this.eventCache.size > 20_000) this.eventCache.clear();
    this.eventCache.set(i, event);
    return event;
  }

  siteOf(i: number): number {
    const r = rngFor(this.seed, K_SITE_OF, i)();
    let lo = 0;
    let hi = this.siteCum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.siteCum[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    const kind = this.kindOf(i);
    // Syndication crosses sites: a copy never appears on its source's own site.
    if (kind !== 'original' && kind !== 'partial') {
      const src = this.siteOf(this.sourceOf(i));
      if (lo === src) lo = (src + 1 + (i % (this.sites.length - 1))) % this.sites.length;
    }
    return lo;
  }

  private originalDoc(i: number): Doc {
    const rng = rngFor(this.seed, K_DOC, i);
    return this.freshDoc(rng, this.vocabFor(this.eventOf(i)), 400 + pickIndex(rng, 301));
  }

  private freshDoc(rng: Rng, vocab: Vocab, targetWords: number): Doc {
    const doc: Doc = { title: this.sentence(rng, vocab, this.pool.titles), paragraphs: [] };
    let words = 0;
    while (words < targetWords) {
      const p = this.paragraph(rng, vocab);
      doc.paragraphs.push(p);
      for (const s of p) words += wordCount(s);
    }
    return doc;
  }

  /** News paragraphs are short: one to four sentences. */
  private paragraph(rng: Rng, vocab: Vocab): Paragraph {
    const n = 1 + pickWeighted(rng, [35, 40, 20, 5]);
    const p: Paragraph = [];
    for (let k = 0; k < n; k++) p.push(this.sentence(rng, vocab, this.templates));
    return p;
  }

  /** A real sentence with its names, nouns, adjectives, numbers and some verbs replaced. */
  private sentence(rng: Rng, vocab: Vocab, templates: Tok[][]): Sentence {
    const template = pick(rng, templates);
    let probs = this.substituteProbs.get(template);
    if (!probs) this.substituteProbs.set(template, (probs = Float64Array.from(template, (t) => (t.p ? 0 : (SUBSTITUTE[t.t] ?? 0)))));
    const out: Sentence = new Array(template.length);
    for (let k = 0; k < template.length; k++) {
      const tok = template[k];
      const p = probs[k];
      out[k] = p === 0 || rng() >= p ? tok : { w: this.substitute(rng, tok, vocab), t: tok.t, p: false };
    }
    return capitalizeFirst(out);
  }

  private substitute(rng: Rng, tok: Tok, vocab: Vocab): string {
    const own = vocab[tok.t];
    const list = own && rng() < (EVENT_DRAW[tok.t] ?? 0) ? own : this.pool.lexicon.get(tok.t);
    if (!list || list.length === 0) return tok.w;
    const w = list[Math.floor(rng() * list.length)];
    return isUpper(tok.w.charCodeAt(0)) && !isUpper(w.charCodeAt(0)) ? w[0].toUpperCase() + w.slice(1) : w;
  }

  private vocabFor(event: number): Vocab {
    let v = this.vocabCache.get(event);
    if (!v) {
      if (this.vocabCache.size > 5_000) this.vocabCache.clear();
      v = this.makeVocab(rngFor(this.seed, K_VOCAB, event));
      this.vocabCache.set(event, v);
    }
    return v;
  }

  private makeVocab(rng: Rng): Vocab {
    const v: Vocab = {};
    for (const [cls, n] of Object.entries(EVENT_VOCAB_SIZE)) {
      const list = this.pool.lexicon.get(cls) ?? [];
      v[cls] = Array.from({ length: n }, () => pick(rng, list));
    }
    return v;
  }

  private copyDoc(kind: StoryKind, rng: Rng, source: Doc, vocab: Vocab): Doc {
    const doc: Doc = { title: source.title, paragraphs: source.paragraphs.map((p) => p.map((s) => s.slice())) };
    if (kind === 'reprint') {
      if (rng() < 0.5) doc.title = this.sentence(rng, vocab, this.pool.titles);
    } else if (kind === 'rewrite') {
      if (rng() < 0.7) doc.title = this.sentence(rng, vocab, this.pool.titles);
      doc.paragraphs = doc.paragraphs.map((p) => p.map((s) => this.rewriteSentence(rng, s, vocab)));
      if (doc.paragraphs.length >= 3 && rng() < 0.6) {
        const a = 1 + pickIndex(rng, doc.paragraphs.length - 2);
        [doc.paragraphs[a], doc.paragraphs[a + 1]] = [doc.paragraphs[a + 1], doc.paragraphs[a]];
      }
    } else if (kind === 'trimmed') {
      const keep = Math.max(2, Math.ceil(doc.paragraphs.length * (0.55 + 0.3 * rng())));
      doc.paragraphs = doc.paragraphs.slice(0, keep);
    } else if (kind === 'reordered') {
      // Move a few blocks: the lede stays, the body is rearranged as desks do.
      const body = doc.paragraphs.slice(1);
      const swaps = Math.max(1, Math.floor(body.length / 3));
      for (let s = 0; s < swaps; s++) {
        const a = pickIndex(rng, body.length);
        const b = pickIndex(rng, body.length);
        [body[a], body[b]] = [body[b], body[a]];
      }
      if (body.length >= 2 && body.every((p, k) => p === doc.paragraphs[k + 1])) body.reverse();
      doc.paragraphs = [doc.paragraphs[0], ...body];
    }
    return doc;
  }

  /** A rewrite desk's touch: about one word in eight replaced, dropped, or joined by a new one. */
  private rewriteSentence(rng: Rng, s: Sentence, vocab: Vocab): Sentence {
    const out: Sentence = [];
    for (const tok of s) {
      if (tok.p || rng() >= 1 / 8) {
        out.push(tok);
        continue;
      }
      const r = rng();
      if (r < 0.7) {
        let w = tok.w;
        for (let tries = 0; tries < 4 && w.toLowerCase() === tok.w.toLowerCase(); tries++) w = this.substitute(rng, tok, vocab);
        if (w.toLowerCase() === tok.w.toLowerCase()) w = pick(rng, this.pool.lexicon.get('jj')!) + ' ' + tok.w;
        out.push({ w, t: tok.t, p: false });
      } else if (r < 0.85) {
        // dropped
      } else {
        out.push(tok, { w: pick(rng, this.pool.lexicon.get('rb')!), t: 'rb', p: false });
      }
    }
    return capitalizeFirst(out.length ? out : s);
  }

  private names(): string[] {
    return this.pool.lexicon.get('np') ?? ['Smith'];
  }

  private makeSites(n: number): Site[] {
    const sites: Site[] = [];
    const seen = new Set<string>();
    const places = this.names().filter((w) => /^[A-Z][a-z]{3,11}$/u.test(w));
    for (let s = 0; s < n; s++) {
      const rng = rngFor(this.seed, K_SITE, s);
      let name = '';
      for (let tries = 0; tries < 20 && (name === '' || seen.has(name)); tries++)
        name = `The ${pick(rng, places)} ${pick(rng, PAPER_NOUNS)}`;
      if (seen.has(name)) name = `${name} ${s}`;
      seen.add(name);
      const style: Typography = {
        quotes: rng() < 0.5 ? 'curly' : 'straight',
        dash: pick(rng, [' -- ', ' — ', '—', ' – '] as const),
        ukAbbrev: rng() < 0.2,
        ukSpelling: rng() < 0.15,
        headline: rng() < 0.5 ? 'title' : 'sentence',
      };
      const chrome =
        rng() < 0.1
          ? []
          : shuffle(rng, CHROME.slice())
              .slice(0, 1 + pickIndex(rng, 3))
              .map((c) => c.replace('{site}', name));
      const top = chrome.filter(() => rng() < 0.3);
      sites.push({
        index: s,
        name,
        domain:
          name
            .replace(/^The /u, '')
            .replace(/[^A-Za-z0-9]+/gu, '')
            .toLowerCase() + '.com',
        style,
        chromeTop: top,
        chromeBottom: chrome.filter((c) => !top.includes(c)),
      });
    }
    return sites;
  }
}

const templateCache = new WeakMap<SentencePool, Tok[][]>();

function usableTemplates(pool: SentencePool): Tok[][] {
  const cached = templateCache.get(pool);
  if (cached) return cached;
  const window = 8;
  const need = 2;
  const out = pool.sentences.filter((s) => {
    const replaced = s.filter((t) => !t.p).map((t) => ((SUBSTITUTE[t.t] ?? 0) >= 0.9 ? 1 : 0));
    let inWindow = 0;
    for (let i = 0; i < replaced.length; i++) {
      inWindow += replaced[i] - (i >= window ? replaced[i - window] : 0);
      if (i >= window - 1 && inWindow < need) return false;
    }
    return true;
  });
  templateCache.set(pool, out);
  return out;
}

/** Inserts one or more consecutive source paragraphs (at least 30 words) into `doc` at a random
 *  place after its lede; returns the number of words quoted. */
function insertQuote(rng: Rng, doc: Doc, source: Doc): number {
  const start = pickIndex(rng, source.paragraphs.length);
  const block: Paragraph[] = [];
  let words = 0;
  for (let k = start; k < source.paragraphs.length && words < 30; k++) {
    block.push(source.paragraphs[k].map((s) => s.slice()));
    for (const s of source.paragraphs[k]) words += wordCount(s);
  }
  for (let k = start - 1; k >= 0 && words < 30; k--) {
    block.unshift(source.paragraphs[k].map((s) => s.slice()));
    for (const s of source.paragraphs[k]) words += wordCount(s);
  }
  const at = 1 + pickIndex(rng, Math.max(1, doc.paragraphs.length));
  doc.paragraphs.splice(Math.min(at, doc.paragraphs.length), 0, ...block);
  return words;
}

function docWords(doc: Doc): number {
  let n = 0;
  for (const p of doc.paragraphs) for (const s of p) n += wordCount(s);
  return n;
}

function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c > 127 && String.fromCharCode(c).toLowerCase() !== String.fromCharCode(c));
}

function capitalizeFirst(s: Tok[]): Tok[] {
  const k = s.findIndex((t) => !t.p);
  if (k < 0) return s;
  const c = s[k].w.charCodeAt(0);
  if (!(c >= 97 && c <= 122)) return s; // already capitalized, or a digit or symbol
  const out = s.slice();
  out[k] = { w: s[k].w[0].toUpperCase() + s[k].w.slice(1), t: s[k].t, p: false };
  return out;
}

function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/gu, '-')
      .replace(/^-+|-+$/gu, '')
      .split('-')
      .slice(0, 8)
      .join('-') || 'story'
  );
}

/** Stories 0 … count-1 of a seeded corpus, streamed. */
export function* generateCorpus(count: number, opts: CorpusOptions = {}): Generator<GeneratedStory> {
  yield* new CorpusGenerator(opts).stories(count);
}

/** Duplicate groups from labels: root original id → ids of its full copies (itself excluded). */
export function duplicateGroups(labels: Iterable<StoryLabel>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const l of labels) {
    if (!l.of || l.kind === 'partial') continue;
    const g = groups.get(l.of);
    if (g) g.push(l.id);
    else groups.set(l.of, [l.id]);
  }
  return groups;
}

async function writeLine(out: WriteStream, value: unknown): Promise<void> {
  if (!out.write(JSON.stringify(value) + '\n')) await once(out, 'drain');
}

async function closeStream(out: WriteStream): Promise<void> {
  if (out === (process.stdout as unknown)) return;
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

const USAGE = `usage: tsx tests/bench/generate-corpus.ts --stories N [--seed S] [--out corpus.jsonl]
       [--labels labels.jsonl | --no-labels] [--pages P --pages-out pages.jsonl] [--sites K]
  Writes N stories as JSON Lines ({id,title,text,url,source,date,author}) to --out (default stdout),
  their labels (kind, of, event, site, chrome) to --labels (default <out>.labels.jsonl when --out is
  a file), and P query pages with their expected matches to --pages-out and <pages-out>.labels.jsonl.`;

/** CLI entry point; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        stories: { type: 'string' },
        seed: { type: 'string', default: '1' },
        out: { type: 'string' },
        labels: { type: 'string' },
        'no-labels': { type: 'boolean', default: false },
        pages: { type: 'string', default: '0' },
        'pages-out': { type: 'string' },
        sites: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const count = Number(args.stories);
  const seed = Number(args.seed);
  const pages = Number(args.pages);
  if (!Number.isInteger(count) || count < 1) return fail(`--stories must be a whole number ≥ 1, got "${args.stories ?? ''}"`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    return fail(`--seed must be an integer in 0…4294967295, got "${args.seed}"`);
  if (!Number.isInteger(pages) || pages < 0) return fail(`--pages must be a whole number ≥ 0, got "${args.pages}"`);
  if (pages > 0 && !args['pages-out']) return fail('--pages needs --pages-out FILE');
  const gen = new CorpusGenerator({ seed, sites: args.sites ? Number(args.sites) : undefined });
  const out = args.out ? createWriteStream(args.out) : (process.stdout as unknown as WriteStream);
  const labelPath = args['no-labels'] ? undefined : (args.labels ?? (args.out ? `${args.out}.labels.jsonl` : undefined));
  const labels = labelPath ? createWriteStream(labelPath) : undefined;
  const started = Date.now();
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const { story, label } = gen.story(i);
    bytes += story.text.length;
    await writeLine(out, story);
    if (labels) await writeLine(labels, label);
    if (args.out && (i + 1) % 10_000 === 0)
      process.stderr.write(`\r${i + 1} stories, ${(bytes / 1e6).toFixed(0)} MB of text, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  await closeStream(out);
  if (labels) await closeStream(labels);
  if (pages > 0) {
    const pageOut = createWriteStream(args['pages-out']!);
    const pageLabels = createWriteStream(`${args['pages-out']}.labels.jsonl`);
    for (let k = 0; k < pages; k++) {
      const { page, label } = gen.page(k, count);
      await writeLine(pageOut, page);
      await writeLine(pageLabels, label);
    }
    await closeStream(pageOut);
    await closeStream(pageLabels);
  }
  if (args.out)
    process.stderr.write(
      `\r${count} stories (${(bytes / 1e6).toFixed(1)} MB of text) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`generate-corpus: ${message}\n${USAGE}\n`);
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`generate-corpus: ${(e as Error).stack ?? e}\n`);
      process.exit(1);
    },
  );
}
