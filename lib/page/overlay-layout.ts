// Geometry of the reading overlay: where a paragraph's badge goes (where an inline badge at the
// end of its last line would sit, without reflowing anything), where its card goes, which rectangles
// a highlight paints, and whether a pointer is over a badge. Pure: rectangles in, positions out.

/** A rectangle in viewport coordinates (what getBoundingClientRect / getClientRects give). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Where to put something, viewport coordinates of its top-left corner. */
export interface Point {
  left: number;
  top: number;
}

function usable(r: Box): boolean {
  return r.right - r.left > 0.5 && r.bottom - r.top > 0.5;
}

/**
 * The last line of text of a paragraph, from its text's client rectangles in document order:
 * the vertical extent of the last non-empty rectangle and the leftmost start and rightmost end of
 * the rectangles on that line. Null when nothing is rendered (hidden, detached, empty).
 */
export function lastLine(rects: readonly Box[]): Box | null {
  let last: Box | null = null;
  for (let i = rects.length - 1; i >= 0; i--) {
    if (usable(rects[i])) {
      last = rects[i];
      break;
    }
  }
  if (!last) return null;
  const mid = (last.top + last.bottom) / 2;
  const line = { left: last.left, top: last.top, right: last.right, bottom: last.bottom };
  for (const r of rects) {
    // Same line: the rectangle spans the last one's vertical middle (inline elements of another
    // size on that line have other tops and bottoms, but all cross its middle).
    if (!usable(r) || r.top > mid || r.bottom < mid) continue;
    line.left = Math.min(line.left, r.left);
    line.right = Math.max(line.right, r.right);
  }
  return line;
}

/** Gap between the end of the text and the badge: the inline badge's 0.35em left margin, of the
 *  16px its host had (the host reset every property, font size included, to its initial value). */
export const BADGE_GAP_PX = 5.6;
/**
 * Distance from the text's baseline up to the top of the badge. The inline host sat on the
 * paragraph's baseline and its font was always the initial 16px, so this is one constant whatever
 * the page's font: measured on the inline badges of the fixture pages in Chromium (before the
 * overlay), and checked against them in tests/e2e/read-unseen.e2e.ts.
 */
export const BADGE_RISE_PX = 13.65;

/** Where a badge goes, and whether it shows its count only. */
export interface BadgePlace extends Point {
  compact: boolean;
}

/**
 * Top-left corner of a paragraph's badge: after the end of its last line, with its top where the
 * inline badge's was (`baseline` is the line's baseline). When the line is too full for the whole
 * badge, the inline badge wrapped onto a line of its own and pushed what follows down; the overlay
 * moves nothing, so a new line would cover the next paragraph: it shows the count alone
 * (`compactWidth`) at the end of the line instead, and only when even that does not fit goes to the
 * start of the next line, `lineHeight` further down. `block` is the paragraph's content box.
 * `space` is the width of a space in the paragraph's font when its text ends with white space: the
 * inline badge came after that space (a space before an inline-block is not dropped).
 */
export function badgePosition(
  line: Box,
  baseline: number,
  lineHeight: number,
  block: Box,
  badge: Size,
  compactWidth = badge.width,
  space = 0,
): BadgePlace {
  const top = baseline - BADGE_RISE_PX;
  const left = line.right + space + BADGE_GAP_PX;
  if (left + badge.width <= block.right + 0.5) return { left, top, compact: false };
  if (left + compactWidth <= block.right + 0.5) return { left, top, compact: true };
  return { left: block.left + BADGE_GAP_PX, top: top + lineHeight, compact: false };
}

/**
 * Whether what is painted at a badge's place belongs to its paragraph's own stack (the paragraph,
 * something inside it, or a box it sits in), given the page's topmost element there. Anything else
 * (a fixed header, a cookie banner, a dialog) covered the inline badge too, so it hides this one.
 */
export function uncovered<N>(top: N | null, paragraph: N, contains: (a: N, b: N) => boolean): boolean {
  if (top === null) return true;
  return top === paragraph || contains(top, paragraph) || contains(paragraph, top);
}

/** The card under its badge (above when there is no room), kept inside the viewport. */
export function cardPosition(anchor: Box, card: Size, viewport: Size, margin = 8, gap = 6): Point {
  const left = Math.max(margin, Math.min(anchor.left, viewport.width - card.width - margin));
  const below = anchor.bottom + gap;
  const above = anchor.top - card.height - gap;
  const top = below + card.height <= viewport.height - margin || above < margin ? below : above;
  return { left: Math.round(left), top: Math.round(top) };
}

/**
 * The rectangles a highlight paints: the text's client rectangles without empty ones and without
 * exact duplicates (a range over nested inline elements reports some twice).
 */
export function highlightBoxes(rects: readonly Box[]): Box[] {
  const out: Box[] = [];
  const seen = new Set<string>();
  for (const r of rects) {
    if (!usable(r)) continue;
    const key = `${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.right)},${Math.round(r.bottom)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

/** Index of the box the point is on (with `slop` pixels around each), or -1. */
export function boxAt(point: { x: number; y: number }, boxes: readonly (Box | null)[], slop = 0): number {
  for (let i = 0; i < boxes.length; i++) {
    const b = boxes[i];
    if (!b) continue;
    if (point.x >= b.left - slop && point.x <= b.right + slop && point.y >= b.top - slop && point.y <= b.bottom + slop) return i;
  }
  return -1;
}

/** Whether a box lies at least partly inside the viewport (with `margin` pixels around it). */
export function inView(b: Box, viewport: Size, margin = 0): boolean {
  return b.bottom >= -margin && b.top <= viewport.height + margin && b.right >= -margin && b.left <= viewport.width + margin;
}

/** Whether two lists of positions are the same to within half a pixel (nothing to redraw). */
export function samePositions(a: readonly (Point | null)[], b: readonly (Point | null)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || y === null) {
      if (x !== y) return false;
      continue;
    }
    if (Math.abs(x.left - y.left) > 0.5 || Math.abs(x.top - y.top) > 0.5) return false;
  }
  return true;
}

/** Width of a run's rail, px, and its gap to the paragraphs' text. */
export const RAIL_WIDTH_PX = 3;
export const RAIL_GAP_PX = 6;

/**
 * One paragraph's piece of a run's rail (the mark that stands for a run of badged paragraphs):
 * a thin bar left of the paragraph's content box (`block`), from the top of its first line of
 * text to the bottom of its last (`rects`: its text's client rectangles, in document order), kept
 * on screen when the paragraph starts at the viewport's edge. One piece per paragraph, never one
 * bar over the whole run: a box of the page's between two paragraphs (an ad, an unextracted
 * aside) is not marked as shared. Null when the paragraph has no rendered text.
 */
export function railSegment(rects: readonly Box[], block: Box): Box | null {
  let top = Infinity;
  let bottom = -Infinity;
  for (const r of rects) {
    if (!usable(r)) continue;
    top = Math.min(top, r.top);
    bottom = Math.max(bottom, r.bottom);
  }
  if (!(bottom > top)) return null;
  const left = Math.max(0, block.left - RAIL_GAP_PX - RAIL_WIDTH_PX);
  return { left, top, right: left + RAIL_WIDTH_PX, bottom };
}
