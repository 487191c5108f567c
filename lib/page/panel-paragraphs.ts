// The side panel's view of a checked page: its paragraphs back from the checked text, and each
// paragraph cut into pieces that are shared with the corpus or not (for the highlight). Pure.
import type { ParagraphSpan } from './paragraph-matches';

/**
 * The paragraphs of a checked page text. Extraction joins paragraphs with a blank line and folds
 * all other white space (lib/page/extract.ts), so the blank lines are where paragraphs meet.
 */
export function panelParagraphs(text: string): ParagraphSpan[] {
  const out: ParagraphSpan[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n\n', start);
    const stop = end < 0 ? text.length : end;
    if (stop > start && /\S/u.test(text.slice(start, stop))) out.push({ index: out.length, start, end: stop });
    if (end < 0) break;
    start = end + 2;
  }
  return out;
}

/** A run of one paragraph's text, shared with the corpus (highlighted) or not. */
export interface Piece {
  text: string;
  shared: boolean;
}

/**
 * The paragraph `span` of `text` cut at the edges of `ranges` (page-text offsets, merged, in
 * order); ranges outside the paragraph are clipped away.
 */
export function paragraphPieces(text: string, span: ParagraphSpan, ranges: readonly [number, number][]): Piece[] {
  const out: Piece[] = [];
  let at = span.start;
  for (const [a0, b0] of ranges) {
    const a = Math.max(a0, at, span.start);
    const b = Math.min(b0, span.end);
    if (b <= a) continue;
    if (a > at) out.push({ text: text.slice(at, a), shared: false });
    out.push({ text: text.slice(a, b), shared: true });
    at = b;
  }
  if (at < span.end) out.push({ text: text.slice(at, span.end), shared: false });
  return out;
}
