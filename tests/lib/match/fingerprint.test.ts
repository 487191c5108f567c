import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintSet, hashWords, shingleHashes, winnow } from '../../../lib/match/fingerprint';
import { GUARANTEED_RUN, QUERY_WINDOW, SHINGLE_WORDS, WINDOW } from '../../../lib/match/params';
import { tokenize } from '../../../lib/text/normalize';

const words = (s: string) => hashWords(tokenize(s).words);

describe('winnowing', () => {
  it('selects about 2/(w+1) of the shingles', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `w${(i * 7919) % 1009}`).join(' ');
    const sh = shingleHashes(words(text));
    const density = winnow(sh).length / sh.length;
    expect(density).toBeGreaterThan(1.6 / (WINDOW + 1));
    expect(density).toBeLessThan(2.4 / (WINDOW + 1));
  });

  it(`guarantees a shared fingerprint for every shared run of ${GUARANTEED_RUN} words`, () => {
    const vocab = fc.constantFrom(...'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau'.split(' '));
    fc.assert(
      fc.property(fc.array(vocab, { maxLength: 40 }), fc.array(vocab, { minLength: GUARANTEED_RUN, maxLength: 30 }), fc.array(vocab, { maxLength: 40 }), fc.array(vocab, { maxLength: 40 }), (pre1, shared, pre2, post) => {
        const a = new Set(fingerprintSet(words([...pre1, ...shared].join(' '))));
        const b = fingerprintSet(words([...pre2, ...shared, ...post].join(' ')));
        expect(b.some((h) => a.has(h))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('finds every shared run of W + 4 words when the page side winnows with a wider window W', () => {
    const vocab = fc.constantFrom(...'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau'.split(' '));
    for (const W of [QUERY_WINDOW.normal, QUERY_WINDOW.strict]) {
      fc.assert(
        fc.property(fc.array(vocab, { maxLength: 40 }), fc.array(vocab, { minLength: W + SHINGLE_WORDS - 1, maxLength: 40 }), fc.array(vocab, { maxLength: 40 }), (pre, shared, post) => {
          const stored = new Set(fingerprintSet(words([...pre, ...shared].join(' '))));
          const looked = winnow(shingleHashes(words([...shared, ...post].join(' '))), W);
          expect(looked.some((f) => stored.has(f.hash))).toBe(true);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('is insensitive to typography and gives nothing for texts shorter than a shingle', () => {
    expect(fingerprintSet(words('Mr Kloepfer’s “smart” gun — it went click twice, though.'))).toEqual(
      fingerprintSet(words("MR KLOEPFER'S smart gun - it went click twice though")),
    );
    expect(fingerprintSet(words('only four words here'))).toEqual([]);
    expect(SHINGLE_WORDS).toBe(5);
  });
});
