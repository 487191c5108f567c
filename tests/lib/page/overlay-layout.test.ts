// The overlay's geometry: badge places from a paragraph's text rectangles, the card's place, the
// highlight boxes, pointer hit-tests and what counts as covering a badge.
import { describe, expect, it } from 'vitest';
import {
  BADGE_GAP_PX,
  BADGE_RISE_PX,
  badgePosition,
  boxAt,
  cardPosition,
  highlightBoxes,
  inView,
  lastLine,
  samePositions,
  uncovered,
  type Box,
} from '../../../lib/page/overlay-layout';

const box = (left: number, top: number, right: number, bottom: number): Box => ({ left, top, right, bottom });

describe('lastLine', () => {
  it('is the last rendered rectangle, widened to the other rectangles on its line', () => {
    const rects = [
      box(50, 100, 700, 120),
      box(50, 129, 300, 149),
      box(300, 127, 420, 151),
      box(420, 129, 520, 149),
      box(520, 129, 520, 149),
    ];
    expect(lastLine(rects)).toEqual(box(50, 129, 520, 149));
  });

  it('skips empty rectangles at the end and answers null when nothing is rendered', () => {
    expect(lastLine([box(10, 10, 90, 30), box(90, 10, 90, 30), box(0, 0, 0, 0)])).toEqual(box(10, 10, 90, 30));
    expect(lastLine([box(0, 0, 0, 0)])).toBeNull();
    expect(lastLine([])).toBeNull();
  });
});

describe('badgePosition', () => {
  const block = box(50, 100, 770, 400);
  const line = box(50, 380, 300, 400);
  const baseline = 396;

  it('goes after the end of the last line, its top a fixed rise above the baseline', () => {
    const at = badgePosition(line, baseline, 29, block, { width: 176, height: 18 }, 24);
    expect(at).toEqual({ left: 300 + BADGE_GAP_PX, top: baseline - BADGE_RISE_PX, compact: false });
  });

  it('leaves the room of a trailing space, as the inline badge did', () => {
    expect(badgePosition(line, baseline, 29, block, { width: 176, height: 18 }, 24, 4.5).left).toBe(300 + 4.5 + BADGE_GAP_PX);
  });

  it('shows the count alone when the whole badge does not fit the line, and wraps when even that does not', () => {
    const full = box(50, 380, 700, 400);
    expect(badgePosition(full, baseline, 29, block, { width: 176, height: 18 }, 24)).toEqual({
      left: 700 + BADGE_GAP_PX,
      top: baseline - BADGE_RISE_PX,
      compact: true,
    });
    const brim = box(50, 380, 760, 400);
    expect(badgePosition(brim, baseline, 29, block, { width: 176, height: 18 }, 24)).toEqual({
      left: 50 + BADGE_GAP_PX,
      top: baseline - BADGE_RISE_PX + 29,
      compact: false,
    });
  });
});

describe('cardPosition', () => {
  const view = { width: 1200, height: 900 };
  it('puts the card under its badge, inside the viewport', () => {
    expect(cardPosition(box(100, 200, 276, 218), { width: 380, height: 300 }, view)).toEqual({ left: 100, top: 224 });
    expect(cardPosition(box(1000, 200, 1176, 218), { width: 380, height: 300 }, view)).toEqual({ left: 812, top: 224 });
  });
  it('goes above when there is no room below, but never off the top', () => {
    expect(cardPosition(box(100, 800, 276, 818), { width: 380, height: 300 }, view)).toEqual({ left: 100, top: 494 });
    expect(cardPosition(box(100, 100, 276, 118), { width: 380, height: 850 }, view)).toEqual({ left: 100, top: 124 });
  });
});

describe('highlightBoxes, boxAt, inView, samePositions, uncovered', () => {
  it('drops empty and repeated rectangles', () => {
    expect(highlightBoxes([box(1, 1, 50, 20), box(1, 1, 50, 20), box(5, 5, 5, 20), box(60, 1, 90, 20)])).toEqual([
      box(1, 1, 50, 20),
      box(60, 1, 90, 20),
    ]);
  });

  it('finds the box under a point, with slop, skipping missing boxes', () => {
    const boxes = [null, box(10, 10, 30, 28), box(100, 10, 130, 28)];
    expect(boxAt({ x: 20, y: 20 }, boxes)).toBe(1);
    expect(boxAt({ x: 131, y: 20 }, boxes)).toBe(-1);
    expect(boxAt({ x: 131, y: 20 }, boxes, 1)).toBe(2);
    expect(boxAt({ x: 60, y: 20 }, boxes)).toBe(-1);
  });

  it('tells boxes in view and positions that did not move', () => {
    expect(inView(box(10, -30, 50, -10), { width: 100, height: 100 })).toBe(false);
    expect(inView(box(10, -30, 50, -10), { width: 100, height: 100 }, 20)).toBe(true);
    expect(samePositions([{ left: 1, top: 2 }, null], [{ left: 1.3, top: 2.4 }, null])).toBe(true);
    expect(samePositions([{ left: 1, top: 2 }], [{ left: 1, top: 3 }])).toBe(false);
    expect(samePositions([null], [{ left: 1, top: 3 }])).toBe(false);
  });

  it('counts a badge covered unless the topmost thing there is its paragraph, inside it or around it', () => {
    // A tiny tree: body > article > p > a, and body > banner.
    const parent = new Map([
      ['article', 'body'],
      ['p', 'article'],
      ['a', 'p'],
      ['banner', 'body'],
    ]);
    const contains = (a: string, b: string) => {
      for (let n: string | undefined = b; n; n = parent.get(n)) if (n === a) return true;
      return false;
    };
    expect(uncovered('p', 'p', contains)).toBe(true);
    expect(uncovered('a', 'p', contains)).toBe(true);
    expect(uncovered('article', 'p', contains)).toBe(true);
    expect(uncovered(null, 'p', contains)).toBe(true);
    expect(uncovered('banner', 'p', contains)).toBe(false);
  });
});
