// Key terms and named entities of a story: what relatedness is computed from. Names (multi-word
// capitalized sequences: people, places, organizations) and title words weigh more than body words.
import { tokenize, type Tokens } from '../text/normalize';
import { STOPWORDS } from '../text/stopwords';
import { TERMS_PER_STORY } from './params';

/** Weight multipliers: why a name or a headline word counts more than a plain body word. */
const NAME_BOOST = 2; // a proper name pins the event far more than a common noun
const PHRASE_BOOST = 3; // a multi-word name ("Bay of Pigs", "Bruno Rodriguez") is rarer still
const TITLE_BOOST = 2; // the headline states what the story is about

// Lowercase words allowed inside a multi-word name ("Bank of America", "Fidel Castro Ruz", "Ministerio de Defensa").
const NAME_JOINERS = new Set(['of', 'de', 'del', 'la', 'los', 'van', 'von', 'der', 'al', 'bin', 'da', 'do', 'dos', 'du', 'le']);
const UPPER_START = /^\p{Lu}/u;
// Offices and honorifics before a name ("Foreign Minister Sergei Lavrov"): dropped from the front of
// a name so the same person gives the same term however the story styles them.
const HONORIFICS = new Set(
  `president vice prime minister foreign deputy secretary general army chief attorney mr mrs ms dr sen senator rep gov governor
  king queen pope director ceo spokesman spokeswoman ambassador judge justice colonel lieutenant major captain commander former
  presidente ministro canciller senor sr sra президент министр глава`.split(/\s+/u),
);

function usefulWord(w: string): boolean {
  if (STOPWORDS.has(w)) return false;
  const c = w.charCodeAt(0);
  if (c >= 48 && c <= 57 && /^\d+$/u.test(w)) return /^(1[89]|20)\d\d$/u.test(w); // years place an event; other numbers do not
  if (w.length >= 3) return true;
  // Latin/Cyrillic words under 3 letters are mostly noise; scripts written without spaces yield
  // single characters, which are kept.
  return /[^\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u.test(w);
}

// Character classes of what lies between two words: 1 = breaks a name, 2 = ends a sentence (and
// breaks), 4 = a bullet or dash, 8 = blank.
const BETWEEN = new Map<number, number>();
for (const c of ',()[]') BETWEEN.set(c.charCodeAt(0), 1);
for (const c of '.!?:;"“”«»\n') BETWEEN.set(c.charCodeAt(0), 3);
for (const c of '-–—•*') BETWEEN.set(c.charCodeAt(0), 4);
for (const c of ' \t\r\u00a0') BETWEEN.set(c.charCodeAt(0), 8);
// The same classes for ASCII as an array: this loop runs over every character between words.
const BETWEEN_ASCII = Uint8Array.from({ length: 128 }, (_, c) => BETWEEN.get(c) ?? 0);
const betweenClass = (c: number): number => (c < 128 ? BETWEEN_ASCII[c] : (BETWEEN.get(c) ?? 0));

function isUpperStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_START.test(text[i]);
}

function isPossessive(text: string, end: number): boolean {
  const q = text.charCodeAt(end - 2);
  return end >= 2 && (text.charCodeAt(end - 1) === 115 || text.charCodeAt(end - 1) === 83) && (q === 39 || q === 0x2019);
}

/**
 * One pass over a text: every useful word (`onWord`) and every name (`onName`): multi-word
 * capitalized sequences (phrase) and single capitalized words not at the start of a sentence (single).
 */
function scanTerms(text: string, tokens: Tokens, onWord: (w: string) => void, onName: (term: string, phrase: boolean) => void): void {
  let run: string[] = [];
  let pendingJoiner: string | null = null;
  let prevEnd = 0;
  let runStartsSentence = false;
  const close = () => {
    while (run.length && (STOPWORDS.has(run[0]) || HONORIFICS.has(run[0]))) {
      run.shift();
      runStartsSentence = false;
    }
    if (run.length >= 2) onName(run.join(' '), true);
    else if (run.length === 1 && !runStartsSentence && usefulWord(run[0])) onName(run[0], false);
    run = [];
    pendingJoiner = null;
  };
  const { words, starts, ends } = tokens;
  for (let t = 0; t < words.length; t++) {
    const w = words[t];
    const start = starts[t];
    const end = ends[t];
    // What lies between the previous word and this one decides sentence starts and name breaks.
    let broken = false;
    let last = 0;
    let bullets = 0;
    let others = 0;
    for (let i = prevEnd; i < start; i++) {
      const c = betweenClass(text.charCodeAt(i));
      if (c & 1) broken = true;
      if (c !== 8) {
        last = c;
        if (c === 4) bullets++;
        else others++;
      }
    }
    const sentenceStart = start === 0 || (last & 2) !== 0 || (bullets > 0 && others === 0);
    prevEnd = end;
    const possessive = isPossessive(text, end);
    // "Cuba's" counts as "cuba", not "cubas".
    const word = possessive ? w.slice(0, -1) : w;
    if (usefulWord(word)) onWord(word);
    if (run.length && broken) close();
    if (isUpperStart(text, start)) {
      if (pendingJoiner) {
        run.push(pendingJoiner);
        pendingJoiner = null;
      }
      if (!run.length) runStartsSentence = sentenceStart;
      run.push(word);
      // "Cuba's foreign minister": the possessive ends the name.
      if (possessive) close();
    } else if (run.length && !pendingJoiner && NAME_JOINERS.has(word)) {
      pendingJoiner = word;
    } else if (run.length) close();
  }
  close();
}

/** Names in a text: normalized multi-word capitalized sequences, and single capitalized words not
 *  at the start of a sentence. */
export function extractNames(text: string): { phrases: string[]; singles: string[] } {
  const phrases: string[] = [];
  const singles: string[] = [];
  scanTerms(
    text,
    tokenize(text),
    () => {},
    (t, phrase) => (phrase ? phrases : singles).push(t),
  );
  return { phrases, singles };
}

/** Weighted key terms of a story (strongest first, at most `limit`). Weights are sublinear in
 *  frequency so one repeated word cannot dominate. */
export function extractTerms(
  title: string,
  text: string,
  textTokens: Tokens = tokenize(text),
  limit = TERMS_PER_STORY,
): [string, number][] {
  // One entry per term: occurrences and the strongest boost seen (one map lookup per word).
  const stats = new Map<string, { n: number; boost: number }>();
  const add = (term: string, boost: number, n: number) => {
    const e = stats.get(term);
    if (e === undefined) stats.set(term, { n, boost });
    else {
      e.n += n;
      if (e.boost < boost) e.boost = boost;
    }
  };
  for (const [source, tokens, place] of [
    [text, textTokens, 1],
    [title, tokenize(title), TITLE_BOOST],
  ] as const) {
    scanTerms(
      source,
      tokens,
      (w) => add(w, place, 1),
      (t, phrase) => (phrase ? add(t, PHRASE_BOOST * place, 1) : add(t, NAME_BOOST * place, 0)),
    );
  }
  const out: [string, number][] = [];
  for (const [term, e] of stats) out.push([term, (1 + Math.log(Math.max(e.n, 1))) * e.boost]);
  // Stable sort: equal weights keep text order, so the result is deterministic without string compares.
  out.sort((a, b) => b[1] - a[1]);
  return out.slice(0, limit).map(([t, w]) => [t, Math.round(w * 1000) / 1000]);
}
