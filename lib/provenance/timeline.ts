// The coverage timeline's model: the page and every duplicated and related story placed on a time
// axis (x: publication day) in one row per outlet. Pure layout; components/CoverageTimeline draws it.
import type { QueryResult } from '../index/types';
import { siteOf } from '../page/format';
import { dayValue, formatPublished } from './display-date';
import type { MessageKey, Translate } from '../i18n/i18n';
import { englishT } from '../i18n/english';

export type TimelineKind = 'page' | 'duplicate' | 'partial' | 'related';

/** One story (or the page) the timeline shows. */
export interface TimelineItem {
  /** Story id; '' for the page. */
  id: string;
  kind: TimelineKind;
  title: string;
  /** The outlet row it sits in: the source, else the site of its URL, else "Unknown outlet". */
  outlet: string;
  /** ISO 8601; absent when unknown (the item is listed as undated, not placed). */
  published?: string;
  url?: string;
  /** The page's origin (earliest-dated story it reuses). */
  origin: boolean;
}

/** A placed item. */
export interface TimelineMark {
  item: TimelineItem;
  /** Centre, in the layout's coordinates. */
  x: number;
  y: number;
  row: number;
  /** What a screen reader says for it. */
  label: string;
}

export interface TimelineLayout {
  width: number;
  height: number;
  /** Where the axis runs (x) and where row labels end. */
  plotLeft: number;
  plotRight: number;
  axisY: number;
  rows: { outlet: string; y: number }[];
  /** Earliest first; marks on the same day in the same row sit side by side. */
  marks: TimelineMark[];
  ticks: { x: number; label: string }[];
  /** Items without a date: not on the axis, listed apart. */
  undated: TimelineItem[];
}

export interface TimelineOptions {
  width?: number;
  rowHeight?: number;
  /** Width of the outlet labels column. */
  labelWidth?: number;
  /** For dates in labels and ticks (undefined: the runtime's default). */
  locale?: string;
  /** The words of labels (default English). */
  t?: Translate;
}

/** The message naming each kind of item. */
export const KIND_WORD: Record<TimelineKind, MessageKey> = {
  page: 'timeline_kind_page',
  duplicate: 'kind_copy',
  partial: 'timeline_kind_partial',
  related: 'timeline_kind_related',
};
const DAY = 86_400_000;
/** Most outlet rows drawn; outlets past them (fewest stories) share one "Other outlets" row. */
export const MAX_ROWS = 12;

function outletOf(source: string | undefined, url: string | undefined, t: Translate): string {
  const s = source?.replace(/\s+/gu, ' ').trim();
  return s ? s.slice(0, 80) : siteOf(url) || t('outlet_unknown');
}

/** The page and its duplicates, partial reuses and related stories, as timeline items. */
export function timelineItems(
  page: { title?: string; url?: string; published?: string },
  result: QueryResult,
  t: Translate = englishT,
): TimelineItem[] {
  const originId = result.origin?.id;
  const here = t('timeline_kind_page');
  const items: TimelineItem[] = [
    { id: '', kind: 'page', title: page.title?.trim() || here, outlet: siteOf(page.url) || here, published: page.published, url: page.url, origin: false },
  ];
  for (const m of [...result.duplicates, ...result.partial, ...result.related]) {
    items.push({
      id: m.id,
      kind: 'kind' in m ? m.kind : 'related',
      title: m.title,
      outlet: outletOf(m.source, m.url, t),
      published: m.published,
      url: m.url,
      origin: m.id === originId,
    });
  }
  return items;
}

/** "Copy: <title>, TASS, 22 Apr 2023 (origin)". */
export function markLabel(item: TimelineItem, locale?: string, t: Translate = englishT): string {
  const date = formatPublished(item.published, locale) || t('timeline_undated');
  const kind = t(KIND_WORD[item.kind]);
  const label =
    item.kind === 'page' ? t('timeline_mark_label_page', kind, item.outlet, date) : t('timeline_mark_label', kind, item.title, item.outlet, date);
  return item.origin ? t('timeline_mark_origin', label) : label;
}

