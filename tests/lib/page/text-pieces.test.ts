import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffWords, termRanges, textPieces } from '../../../lib/page/text-pieces';

describe('textPieces', () => {
  it('cuts a text into plain and marked pieces that rebuild it', () => {
    const t = 'alpha beta gamma delta';
    const p = textPieces(t, [[6, 10], [0, 5]]);
    expect(p).toEqual([
      { text: 'alpha', start: 0, mark: 1 },
      { text: ' ', start: 5 },
      { text: 'beta', start: 6, mark: 0 },
      { text: ' gamma delta', start: 10 },
    ]);
  });

  it('rebuilds the text for any ranges, bad ones included (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.array(fc.tuple(fc.integer({ min: -10, max: 100 }), fc.integer({ min: -10, max: 100 }))), (t, ranges) => {
        const pieces = textPieces(t, ranges);
        expect(pieces.map((p) => p.text).join('')).toBe(t);
        for (const p of pieces) expect(t.slice(p.start, p.start + p.text.length)).toBe(p.text);
      }),
    );
  });
});

describe('diffWords', () => {
  it('marks the words a rewrite changed, on each side', () => {
    const d = diffWords('The minister said on Friday that talks resume.', 'The minister stated on Friday that the talks resume.');
    expect(d.a.filter((w) => w.changed).map((w) => w.text.trim())).toEqual(['said']);
    expect(d.b.filter((w) => w.changed).map((w) => w.text.trim())).toEqual(['stated', 'the']);
    expect(d.a.map((w) => w.text).join('')).toBe('The minister said on Friday that talks resume.');
  });

  it('ignores case and punctuation, and gives up politely on huge inputs', () => {
    expect(diffWords('Hello, World!', 'hello world').a.every((w) => !w.changed)).toBe(true);
    const big = 'w '.repeat(1000);
    expect(diffWords(big, big, 1000).a.every((w) => !w.changed)).toBe(true);
  });
});

describe('termRanges', () => {
  it('finds whole words, any case, across scripts', () => {
    const t = 'Cuba and Havana; cubans in HAVANA. Москва и Гавана.';
    const r = termRanges(t, ['havana', 'cuba', 'москва', 'x']).map(([a, b]) => t.slice(a, b));
    expect(r).toEqual(['Cuba', 'Havana', 'HAVANA', 'Москва']);
  });
  it('escapes regular-expression characters in terms', () => {
    expect(termRanges('a (b) c', ['(b)', '.*'])).toEqual([[2, 5]]);
    expect(termRanges('abc', ['.*', 'a|b', '[a-z]+'])).toEqual([]);
  });
});
