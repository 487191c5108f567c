// The final related ranking: cosine over whole key-term vectors, weighed by shared terms and by
// publication dates when both are known.
import { describe, expect, it } from 'vitest';
import type { TermPostings } from '../../../lib/index/types';
import { rankRelated } from '../../../lib/match/related-rank';

const postings = (df: Record<string, number>) =>
  new Map<string, TermPostings>(Object.entries(df).map(([t, n]) => [t, { df: n, keys: [], weights: [] } as TermPostings]));
const page: [string, number][] = [
  ['havana', 4],
  ['bruno rodriguez', 6],
  ['embargo', 2],
  ['sanctions', 2],
  ['vote', 1],
];
const df = postings({ havana: 40, 'bruno rodriguez': 12, embargo: 80, sanctions: 90, vote: 300 });
const base = { corpusSize: 10_000, minScore: 0.1, minShared: 2 };

describe('rankRelated', () => {
  it('ranks by shared key terms, and leaves out a story sharing one term', () => {
    const stories = [
      { id: 'one', terms: [['havana', 5], ['tourism', 3], ['beaches', 3]] as [string, number][] },
      { id: 'many', terms: [['havana', 3], ['bruno rodriguez', 4], ['embargo', 2], ['sanctions', 1], ['geneva', 2]] as [string, number][] },
      { id: 'two', terms: [['embargo', 2], ['vote', 2], ['wheat', 4], ['prices', 4]] as [string, number][] },
    ];
    const r = rankRelated(page, page, df, stories, base);
    expect(r.map((x) => x.story.id)).toEqual(['many']);
    expect(r[0].terms).toContain('bruno rodriguez');
    expect(r[0].score).toBeGreaterThan(0.1);
    expect(r[0].score).toBeLessThanOrEqual(1);
  });

  it('puts the story published near the page first when scores are alike, and ignores dates when one is missing', () => {
    const terms: [string, number][] = [['havana', 3], ['bruno rodriguez', 4], ['embargo', 2], ['sanctions', 2]];
    const stories = [
      { id: 'far', terms, published: '2024-01-01' },
      { id: 'near', terms, published: '2024-06-02' },
    ];
    const dated = rankRelated(page, page, df, stories, { ...base, published: '2024-06-01T10:00:00Z' });
    expect(dated.map((x) => x.story.id)).toEqual(['near', 'far']);
    expect(dated[1].score).toBeLessThan(dated[0].score);
    const undated = rankRelated(page, page, df, stories, base);
    expect(undated[0].score).toBe(undated[1].score);
  });

  it('lists a weaker match when it was published within days of the page', () => {
    const weak: [string, number][] = [['havana', 1], ['embargo', 1], ['sanctions', 1], ['vote', 1], ...Array.from({ length: 40 }, (_, i) => [`w${i}`, 2] as [string, number])];
    const stories = [{ id: 'weak', terms: weak, published: '2024-06-01' }];
    const minScore = 0.1;
    expect(rankRelated(page, page, df, stories, { ...base, minScore, published: '2023-01-01' })).toHaveLength(0);
    expect(rankRelated(page, page, df, stories, { ...base, minScore, published: '2024-06-02' })).toHaveLength(1);
  });
});
