// Ordering of ISO 8601 publication times of mixed precision: a calendar day, a wall-clock time
// without a zone, or an instant with an offset.

/** Widest offsets in use (UTC−12 … UTC+14), for times given without a zone. */
const EARLIEST_OFFSET_MS = 14 * 3600_000;
const LATEST_OFFSET_MS = 12 * 3600_000;
const DAY_MS = 24 * 3600_000;

const DAY_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WITH_ZONE = /(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A sort key in milliseconds: the instant for a zoned time; a day or a wall-clock time is read as
 * if in UTC. NaN for a string that is not ISO 8601.
 */
export function dateKey(iso: string): number {
  const day = DAY_ONLY.exec(iso);
  if (day) return Date.UTC(+day[1], +day[2] - 1, +day[3]);
  return Date.parse(WITH_ZONE.test(iso) ? iso : iso + 'Z');
}

/** The earliest and latest instant a date can mean (a day spans every zone's version of it). */
export function dateSpan(iso: string): [number, number] {
  const k = dateKey(iso);
  if (DAY_ONLY.test(iso)) return [k - EARLIEST_OFFSET_MS, k + DAY_MS + LATEST_OFFSET_MS];
  if (!WITH_ZONE.test(iso)) return [k - EARLIEST_OFFSET_MS, k + LATEST_OFFSET_MS];
  return [k, k];
}

/**
 * True only when `a` is before `b` however they are read: when either is a bare day, its calendar
 * day is earlier than the other's (each as its source wrote it); otherwise the instant, with a
 * time given without a zone read as any zone.
 */
export function surelyBefore(a: string, b: string): boolean {
  if (DAY_ONLY.test(a) || DAY_ONLY.test(b)) return a.slice(0, 10) < b.slice(0, 10);
  return dateSpan(a)[1] < dateSpan(b)[0];
}

/** Compares two optional dates for "earliest first": dated before undated, then by dateKey. */
export function compareDates(a: string | null | undefined, b: string | null | undefined): number {
  const ka = a ? dateKey(a) : NaN;
  const kb = b ? dateKey(b) : NaN;
  const da = !Number.isNaN(ka);
  const db = !Number.isNaN(kb);
  if (da !== db) return da ? -1 : 1;
  return da ? ka - kb : 0;
}
