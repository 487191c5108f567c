// Deterministic edits of real text, made the way syndication desks edit copy: typography, light
// rewrites, trimmed endings, reordered paragraphs, inserted captions and ads.

/** The seeded PRNG of the benchmark corpus (mulberry32), so every variant is reproducible. */
import { mulberry32 as rng } from '../bench/prng';

export { rng };

const SWAPS: Record<string, string> = {
  said: 'stated', says: 'states', told: 'informed', also: 'additionally', large: 'big', big: 'large', major: 'key', about: 'around',
  more: 'over', than: 'than', first: 'initial', help: 'assist', before: 'prior to', after: 'following', because: 'as', but: 'however',
  very: 'highly', many: 'numerous', would: 'will', could: 'might', show: 'demonstrate', use: 'employ', new: 'fresh', start: 'begin',
};

/** Straight↔curly quotes, dashes, spacing and case changes: the text a CMS makes of the same copy. */
export function retypeset(text: string): string {
  return text
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/ — | – /g, ' - ')
    .replace(/\. /g, '.  ')
    .replace(/\bU\.S\./g, 'US')
    .replace(/(\d),(\d{3})/g, '$1$2');
}

/** A light rewrite: about one word in `every` replaced, a few dropped, two paragraphs swapped. */
export function lightRewrite(paragraphs: string[], seed: number, every = 8): string[] {
  const r = rng(seed);
  const out = paragraphs.map((p) =>
    p
      .split(' ')
      .map((w) => {
        const x = r();
        if (x < 1 / every) {
          const bare = w.toLowerCase().replace(/[^a-z]/g, '');
          return SWAPS[bare] ?? (w.length > 3 ? w.slice(0, -1) + 'x' : w + 'x');
        }
        if (x < 1 / every + 0.02) return '';
        return w;
      })
      .filter(Boolean)
      .join(' '),
  );
  if (out.length >= 4) [out[1], out[2]] = [out[2], out[1]];
  return out;
}

export function swapParagraphs(paragraphs: string[]): string[] {
  const out = paragraphs.slice();
  for (let i = 0; i + 1 < out.length; i += 2) [out[i], out[i + 1]] = [out[i + 1], out[i]];
  return out;
}

export function insertChrome(paragraphs: string[], lines: string[]): string[] {
  const out: string[] = [];
  paragraphs.forEach((p, i) => {
    out.push(p);
    if (i % 2 === 0) out.push(lines[(i / 2) % lines.length]);
  });
  return out;
}

export const join = (paragraphs: string[]) => paragraphs.join('\n\n');
