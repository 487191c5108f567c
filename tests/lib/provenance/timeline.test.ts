import { describe, expect, it } from 'vitest';
import type { QueryResult, ReuseMatch } from '../../../lib/index/types';
import { layoutTimeline, markLabel, MAX_ROWS, timelineItems } from '../../../lib/provenance/timeline';

const reuse = (id: string, source: string | undefined, published: string | undefined, kind: 'duplicate' | 'partial' = 'duplicate'): ReuseMatch => ({
  kind,
  id,
  title: `Story ${id}`,
  source,
  published,
  collection: 'c',
  pageShare: 0.5,
  storyShare: 0.5,
  passages: [],
});

function result(): QueryResult {
  return {
    pageWords: 100,
    duplicates: [reuse('a', 'TASS', '2023-04-22'), reuse('b', 'Sputnik', '2023-04-24T09:00:00+03:00')],
    partial: [reuse('c', undefined, '2023-04-22', 'partial'), reuse('d', 'Blog', undefined, 'partial')],
    related: [{ id: 'e', title: 'Story e', source: 'TASS', published: '2023-05-02', collection: 'c', score: 0.3, terms: [] }],
    origin: { id: 'a', title: 'Story a', source: 'TASS', date: '2023-04-22' },
  };
}

describe('coverage timeline', () => {
  it('places the page and every dated story, one row per outlet, and lists the undated apart', () => {
    const c = result();
    c.partial[0].url = 'https://blog.example.net/p';
    const items = timelineItems({ title: 'Page', url: 'https://www.example.org/x', published: '2023-04-25' }, c);
    const l = layoutTimeline(items, { locale: 'en-GB' });
    expect(items).toHaveLength(6);
    expect(l.marks.map((m) => m.item.id)).toEqual(['a', 'c', 'b', '', 'e']);
    expect(l.undated.map((i) => i.id)).toEqual(['d']);
    expect(l.rows.map((r) => r.outlet)).toEqual(['example.org', 'TASS', 'blog.example.net', 'Sputnik']);
    // Time runs left to right; the same outlet shares a row.
    const x = Object.fromEntries(l.marks.map((m) => [m.item.id || 'page', m.x]));
    expect(x.a).toBeLessThan(x.b);
    expect(x.b).toBeLessThan(x.page);
    expect(x.page).toBeLessThan(x.e);
    expect(x.a).toBeCloseTo(x.c, 5);
    const row = Object.fromEntries(l.marks.map((m) => [m.item.id || 'page', m.row]));
    expect(row.a).toBe(row.e);
    for (const m of l.marks) {
      expect(m.x).toBeGreaterThanOrEqual(l.plotLeft);
      expect(m.x).toBeLessThanOrEqual(l.plotRight);
    }
    expect(l.ticks[0].label).toBe('22 Apr 2023');
    expect(l.ticks[l.ticks.length - 1].label).toBe('2 May 2023');
    // Tick labels never touch, whatever the width (first anchored at its start, last at its end).
    for (const width of [200, 280, 380, 600]) {
      const ticks = layoutTimeline(items, { locale: 'en-US', width }).ticks;
      const boxes = ticks.map((t, i) => {
        const w = t.label.length * 6;
        const left = i === 0 ? t.x : i === ticks.length - 1 ? t.x - w : t.x - w / 2;
        return [left, left + w];
      });
      for (let i = 1; i < boxes.length; i++) expect(boxes[i][0], `width ${width}`).toBeGreaterThan(boxes[i - 1][1]);
    }
  });

  it('labels marks for screen readers, the origin said so', () => {
    const [page, a] = timelineItems({ title: 'Page', published: '2023-04-25' }, result());
    expect(markLabel(a, 'en-GB')).toBe('Copy: Story a, TASS, 22 Apr 2023 (origin)');
    expect(markLabel(page, 'en-GB')).toBe('This page, This page, 25 Apr 2023');
  });

  it('keeps an undated page off the axis, spreads marks on the same day, and caps the rows', () => {
    const r = result();
    r.duplicates = Array.from({ length: 20 }, (_, i) => reuse(`s${i}`, `Outlet ${i}`, '2023-04-22'));
    r.duplicates.push(reuse('twin', 'Outlet 0', '2023-04-22'));
    const l = layoutTimeline(timelineItems({ title: 'Page' }, r));
    expect(l.undated.map((i) => i.kind)).toContain('page');
    expect(l.rows).toHaveLength(MAX_ROWS);
    expect(l.rows[MAX_ROWS - 1].outlet).toBe('Other outlets');
    const [s0, twin] = [l.marks.find((m) => m.item.id === 's0')!, l.marks.find((m) => m.item.id === 'twin')!];
    expect(twin.row).toBe(s0.row);
    expect(twin.x).toBeGreaterThan(s0.x);
  });

  it('has nothing to place when nothing is dated', () => {
    const r: QueryResult = { pageWords: 1, duplicates: [reuse('a', 'X', undefined)], partial: [], related: [] };
    const l = layoutTimeline(timelineItems({}, r));
    expect(l.marks).toEqual([]);
    expect(l.ticks).toEqual([]);
    expect(l.undated).toHaveLength(2);
  });
});
