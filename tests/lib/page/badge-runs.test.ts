// Runs of badged paragraphs: one mark where consecutive paragraphs share passages with the same
// stories, single badges where reuse is scattered.
import { describe, expect, it } from 'vitest';
import { badgeRuns, storyKey } from '../../../lib/page/badge-runs';
import { groupByParagraph, type ParagraphSpan } from '../../../lib/page/paragraph-matches';
import { railSegment, RAIL_GAP_PX, RAIL_WIDTH_PX } from '../../../lib/page/overlay-layout';
import type { ReuseMatch } from '../../../lib/index/types';

const paras = [
  'Alpha beta gamma delta epsilon zeta eta theta iota.',
  'Kappa lambda mu nu xi omicron pi rho sigma.',
  'Tau upsilon phi chi psi omega one two three.',
  'A subhead here',
  'Four five six seven eight nine ten eleven twelve.',
  'Thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty.',
];
const text = paras.join('\n\n');
const spans: ParagraphSpan[] = [];
{
  let at = 0;
  paras.forEach((p, index) => {
    spans.push({ index, start: at, end: at + p.length });
    at += p.length + 2;
  });
}
const whole = (i: number): [number, number] => [spans[i].start, spans[i].end];

function match(id: string, kind: ReuseMatch['kind'], ranges: [number, number][], pageShare = 0.5): ReuseMatch {
  return {
    id,
    title: id,
    collection: 'c',
    kind,
    pageShare,
    storyShare: 0.5,
    passages: ranges.map(([a, b]) => ({ pageStart: a, pageEnd: b, storyStart: a, storyEnd: b })),
  };
}

describe('badgeRuns', () => {
  it('joins consecutive paragraphs shared with the same story into one run', () => {
    const groups = groupByParagraph(text, spans, { duplicates: [match('s1', 'duplicate', [whole(0), whole(1), whole(2)])], partial: [] });
    const runs = badgeRuns(groups);
    expect(runs).toHaveLength(1);
    expect(runs[0].members.map((g) => g.paragraph)).toEqual([0, 1, 2]);
    // The badge sits at the end of the last paragraph; the run covers all three.
    expect(runs[0].group.paragraph).toBe(2);
    expect(runs[0].group.start).toBe(spans[0].start);
    expect(runs[0].group.end).toBe(spans[2].end);
    expect(runs[0].group.ranges).toEqual([whole(0), whole(1), whole(2)]);
    expect(runs[0].group.stories).toHaveLength(1);
    expect(runs[0].group.stories[0].passages.map((p) => [p.pageStart, p.pageEnd])).toEqual([whole(0), whole(1), whole(2)]);
    expect(runs[0].group.stories[0].covered).toBe(paras[0].length + paras[1].length + paras[2].length);
  });

  it('breaks a run at an unshared paragraph between (a subhead), even for the same story', () => {
    const groups = groupByParagraph(text, spans, { duplicates: [match('s1', 'duplicate', [whole(1), whole(2), whole(4), whole(5)])], partial: [] });
    const runs = badgeRuns(groups);
    expect(runs.map((r) => r.members.map((g) => g.paragraph))).toEqual([
      [1, 2],
      [4, 5],
    ]);
  });

  it('keeps single badges where neighbouring paragraphs are shared with different stories', () => {
    const groups = groupByParagraph(text, spans, {
      duplicates: [],
      partial: [match('a', 'partial', [whole(0)]), match('b', 'partial', [whole(1)]), match('c', 'partial', [whole(2)])],
    });
    const runs = badgeRuns(groups);
    expect(runs.map((r) => r.members.length)).toEqual([1, 1, 1]);
    // A single badge's group is the paragraph's own.
    expect(runs[0].group).toBe(groups[0]);
  });

  it('needs the same set of stories, not just an overlap', () => {
    const groups = groupByParagraph(text, spans, {
      duplicates: [match('a', 'duplicate', [whole(0), whole(1), whole(2)])],
      partial: [match('b', 'partial', [whole(1)])],
    });
    expect(badgeRuns(groups).map((r) => r.members.map((g) => g.paragraph))).toEqual([[0], [1], [2]]);
  });

  it('merges several stories across the run, copies first, then by how much of the run they share', () => {
    const groups = groupByParagraph(text, spans, {
      duplicates: [match('dup', 'duplicate', [[spans[4].start, spans[4].start + 30], [spans[5].start, spans[5].start + 30]])],
      partial: [match('part', 'partial', [whole(4), whole(5)])],
    });
    const [run] = badgeRuns(groups);
    expect(run.members).toHaveLength(2);
    expect(run.group.stories.map((s) => s.match.id)).toEqual(['dup', 'part']);
    expect(run.group.ranges).toEqual([whole(4), whole(5)]);
  });

  it('is empty for no groups, and storyKey ignores story order', () => {
    expect(badgeRuns([])).toEqual([]);
    const g = groupByParagraph(text, spans, { duplicates: [match('b', 'duplicate', [whole(0)])], partial: [match('a', 'partial', [whole(0)])] });
    expect(storyKey(g[0])).toBe(['a', 'b'].join('\u0000'));
  });
});

describe('railSegment', () => {
  it('spans the paragraph from its first line to its last, left of its content box', () => {
    const rects = [
      { left: 100, top: 200, right: 600, bottom: 220 },
      { left: 100, top: 0, right: 100, bottom: 0 },
      { left: 100, top: 224, right: 300, bottom: 244 },
    ];
    const s = railSegment(rects, { left: 100, top: 190, right: 700, bottom: 250 });
    expect(s).toEqual({ left: 100 - RAIL_GAP_PX - RAIL_WIDTH_PX, top: 200, right: 100 - RAIL_GAP_PX, bottom: 244 });
  });

  it('stays on screen at the viewport edge and is null without rendered text', () => {
    expect(railSegment([{ left: 2, top: 10, right: 50, bottom: 30 }], { left: 2, top: 10, right: 50, bottom: 30 })?.left).toBe(0);
    expect(railSegment([], { left: 2, top: 10, right: 50, bottom: 30 })).toBeNull();
  });
});
