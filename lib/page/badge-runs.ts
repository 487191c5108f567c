// Badges that do not clutter: consecutive badged paragraphs matched by the same corpus stories
// (a reprinted stretch of an article) become one mark over the run; paragraphs whose reuse is
// scattered (different stories, or a paragraph between them not shared) keep a badge each.
// Pure: the paragraph groups of paragraph-matches.ts in, runs out.
import type { Passage } from '../index/types';
import { merge, type ParagraphMatches, type ParagraphStory } from './paragraph-matches';

/** One mark on the page: a single badged paragraph, or a run of them shown as one. */
export interface BadgeRun {
  /** The run's paragraphs, in page order (one for a single badge). */
  members: ParagraphMatches[];
  /**
   * The run as one group: `paragraph`, `start` and `end` of its last paragraph's group are replaced
   * by the last paragraph's index (the badge sits at its end) and the run's first start and last
   * end; stories merged across the members (each story's passages from every paragraph, strongest
   * first as in a paragraph); ranges the union of the members' ranges.
   */
  group: ParagraphMatches;
}

/** The set of stories a paragraph shares passages with, as a comparable key. */
export function storyKey(g: ParagraphMatches): string {
  return g.stories
    .map((s) => s.match.id)
    .sort()
    .join('\u0000');
}

/**
 * Groups consecutive paragraph groups into runs: two groups are in one run when their paragraphs
 * are next to each other in the page's paragraph order (no extracted paragraph between them, so a
 * subhead or an unshared paragraph breaks the run) and they share passages with exactly the same
 * stories. `groups` must be in page order (groupByParagraph's order).
 */
export function badgeRuns(groups: readonly ParagraphMatches[]): BadgeRun[] {
  const runs: ParagraphMatches[][] = [];
  let key = '';
  for (const g of groups) {
    const k = storyKey(g);
    const last = runs[runs.length - 1];
    const prev = last?.[last.length - 1];
    if (prev && prev.paragraph + 1 === g.paragraph && k === key) last.push(g);
    else runs.push([g]);
    key = k;
  }
  return runs.map((members) => ({ members, group: members.length === 1 ? members[0] : joined(members) }));
}

function joined(members: ParagraphMatches[]): ParagraphMatches {
  const first = members[0];
  const last = members[members.length - 1];
  const byStory = new Map<string, { story: ParagraphStory; passages: Passage[]; covered: number }>();
  for (const m of members) {
    for (const s of m.stories) {
      const seen = byStory.get(s.match.id);
      if (seen) {
        seen.passages.push(...s.passages);
        seen.covered += s.covered;
      } else byStory.set(s.match.id, { story: s, passages: [...s.passages], covered: s.covered });
    }
  }
  const stories: ParagraphStory[] = [...byStory.values()].map(({ story, passages, covered }) => ({
    match: story.match,
    passages: passages.sort((x, y) => x.pageStart - y.pageStart),
    covered,
  }));
  // Same order as within a paragraph: copies first, then by how much of the run is shared.
  stories.sort(
    (x, y) =>
      rank(x) - rank(y) || y.covered - x.covered || y.match.pageShare - x.match.pageShare,
  );
  return {
    paragraph: last.paragraph,
    start: first.start,
    end: last.end,
    stories,
    ranges: merge(members.flatMap((m) => m.ranges.map((r) => [r[0], r[1]] as [number, number]))),
  };
}

function rank(s: ParagraphStory): number {
  return s.match.kind === 'duplicate' ? 0 : 1;
}
