// A name's sound skeleton, the same across scripts: "Лавров", "Лаврова", "Lavrov's" and "لافروف" all
// give one key, so a translated story's names can be matched with the page's without a lexicon.

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi',
  є: 'ye', ґ: 'g', ў: 'u', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', ђ: 'dj', џ: 'dzh',
};

const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm',
  ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps',
  ω: 'o',
};

// Arabic writes consonants and long vowels only; alif, waw and ya inside a word are vowels here
// (the skeleton drops vowels anyway), and the letters English lacks fold to their nearest sound.
const ARABIC: Record<string, string> = {
  ا: 'a', أ: 'a', إ: 'i', آ: 'a', ٱ: 'a', ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd',
  ذ: 'dh', ر: 'r', ز: 'z', س: 's', ش: 'sh', ص: 's', ض: 'd', ط: 't', ظ: 'z', ع: '', غ: 'gh', ف: 'f',
  ق: 'q', ك: 'k', ل: 'l', م: 'm', ن: 'n', ه: 'h', و: 'w', ي: 'y', ى: 'a', ة: 'a', ء: '', ؤ: '', ئ: '',
  پ: 'p', چ: 'ch', ژ: 'zh', گ: 'g', ک: 'k', ی: 'y',
};

/** Latin letters of a word in any of the scripts above (accents stripped); '' when it has none. */
export function romanize(word: string): string {
  let out = '';
  for (const ch of word.normalize('NFKD').toLowerCase()) {
    // Inside an Arabic word, waw and ya are long vowels ("أوباما" is Obama).
    if (out.length > 0 && (ch === 'و' || ch === 'ي' || ch === 'ی')) out += ch === 'و' ? 'u' : 'i';
    else if (ch >= 'a' && ch <= 'z') out += ch;
    else if (ch === 'ß') out += 'ss';
    else out += CYRILLIC[ch] ?? GREEK[ch] ?? ARABIC[ch] ?? '';
  }
  return out;
}

const DIGRAPHS: [RegExp, string][] = [
  [/shch|sch/g, 's'],
  [/dzh|dj|zh/g, 'j'],
  [/kh|ch/g, 'C'],
  [/ts|tz/g, 's'],
  [/sh/g, 's'],
  [/th|dh/g, 't'],
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/gh/g, 'g'],
];

// Sounds that different romanizations and scripts spell differently fold to one letter: Arabic has
// no p or v, Russian writes English w as v, z and s, c and k alternate.
const FOLD: Record<string, string> = { c: 'k', q: 'k', x: 'ks', w: 'f', v: 'f', p: 'b', z: 's', C: 'k', j: 'j', g: 'g' };
const VOWELISH = /[aeiouyh]/;

/** Letters of the skeleton a key keeps: enough to tell names apart, few enough to survive endings. */
const KEY_LETTERS = 4;
/** Shorter skeletons ("Ли", "Ан") match too much by chance to be evidence. */
const MIN_KEY_LETTERS = 3;

/** The cross-script key of a name word, or undefined when the word is too short to be evidence. */
export function nameKey(word: string): string | undefined {
  let r = romanize(word).replace(/'s$/, '');
  if (r.length < 3) return undefined;
  for (const [re, to] of DIGRAPHS) r = r.replace(re, to);
  let out = '';
  for (let i = 0; i < r.length; i++) {
    const ch = r[i];
    if (i > 0 && VOWELISH.test(ch)) continue;
    const f = i === 0 && VOWELISH.test(ch) ? 'a' : (FOLD[ch] ?? ch);
    if (out.endsWith(f)) continue;
    out += f;
  }
  if (out.length < MIN_KEY_LETTERS) return undefined;
  return out.slice(0, KEY_LETTERS);
}
