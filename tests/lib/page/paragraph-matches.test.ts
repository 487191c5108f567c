import { describe, expect, it } from 'vitest';
import { groupByParagraph, merge, type ParagraphSpan } from '../../../lib/page/paragraph-matches';
import type { ReuseMatch } from '../../../lib/index/types';

const paras = ['Alpha beta gamma delta epsilon zeta eta theta.', 'Iota kappa lambda mu nu xi omicron pi rho.', 'Short one.', 'Sigma tau upsilon phi chi psi omega again and again.'];
const text = paras.join('\n\n');
const spans: ParagraphSpan[] = [];
{
  let at = 0;
  paras.forEach((p, index) => {
    spans.push({ index, start: at, end: at + p.length });
    at += p.length + 2;
  });
}

function match(id: string, kind: ReuseMatch['kind'], ranges: [number, number][], pageShare = 0.5): ReuseMatch {
  return {
    id,
    title: id,
    collection: 'c',
    kind,
    pageShare,
    storyShare: 0.5,
    passages: ranges.map(([a, b]) => ({ pageStart: a, pageEnd: b, storyStart: 0, storyEnd: b - a })),
  };
}

const at = (s: string) => text.indexOf(s);

describe('groupByParagraph', () => {
  it('assigns passages to the paragraphs they cover and clips them there', () => {
    const a = at('gamma');
    const b = at('omicron') + 'omicron'.length; // runs across the break into paragraph 1
    const g = groupByParagraph(text, spans, { duplicates: [match('s1', 'duplicate', [[a, b]])], partial: [] });
    expect(g.map((x) => x.paragraph)).toEqual([0, 1]);
    expect(g[0].ranges).toEqual([[a, spans[0].end]]);
    expect(g[1].ranges).toEqual([[spans[1].start, b]]);
    expect(g[0].stories[0].match.id).toBe('s1');
  });

  it('does not badge a paragraph a passage only grazes, unless it covers all of it', () => {
    const a = at('theta'); // last word of paragraph 0 only
    const b = at('Short one.') + 'Short one.'.length;
    const g = groupByParagraph(text, spans, { duplicates: [], partial: [match('s1', 'partial', [[a, b]])] });
    // Paragraph 0: one word (grazed); paragraph 1: all of it; paragraph 2: all of its two words.
    expect(g.map((x) => x.paragraph)).toEqual([1, 2]);
  });

  it('does not badge a short paragraph a passage bridges from both sides (an inserted subhead)', () => {
    const a = at('Iota');
    const b = at('phi') + 'phi'.length; // paragraph 1, the 2-word paragraph 2, then paragraph 3
    const g = groupByParagraph(text, spans, { duplicates: [match('s1', 'duplicate', [[a, b]])], partial: [] });
    expect(g.map((x) => x.paragraph)).toEqual([1, 3]);
  });

  it('lists duplicates before partial reuse, then by coverage, and merges overlapping ranges', () => {
    const p3 = spans[3];
    const part = match('part', 'partial', [[p3.start, p3.end]], 0.9);
    const dup = match('dup', 'duplicate', [[p3.start, p3.start + 20], [p3.start + 10, p3.start + 30]], 0.2);
    const g = groupByParagraph(text, spans, { duplicates: [dup], partial: [part] });
    expect(g).toHaveLength(1);
    expect(g[0].stories.map((s) => s.match.id)).toEqual(['dup', 'part']);
    expect(g[0].ranges).toEqual([[p3.start, p3.end]]);
    expect(g[0].stories[0].covered).toBe(30);
  });

  it('ignores inverted, empty and out-of-range passages', () => {
    const bad = match('bad', 'partial', [[50, 10], [5, 5], [-100, -50], [text.length + 10, text.length + 99]]);
    expect(groupByParagraph(text, spans, { duplicates: [], partial: [bad] })).toEqual([]);
  });

  it('merge joins overlapping and touching ranges', () => {
    expect(merge([[5, 9], [0, 3], [3, 4], [8, 12]])).toEqual([[0, 4], [5, 12]]);
    expect(merge([])).toEqual([]);
  });
});
