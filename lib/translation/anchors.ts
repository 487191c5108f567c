// What survives translation, paragraph by paragraph: numbers (amounts, dates, scores) and names
// (by their cross-script key), in text order, with each paragraph's range and share of the text.
import { STOPWORDS } from '../text/stopwords';
import { nameKey } from './name-key';

/** One paragraph of a text with the anchors it holds, in order. */
export interface AnchoredParagraph {
  start: number;
  end: number;
  /** The paragraph's share of the text's letters (0..1): translations keep paragraph proportions. */
  share: number;
  anchors: string[];
}

/** A text's script family, from its letters: translations are looked for between families or languages. */
export type Script = 'latin' | 'cyrillic' | 'greek' | 'arabic' | 'han' | 'other';

// Digits with thousands separators (, . space, thin spaces) and an optional decimal part.
const NUMBER = /\d+(?:[ \u00a0\u202f\u2009.,']\d{3})*(?:[.,]\d+)?/gu;
// A capitalized word in an alphabetic script (Arabic has no capitals: see ARABIC_WORD).
const CAPITALIZED = /\p{Lu}[\p{L}\p{Mn}'’-]*/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const HAS_ARABIC = /[\u0621-\u06d3]/u;
const ARABIC_WORD = /[\u0621-\u064a\u0671-\u06d3]{3,}/gu;
// Arabic prefixes glued to words: the article and the conjunctions and prepositions before it.
const ARABIC_PREFIX = /^(?:وال|بال|كال|فال|لل|ال|و|ب|ل)(?=[\u0621-\u064a]{3,})/u;

/** Canonical form of a number as written in any of the usual conventions ("1,500", "1 500", "1.500" → 1500; "1,5" → 1.5). */
export function numberValue(written: string): string {
  const m = /^(.*?)(?:[.,](\d{1,2}|\d{4,}))?$/u.exec(written)!;
  const whole = m[1].replace(/[^\d]/g, '').replace(/^0+(?=\d)/, '');
  return m[2] ? `${whole}.${m[2].replace(/0+$/, '') || '0'}` : whole;
}

/** The script family of one UTF-16 code unit that is a letter of it, or undefined. */
function scriptOf(c: number): Script | undefined {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) return 'latin';
  if (c >= 0x400 && c <= 0x52f) return 'cyrillic';
  if (c >= 0x370 && c <= 0x3ff) return 'greek';
  if ((c >= 0x620 && c <= 0x64a) || (c >= 0x66e && c <= 0x6d3) || (c >= 0x750 && c <= 0x77f)) return 'arabic';
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf)) return 'han';
  if (c >= 0x100 && /\p{L}/u.test(String.fromCharCode(c))) return 'other';
  return undefined;
}

/** The dominant script of a text (by counting up to the first 2,000 letters). */
export function dominantScript(text: string): Script {
  const counts: Record<Script, number> = { latin: 0, cyrillic: 0, greek: 0, arabic: 0, han: 0, other: 0 };
  let seen = 0;
  for (let i = 0; i < text.length && seen < 2000; i++) {
    const s = scriptOf(text.charCodeAt(i));
    if (s === undefined) continue;
    counts[s]++;
    seen++;
  }
  let best: Script = 'other';
  for (const s of Object.keys(counts) as Script[]) if (counts[s] > counts[best]) best = s;
  return best;
}

