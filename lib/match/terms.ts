// Key terms and named entities of a story: what relatedness is computed from. Names (multi-word
// capitalized sequences: people, places, organizations) and title words weigh more than body words.
import { scanWords } from '../text/normalize';
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
const POSSESSIVE = /['’]s$/u;

function usefulWord(w: string): boolean {
  if (STOPWORDS.has(w)) return false;
  if (/^\p{N}+$/u.test(w)) return /^(1[89]|20)\d\d$/u.test(w); // years place an event; other numbers do not
  // Latin/Cyrillic words under 3 letters are mostly noise; scripts written without spaces yield
  // single characters, which are kept.
  return w.length >= 3 || /[^\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u.test(w);
}

/** Names in a text: normalized multi-word capitalized sequences, and single capitalized words not
 *  at the start of a sentence. */
export function extractNames(text: string): { phrases: string[]; singles: string[] } {
  const phrases: string[] = [];
  const singles: string[] = [];
  let run: string[] = [];
  let pendingJoiner: string | null = null;
  let prevEnd = 0;
  let runStartsSentence = false;
  const close = () => {
    while (run.length && (STOPWORDS.has(run[0]) || HONORIFICS.has(run[0]))) {
      run.shift();
      runStartsSentence = false;
    }
    if (run.length >= 2) phrases.push(run.join(' '));
    else if (run.length === 1 && !runStartsSentence && usefulWord(run[0])) singles.push(run[0]);
    run = [];
    pendingJoiner = null;
  };
  scanWords(text, (word, start, end) => {
    const between = text.slice(prevEnd, start);
    prevEnd = end;
    const sentenceStart = start === 0 || /[.!?:;"“”«»\n]\s*$/u.test(between) || /^\s*[-–—•*]\s*$/u.test(between);
    const broken = /[,;:()\[\]"“”«»\n.!?]/u.test(between);
    const original = text.slice(start, end);
    const upper = UPPER_START.test(original);
    if (run.length && broken) close();
    if (upper) {
      if (pendingJoiner) {
        run.push(pendingJoiner);
        pendingJoiner = null;
      }
      if (!run.length) runStartsSentence = sentenceStart;
      // "Cuba's foreign minister": the possessive ends the name.
      if (POSSESSIVE.test(original)) {
        run.push(word.slice(0, -1));
        close();
      } else run.push(word);
    } else if (run.length && !pendingJoiner && NAME_JOINERS.has(word)) {
      pendingJoiner = word;
    } else if (run.length) close();
  });
  close();
  return { phrases, singles };
}

/** Weighted key terms of a story (strongest first, at most `limit`). Weights are sublinear in
 *  frequency so one repeated word cannot dominate. */
export function extractTerms(title: string, text: string, limit = TERMS_PER_STORY): [string, number][] {
  const counts = new Map<string, number>();
  const boosts = new Map<string, number>();
  const add = (term: string, boost: number, n = 1) => {
    counts.set(term, (counts.get(term) ?? 0) + n);
    if ((boosts.get(term) ?? 0) < boost) boosts.set(term, boost);
  };
  for (const source of [text, title]) {
    const isTitle = source === title && source !== text;
    scanWords(source, (w, start, end) => {
      const word = POSSESSIVE.test(source.slice(start, end)) ? w.slice(0, -1) : w;
      if (usefulWord(word)) add(word, isTitle ? TITLE_BOOST : 1);
    });
    const names = extractNames(source);
    for (const s of names.singles) add(s, NAME_BOOST * (isTitle ? TITLE_BOOST : 1), 0);
    for (const p of names.phrases) add(p, PHRASE_BOOST * (isTitle ? TITLE_BOOST : 1));
  }
  const out: [string, number][] = [];
  for (const [term, n] of counts) {
    const tf = Math.max(n, 1);
    out.push([term, (1 + Math.log(tf)) * (boosts.get(term) ?? 1)]);
  }
  out.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return out.slice(0, limit).map(([t, w]) => [t, Math.round(w * 1000) / 1000]);
}