/** Places items on the axis: rows by outlet (the page's first, then by earliest story), ticks. */
export function layoutTimeline(items: readonly TimelineItem[], opts: TimelineOptions = {}): TimelineLayout {
  const width = opts.width ?? 380;
  const rowHeight = opts.rowHeight ?? 22;
  const plotLeft = opts.labelWidth ?? 112;
  const plotRight = width - 12;
  const dated = items
    .map((item, i) => ({ item, i, t: dayValue(item.published) }))
    .filter((d): d is { item: TimelineItem; i: number; t: number } => d.t !== undefined)
    .sort((a, b) => a.t - b.t || a.i - b.i);
  const undated = items.filter((item) => dayValue(item.published) === undefined);

  // Rows: the page's outlet first, then outlets by their earliest story; the rest share a row.
  const order: string[] = [];
  const page = dated.find((d) => d.item.kind === 'page');
  if (page) order.push(page.item.outlet);
  for (const d of dated) if (!order.includes(d.item.outlet)) order.push(d.item.outlet);
  let rowsOf = order;
  const OTHER = (opts.t ?? englishT)('timeline_other_outlets');
  if (order.length > MAX_ROWS) {
    const keep = new Set(order.slice(0, MAX_ROWS - 1));
    rowsOf = [...keep, OTHER];
  }
  const rowIndex = (outlet: string) => {
    const i = rowsOf.indexOf(outlet);
    return i >= 0 ? i : rowsOf.length - 1;
  };
  const top = 10;
  const rows = rowsOf.map((outlet, i) => ({ outlet, y: top + i * rowHeight + rowHeight / 2 }));
  const axisY = top + rowsOf.length * rowHeight + 4;

  let t0 = dated[0]?.t ?? 0;
  let t1 = dated[dated.length - 1]?.t ?? 0;
  if (t1 - t0 < 2 * DAY) {
    // One or two days: widen so the marks sit inside the axis, not on its ends.
    t0 -= DAY;
    t1 += DAY;
  }
  const pad = 8;
  const xOf = (t: number) => plotLeft + pad + ((t - t0) / (t1 - t0)) * (plotRight - plotLeft - 2 * pad);
  const marks: TimelineMark[] = [];
  const slots = new Map<string, number>();
  for (const d of dated) {
    const row = rowIndex(d.item.outlet);
    const key = `${row}:${d.t}`;
    const n = slots.get(key) ?? 0;
    slots.set(key, n + 1);
    marks.push({ item: d.item, x: xOf(d.t) + n * 7, y: rows[row].y, row, label: markLabel(d.item, opts.locale, opts.t) });
  }
  const ticks = dated.length ? axisTicks(t0, t1, xOf, opts.locale) : [];
  return { width, height: axisY + 20, plotLeft, plotRight, axisY, rows, marks, ticks, undated };
}

/** Rough width of a tick label: the axis font is 10 px, about 6 px a character on average. */
const TICK_CHAR_PX = 6;
const TICK_GAP_PX = 10;

/** Up to four ticks on whole days, the axis' ends included, as many as fit without their labels
 *  touching (the first is anchored at its start, the last at its end, the others at their middle). */
function axisTicks(t0: number, t1: number, xOf: (t: number) => number, locale?: string) {
  const days = Math.round((t1 - t0) / DAY);
  const labelAt = (t: number) => formatPublished(new Date(t).toISOString().slice(0, 10), locale);
  const span = xOf(t1) - xOf(t0);
  const w = Math.max(labelAt(t0).length, labelAt(t1).length) * TICK_CHAR_PX;
  const fits = (steps: number) => (steps === 1 ? span >= 2 * w + TICK_GAP_PX : span / steps >= 1.5 * w + TICK_GAP_PX);
  let steps = Math.min(3, days);
  while (steps > 1 && !fits(steps)) steps--;
  const out: { x: number; label: string }[] = [];
  if (steps < 1 || !fits(steps)) return [{ x: xOf(t0), label: labelAt(t0) }];
  for (let i = 0; i <= steps; i++) {
    const t = t0 + Math.round((days * i) / steps) * DAY;
    out.push({ x: xOf(t), label: labelAt(t) });
  }
  return out;
}