/** Anchors of one stretch of text, in order: `#` + number value, `@` + name key. */
export function anchorsOf(original: string): string[] {
  const found: [number, string][] = [];
  const text = asciiDigits(original);
  for (const m of text.matchAll(CHINESE_NUMBER)) {
    const v = chineseNumber(m[0]);
    if (v >= 10) found.push([m.index, '#' + v]);
  }
  for (const m of text.matchAll(NUMBER)) {
    const v = numberValue(m[0].replace(/[.,' \u00a0\u202f\u2009]+$/u, ''));
    if (v !== '') found.push([m.index, '#' + v]);
  }
  for (const m of text.matchAll(CAPITALIZED)) {
    // A capital inside a word ("McCain", "iPhone") starts no name of its own.
    if (m.index > 0 && LETTER_OR_DIGIT.test(text[m.index - 1])) continue;
    // Capitalized function words, months and days ("The", "April", "Однако") are no names; a
    // sentence's first short word is no evidence either way.
    if (m[0].length < 4 && sentenceInitial(text, m.index)) continue;
    const k = capitalizedKey(m[0]);
    if (k) found.push([m.index, k]);
  }
  if (HAS_ARABIC.test(text))
    for (const m of text.matchAll(ARABIC_WORD)) {
      const k = nameKey(m[0].replace(ARABIC_PREFIX, ''));
      if (k) found.push([m.index, '@' + k]);
    }
  found.sort((a, b) => a[0] - b[0]);
  return found.map(([, a]) => a);
}

// Names recur across pages and stories: their keys are remembered (bounded; cleared when full).
const KEY_CACHE_SIZE = 100_000;
const keyCache = new Map<string, string | null>();

/** '@' + the name key of a capitalized word, or null for a function word or a word with no key. */
function capitalizedKey(word: string): string | null {
  let k = keyCache.get(word);
  if (k !== undefined) return k;
  const key = STOPWORDS.has(fold(word)) ? undefined : nameKey(word);
  k = key ? '@' + key : null;
  if (keyCache.size >= KEY_CACHE_SIZE) keyCache.clear();
  keyCache.set(word, k);
  return k;
}

function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase();
}

// Arabic-Indic, Persian and full-width digits are the same digits: one width each, so offsets hold.
const OTHER_DIGITS = /[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/gu;
const ARABIC_DECIMAL = /\u066b/gu;
const ARABIC_THOUSANDS = /\u066c/gu;

function asciiDigits(text: string): string {
  if (!/[\u0660-\u066c\u06f0-\u06f9\uff10-\uff19]/u.test(text)) return text;
  return text
    .replace(OTHER_DIGITS, (d) => {
      const c = d.charCodeAt(0);
      return String(c >= 0xff10 ? c - 0xff10 : c >= 0x6f0 ? c - 0x6f0 : c - 0x660);
    })
    .replace(ARABIC_DECIMAL, '.')
    .replace(ARABIC_THOUSANDS, ',');
}

// Chinese numerals ("第十二条", "三百五十", "二〇二三年"); a lone character (一, "one", "a") is no anchor.
const CHINESE_NUMBER = /[零〇一二两三四五六七八九十百千万]{2,}|[十百千万]/gu;
const CHINESE_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CHINESE_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** The value of a run of Chinese numerals: digit by digit when it has no units (二〇二三 = 2023). */
export function chineseNumber(run: string): number {
  if (![...run].some((c) => c in CHINESE_UNIT)) return Number([...run].map((c) => CHINESE_DIGIT[c]).join(''));
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of run) {
    if (c in CHINESE_DIGIT) digit = CHINESE_DIGIT[c];
    else if (c === '万') {
      total += (section + digit) * 10000;
      section = 0;
      digit = 0;
    } else {
      section += (digit || 1) * CHINESE_UNIT[c];
      digit = 0;
    }
  }
  return total + section + digit;
}

/** A capitalized word opening a sentence may be any word: it is no evidence of a name. */
function sentenceInitial(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /[\s"'«»“”„(\[—–-]/u.test(text[i])) i--;
  return i < 0 || /[.!?:;\n…]/u.test(text[i]);
}

/** Paragraphs (split at line breaks) with their anchors; empty lines are dropped. */
export function anchoredParagraphs(text: string): AnchoredParagraph[] {
  const out: AnchoredParagraph[] = [];
  let letters = 0;
  const re = /[^\n]+/gu;
  for (const m of text.matchAll(re)) {
    const body = m[0];
    const n = body.replace(/[^\p{L}\p{N}]/gu, '').length;
    if (n === 0) continue;
    letters += n;
    out.push({ start: m.index, end: m.index + body.length, share: n, anchors: anchorsOf(body) });
  }
  for (const p of out) p.share = letters > 0 ? p.share / letters : 0;
  return out;
}
