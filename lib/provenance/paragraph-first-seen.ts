// Where one badged paragraph's words were first seen: of the first-seen stories (Passage.firstSeen,
// lib/provenance/provenance.ts) of the passages over the paragraph, the earliest dated. The card says it.
import type { ReuseMatch } from '../index/types';
import type { ParagraphMatches } from '../page/paragraph-matches';
import { siteOf } from '../page/format';
import { dayValue } from './display-date';

/** The story a paragraph was first seen in, as the card names it. */
export interface FirstSeenRef {
  id: string;
  title: string;
  /** The outlet: the story's source, else the site of its URL, else its title. */
  outlet: string;
  /** ISO 8601. */
  published: string;
}

/**
 * The earliest-dated first-seen story of the passages lying over the paragraph, looked up among
 * the paragraph's stories and `others` (the rest of the page's matches, when the caller has them).
 * Undefined when provenance was not worked out or no story holding these words is dated.
 */
export function paragraphFirstSeen(group: ParagraphMatches, others: readonly ReuseMatch[] = []): FirstSeenRef | undefined {
  const byId = new Map<string, ReuseMatch>();
  for (const m of [...others, ...group.stories.map((s) => s.match)]) byId.set(m.id, m);
  let best: { m: ReuseMatch; t: number } | undefined;
  for (const s of group.stories) {
    // The clipped passages drop firstSeen; the match's own passages over this paragraph keep it.
    for (const p of s.match.passages) {
      if (p.firstSeen === undefined || p.pageEnd <= group.start || p.pageStart >= group.end) continue;
      const m = byId.get(p.firstSeen);
      const t = dayValue(m?.published);
      if (m && t !== undefined && (!best || t < best.t)) best = { m, t };
    }
  }
  if (!best) return undefined;
  const m = best.m;
  return { id: m.id, title: m.title, outlet: m.source?.trim() || siteOf(m.url) || m.title, published: m.published! };
}
