// The language of a text, coarsely: its script, and for Latin and Cyrillic texts the language whose
// commonest function words it uses most. Enough to tell a translation from a same-language copy.
import { dominantScript } from './anchors';

const FUNCTION_WORDS: Record<string, ReadonlySet<string>> = {
  en: new Set('the of and to in is that for on with was as by at from his are be this have which has it'.split(' ')),
  es: new Set('el la de que y en los del las por un una con para se su al es lo como mas pero sus'.split(' ')),
  fr: new Set('le la les de des et en du un une est que pour dans qui par sur au avec pas ce'.split(' ')),
  de: new Set('der die und den von zu das mit sich des auf fur ist im dem nicht ein eine als auch'.split(' ')),
  pt: new Set('o a os as de do da dos das em que e um uma para com por no na nao ao'.split(' ')),
  it: new Set('il la di che e in un una per del della le dei con non gli al si sono'.split(' ')),
  ru: new Set('и в не на что с по как из к у за от о это его для же так но был она'.split(' ')),
  uk: new Set('і в не на що з по як із до у за від про це його для та але був вона'.split(' ')),
  bg: new Set('и в не на че с по как от за да се е са това той тя но ще'.split(' ')),
};
const BY_SCRIPT: Record<string, string[]> = {
  latin: ['en', 'es', 'fr', 'de', 'pt', 'it'],
  cyrillic: ['ru', 'uk', 'bg'],
};
const SCRIPT_LANGUAGE: Record<string, string> = { greek: 'el', arabic: 'ar', han: 'zh' };

/** A BCP 47 language code for the text ('und' when it cannot be told). */
export function detectLanguage(text: string): string {
  const script = dominantScript(text);
  const fixed = SCRIPT_LANGUAGE[script];
  if (fixed) return fixed;
  const candidates = BY_SCRIPT[script];
  if (!candidates) return 'und';
  const counts = new Map<string, number>(candidates.map((l) => [l, 0]));
  let words = 0;
  // The first few thousand characters tell a language as well as the whole text.
  for (const m of text.slice(0, 1500).matchAll(/[\p{L}]+/gu)) {
    const w = /^[a-z]+$/i.test(m[0]) ? m[0].toLowerCase() : m[0].normalize('NFKD').replace(/\p{Mn}/gu, '').toLowerCase();
    words++;
    for (const l of candidates) if (FUNCTION_WORDS[l].has(w)) counts.set(l, counts.get(l)! + 1);
  }
  let best = 'und';
  let bestCount = 0;
  for (const [l, n] of counts)
    if (n > bestCount) {
      best = l;
      bestCount = n;
    }
  // Too few function words to tell (a list of names, a headline): say so rather than guess.
  return bestCount >= Math.max(3, words * 0.05) ? best : 'und';
}
