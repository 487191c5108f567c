// Fast word scanning for segmentation: a table of Unicode letter/digit code units instead of regexes.

let table: Uint8Array | undefined;

/**
 * 1 for each Basic Multilingual Plane code unit that is a Unicode letter or digit, built on first use
 * (about 65k regex tests, a few milliseconds). Surrogates count as non-word: astral letters are rare
 * in news text and emoji must not become words.
 */
export function wordCharTable(): Uint8Array {
  if (table) return table;
  const t = new Uint8Array(65536);
  const re = /[\p{L}\p{N}]/u;
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 128 && re.test(String.fromCharCode(c)))) t[c] = 1;
  }
  return (table = t);
}

/** Counts words (runs of letters and digits); stops counting once past `limit`. */
export function countWords(s: string, limit = Infinity): number {
  const t = wordCharTable();
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    if (t[s.charCodeAt(i)]) {
      if (!inWord) {
        if (++n > limit) return n;
        inWord = true;
      }
    } else inWord = false;
  }
  return n;
}

let fold: Uint16Array | undefined;

/**
 * For each BMP code unit: 0 when it is not a letter or digit, else its lower-case form (when that is
 * one code unit), so words can be hashed case-insensitively without building lower-cased strings.
 */
export function foldTable(): Uint16Array {
  if (fold) return fold;
  const words = wordCharTable();
  const t = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) {
    if (!words[c]) continue;
    const lower = String.fromCharCode(c).toLowerCase();
    t[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
  }
  return (fold = t);
}
