// Provenance of a page's answer: its origin (the earliest-dated story it reuses), the story each
// shared passage was first seen in, and whether the page itself may be the origin.
import type { OriginRef, Passage, QueryResult, ReuseMatch } from '../index/types';
import { dateKey, surelyBefore } from './date-order';

/** A passage of another match covering at least this share of a passage holds the same text. */
const SAME_RANGE_SHARE = 0.5;

/**
 * The result with `origin`, each passage's `firstSeen` and `pageMayBeOrigin` filled in; the input
 * is left as it was. Works on any answer (local, team, or both merged): it reads only the matches'
 * `published` dates and passage ranges.
 *
 * - origin: the earliest-dated story among duplicates and partial reuses (null when none is dated).
 * - firstSeen: of the matches holding a passage's page range (the match itself, and every match
 *   with a passage over at least half of that range), the earliest-dated; may differ per passage.
 * - pageMayBeOrigin: the page's own date (`pagePublished`, ISO 8601) is surely before every dated
 *   match (and one is dated).
 *
 * Equal dates go to the match listed first (duplicates best first, then partial reuses).
 */
export function addProvenance(result: QueryResult, pagePublished?: string): QueryResult {
  const reuse = [...result.duplicates, ...result.partial];
  const keyOf = new Map<ReuseMatch, number>();
  for (const m of reuse) {
    const k = m.published ? dateKey(m.published) : NaN;
    if (!Number.isNaN(k)) keyOf.set(m, k);
  }
  const earliest = (ms: Iterable<ReuseMatch>): ReuseMatch | undefined => {
    let best: ReuseMatch | undefined;
    for (const m of ms) {
      const k = keyOf.get(m);
      if (k !== undefined && (best === undefined || k < keyOf.get(best)!)) best = m;
    }
    return best;
  };

  const withFirstSeen = (m: ReuseMatch): ReuseMatch => ({
    ...m,
    passages: m.passages.map((p) => {
      const first = earliest(holders(p, m, reuse));
      const out: Passage = { ...p };
      if (first) out.firstSeen = first.id;
      else delete out.firstSeen;
      return out;
    }),
  });

  const first = earliest(reuse);
  const origin: OriginRef | null = first ? originRef(first) : null;
  const dated = reuse.filter((m) => keyOf.has(m));
  const pageMayBeOrigin =
    !!pagePublished && !Number.isNaN(dateKey(pagePublished)) && dated.length > 0 && dated.every((m) => surelyBefore(pagePublished, m.published!));
  return {
    ...result,
    duplicates: result.duplicates.map(withFirstSeen),
    partial: result.partial.map(withFirstSeen),
    origin,
    pageMayBeOrigin,
  };
}

function originRef(m: ReuseMatch): OriginRef {
  const o: OriginRef = { id: m.id, title: m.title, date: m.published! };
  if (m.source) o.source = m.source;
  return o;
}

/** The matches holding a passage's page range: its own, and any with a passage over most of it. */
function* holders(p: Passage, own: ReuseMatch, reuse: readonly ReuseMatch[]): Generator<ReuseMatch> {
  yield own;
  const length = p.pageEnd - p.pageStart;
  if (length <= 0) return;
  for (const m of reuse) {
    if (m === own) continue;
    for (const q of m.passages) {
      const overlap = Math.min(p.pageEnd, q.pageEnd) - Math.max(p.pageStart, q.pageStart);
      if (overlap >= length * SAME_RANGE_SHARE) {
        yield m;
        break;
      }
    }
  }
}
