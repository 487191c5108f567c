// Anchor terms: a story's strongest translation-proof anchors (its recurring names by cross-script
// key, its long numbers), stored beside its key terms so the term postings of any backend can
// find the corpus stories a page may translate. They carry a mark no normalized word can start
// with, and relatedness scoring leaves them out (isAnchorTerm).
import { anchorsOf } from './anchors';

/** U+21C4 (⇄): never a word character, so never the start of a key term. */
const MARK = '\u21c4';
/** Anchor terms stored per story: enough to find it from any translated paragraph or two. */
export const STORY_ANCHOR_TERMS = 10;
/** Anchor terms a page looks up. */
export const PAGE_ANCHOR_TERMS = 8;

export function isAnchorTerm(term: string): boolean {
  return term.startsWith(MARK);
}

/** The strongest anchors of a text as weighted terms, strongest first: names by how often the
 *  story names them (its subjects), numbers of three or more digits (amounts, years, counts). */
export function anchorTerms(title: string, text: string, limit = STORY_ANCHOR_TERMS): [string, number][] {
  const counts = new Map<string, number>();
  for (const a of anchorsOf(`${title}\n${text}`)) {
    // Short numbers and years recur across any corpus: judging uses them, finding does not.
    if (a[0] === '#' && (a.length < 4 || /^#(19|20)\d\d$/.test(a))) continue;
    counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  const out: [string, number][] = [];
  for (const [a, n] of counts) out.push([MARK + a, (a[0] === '#' ? 1.5 : 1) * (1 + Math.log(n))]);
  out.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return out.slice(0, limit).map(([t, w]) => [t, Math.round(w * 1000) / 1000]);
}
