// Text normalization for matching: NFKC, case, diacritics (Latin/Greek/Cyrillic), quotes, dashes,
// punctuation and whitespace folded, with every normalized word mapped back to the original text.

/** Normalized text with a map back to the original: `map[i]` is the original index of normalized
 *  char i; `map[text.length]` is the original length. */
export interface Normalized {
  text: string;
  map: Uint32Array;
}

/** Words of a text, normalized, with their half-open ranges in the original string. */
export interface Tokens {
  words: string[];
  starts: Uint32Array;
  ends: Uint32Array;
}

// A folded code point: a string of word characters, SEP (ends the current word), DROP (no effect,
// e.g. combining marks), APOS (apostrophe: joins letters, else separates), or ISOLATE+chars for
// scripts written without spaces (Han, Kana, Thai…), where each character is a word of its own.
const SEP = ' ';
const DROP = '';
const APOS = "'";
const ISOLATE = '\u0001';

const foldCache = new Map<number, string>();
const WORD_CHAR = /^[\p{L}\p{N}\p{Mc}]+$/u;
const MARK = /\p{Mn}/gu;
const SPACE_LIKE = /^[\p{Z}\p{Cc}\p{Cf}]$/u;
const ISOLATED_SCRIPT = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;
const APOSTROPHES = new Set([0x2019, 0x2018, 0x201b, 0x02bc, 0x2032, 0xff07]);

function isDecomposableScript(cp: number): boolean {
  // Latin-1 Supplement to Latin Extended-B, IPA/Greek/Cyrillic, Latin Extended Additional: strip accents.
  return (cp >= 0xc0 && cp <= 0x24f) || (cp >= 0x370 && cp <= 0x52f) || (cp >= 0x1e00 && cp <= 0x1fff);
}

function foldCodePoint(cp: number): string {
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  let out: string;
  const ch = String.fromCodePoint(cp);
  if (APOSTROPHES.has(cp)) out = APOS;
  else if (SPACE_LIKE.test(ch)) out = cp === 0xad || cp === 0x200d ? DROP : SEP; // soft hyphen, ZWJ join
  else if (/^\p{Mn}$/u.test(ch)) out = DROP;
  else {
    let s = isDecomposableScript(cp) ? ch.normalize('NFKD') : ch.normalize('NFKC');
    s = s.replace(MARK, '').toLowerCase().replace(MARK, '');
    if (s === '') out = DROP;
    else if (WORD_CHAR.test(s)) out = ISOLATED_SCRIPT.test(ch) ? ISOLATE + s : s;
    else {
      // e.g. '½' → '1⁄2', '…' → '...': keep the word parts, separate at the rest.
      const parts = s.split(/[^\p{L}\p{N}\p{Mc}]+/u).filter(Boolean);
      out = parts.length === 0 ? SEP : parts.join(SEP);
    }
  }
  if (foldCache.size < 65536) foldCache.set(cp, out);
  return out;
}

// ASCII fast path: 1 = word char, 2 = apostrophe, 3 = '.' or ',' (may join digits or initials), 0 = separator.
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_CLASS[c] = /[A-Za-z0-9]/.test(ch) ? 1 : c === 39 ? 2 : c === 46 || c === 44 ? 3 : 0;
}
const ASCII_LOWER: string[] = [];
for (let c = 0; c < 128; c++) ASCII_LOWER[c] = String.fromCharCode(c).toLowerCase();

function isLetterAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const f = foldCodePoint(text.codePointAt(i)!);
  return f !== SEP && f !== DROP && f !== APOS && f[0] !== ISOLATE && /^\p{L}/u.test(f);
}
function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/**
 * Calls `emit` for every normalized word with its original range. Joins "Biofire's" → "biofires",
 * "1,499" → "1499" and "U.S." → "us" so typography variants produce the same words.
 */
export function scanWords(text: string, emit: (word: string, start: number, end: number) => void): void {
  let cur = '';
  let start = 0;
  let end = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      const cls = ASCII_CLASS[c];
      if (cls === 1) {
        if (cur === '') start = i;
        cur += ASCII_LOWER[c];
        end = ++i;
        continue;
      }
      if (cur !== '' && cls === 2 && isLetterAt(text, i + 1)) {
        i++;
        continue;
      }
      if (cur !== '' && cls === 3) {
        const last = cur.charCodeAt(cur.length - 1);
        const joinDigits = last >= 48 && last <= 57 && isDigitAt(text, i + 1);
        const joinInitial = c === 46 && cur.length <= 2 && isLetterAt(text, i + 1) && /^\p{L}+$/u.test(cur) && isInitialRun(text, i);
        if (joinDigits || joinInitial) {
          i++;
          continue;
        }
      }
      if (cur !== '') {
        emit(cur, start, end);
        cur = '';
      }
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    const f = foldCodePoint(cp);
    if (f === DROP) {
      if (cur !== '') end = i + len;
    } else if (f === APOS) {
      if (!(cur !== '' && isLetterAt(text, i + len)) && cur !== '') {
        emit(cur, start, end);
        cur = '';
      }
    } else if (f === SEP) {
      if (cur !== '') {
        emit(cur, start, end);
        cur = '';
      }
    } else if (f.charCodeAt(0) === 1) {
      if (cur !== '') {
        emit(cur, start, end);
        cur = '';
      }
      emit(f.slice(1), i, i + len);
    } else if (f.indexOf(SEP) >= 0) {
      const parts = f.split(SEP);
      for (let p = 0; p < parts.length; p++) {
        if (p > 0 && cur !== '') {
          emit(cur, start, end);
          cur = '';
        }
        if (cur === '') start = i;
        cur += parts[p];
        end = i + len;
      }
    } else {
      if (cur === '') start = i;
      cur += f;
      end = i + len;
    }
    i += len;
  }
  if (cur !== '') emit(cur, start, end);
}

// "U.S." / "U.K." style initials: the letter before the dot is a lone letter and the next char
// after the following letter is another dot; avoids gluing "end.The" into one word.
function isInitialRun(text: string, dot: number): boolean {
  const prev = dot - 2;
  const prevBreaks = prev < 0 || !isLetterAt(text, prev);
  return prevBreaks && (text.charCodeAt(dot + 2) === 46 || text.charCodeAt(dot + 3) === 46);
}

/** Tokenizes into normalized words with original offsets. */
export function tokenize(text: string): Tokens {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  scanWords(text, (w, s, e) => {
    words.push(w);
    starts.push(s);
    ends.push(e);
  });
  return { words, starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };
}

/** Normalized text (words joined by single spaces) with its map back to the original string. */
export function normalizeWithMap(text: string): Normalized {
  const { words, starts, ends } = tokenize(text);
  const out = words.join(' ');
  const map = new Uint32Array(out.length + 1);
  let k = 0;
  // Kept non-decreasing: one original character may yield two words ('⅐' → '1 7').
  let last = 0;
  const put = (v: number) => (map[k++] = last = Math.max(last, v));
  for (let w = 0; w < words.length; w++) {
    if (w > 0) put(ends[w - 1]); // the space maps to where the previous word ended
    const len = words[w].length;
    const span = ends[w] - starts[w];
    // Spread the word's chars over its original span (exact when folding kept the length).
    for (let j = 0; j < len; j++) put(starts[w] + Math.min(span - 1, Math.floor((j * span) / len)));
  }
  map[out.length] = words.length ? ends[words.length - 1] : text.length;
  return { text: out, map };
}

/** Normalized form of a text, for comparisons. */
export function normalize(text: string): string {
  return normalizeWithMap(text).text;
}
