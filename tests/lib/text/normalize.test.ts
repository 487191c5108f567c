import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, normalizeWithMap, tokenize } from '../../../lib/text/normalize';

describe('normalize', () => {
  it('folds typography: quotes, dashes, case, NFKC, accents, whitespace', () => {
    const a = normalize('Biofire’s “smart” gun — costs US$1,499…  Café');
    const b = normalize("BIOFIRE'S \"smart\" gun - costs US$1499... cafe");
    expect(a).toBe(b);
    expect(a).toBe('biofires smart gun costs us 1499 cafe');
  });

  it('treats decomposed and precomposed accents, ligatures and fullwidth forms alike', () => {
    expect(normalize('e\u0301te\u0301 ﬁne ＡＢＣ')).toBe(normalize('été fine abc'));
  });

  it('joins initials and thousands separators but not sentences', () => {
    expect(tokenize('U.S. and U.K. officials').words).toEqual(['us', 'and', 'uk', 'officials']);
    expect(tokenize('at 1,000.5 units').words).toEqual(['at', '10005', 'units']);
    expect(tokenize('the end.The next').words).toEqual(['the', 'end', 'the', 'next']);
  });

  it('finds words in any script', () => {
    expect(tokenize('Лавров прибыл в Гавану, «главное»').words).toEqual(['лавров', 'прибыл', 'в', 'гавану', 'главное']);
    expect(tokenize('El canciller Rodríguez dijo').words).toEqual(['el', 'canciller', 'rodriguez', 'dijo']);
    expect(tokenize('وزير الخارجية الروسي').words).toHaveLength(3);
    // Scripts without spaces: one word per character.
    expect(tokenize('中国外交部').words).toEqual(['中', '国', '外', '交', '部']);
  });

  it('maps every word back to its original characters', () => {
    const text = '  “Mr Kloepfer,” she said — ﬁnally: Café!';
    const t = tokenize(text);
    expect(t.words.map((_, i) => text.slice(t.starts[i], t.ends[i]))).toEqual(['Mr', 'Kloepfer', 'she', 'said', 'ﬁnally', 'Café']);
  });

  it('keeps the offset map consistent for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const { text, map } = normalizeWithMap(s);
        expect(map.length).toBe(text.length + 1);
        for (let i = 1; i < map.length; i++) expect(map[i]).toBeGreaterThanOrEqual(map[i - 1]);
        expect(map[map.length - 1]).toBeLessThanOrEqual(s.length);
        const t = tokenize(s);
        for (let i = 0; i < t.words.length; i++) {
          expect(t.ends[i]).toBeGreaterThan(t.starts[i]);
          // A word is the normalized form of its range (or one of its parts: '⅐' gives '1' and '7').
          expect(normalize(s.slice(t.starts[i], t.ends[i])).split(' ')).toContain(t.words[i]);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});
