import { describe, expect, it } from 'vitest';
import type { ReuseMatch } from '../../../lib/index/types';
import type { ParagraphMatches } from '../../../lib/page/paragraph-matches';
import { paragraphFirstSeen } from '../../../lib/provenance/paragraph-first-seen';

const match = (id: string, published: string | undefined, passages: ReuseMatch['passages'], source?: string): ReuseMatch => ({
  kind: 'duplicate',
  id,
  title: `Title ${id}`,
  source,
  url: `https://${id}.example/x`,
  published,
  collection: 'c',
  pageShare: 1,
  storyShare: 1,
  passages,
});

function group(matches: ReuseMatch[], start = 100, end = 200): ParagraphMatches {
  return {
    paragraph: 1,
    start,
    end,
    ranges: [[start, end]],
    stories: matches.map((m) => ({ match: m, covered: end - start, passages: [{ pageStart: start, pageEnd: end, storyStart: 0, storyEnd: 100 }] })),
  };
}

describe('paragraph first seen', () => {
  it('names the earliest-dated first-seen story of the passages over the paragraph', () => {
    const tass = match('tass', '2023-04-22', [{ pageStart: 100, pageEnd: 200, storyStart: 0, storyEnd: 100, firstSeen: 'tass' }], 'TASS');
    const copy = match('copy', '2023-04-24', [
      { pageStart: 0, pageEnd: 90, storyStart: 0, storyEnd: 90, firstSeen: 'copy' }, // another paragraph
      { pageStart: 100, pageEnd: 200, storyStart: 0, storyEnd: 100, firstSeen: 'tass' },
    ]);
    expect(paragraphFirstSeen(group([copy, tass]))).toEqual({ id: 'tass', title: 'Title tass', outlet: 'TASS', published: '2023-04-22' });
  });

  it('passages of other paragraphs do not count, and the site stands in for a missing source', () => {
    const copy = match('copy', '2023-04-24', [
      { pageStart: 0, pageEnd: 90, storyStart: 0, storyEnd: 90, firstSeen: 'old' },
      { pageStart: 100, pageEnd: 200, storyStart: 0, storyEnd: 100, firstSeen: 'copy' },
    ]);
    const old = match('old', '2020-01-01', []);
    expect(paragraphFirstSeen(group([copy]), [old])?.outlet).toBe('copy.example');
  });

  it('finds the first-seen story among the other matches, and says nothing without dates', () => {
    const copy = match('copy', undefined, [{ pageStart: 120, pageEnd: 180, storyStart: 0, storyEnd: 60, firstSeen: 'elsewhere' }]);
    expect(paragraphFirstSeen(group([copy]))).toBeUndefined();
    const elsewhere = match('elsewhere', '2023-01-02T10:00:00+03:00', [], 'Reuters');
    expect(paragraphFirstSeen(group([copy]), [elsewhere])).toMatchObject({ id: 'elsewhere', outlet: 'Reuters' });
    expect(paragraphFirstSeen(group([match('x', '2023-01-01', [{ pageStart: 100, pageEnd: 200, storyStart: 0, storyEnd: 1 }])]))).toBeUndefined();
  });
});
