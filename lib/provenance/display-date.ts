// Publication dates (ISO 8601, as lib/provenance parses them) shown in the reader's locale.

/** The calendar day an ISO 8601 value names, as written: "2023-04-22T23:30:00-05:00" is the 22nd
 *  where it was published, whatever the reader's time zone. Undefined for anything else. */
export function isoDay(iso: string | undefined): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(iso?.trim() ?? '');
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(year, month - 1, day);
  const d = new Date(t);
  // Rejects 2023-02-30 and friends instead of rolling them over into March.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/** Milliseconds since the epoch of the day an ISO value names (UTC midnight), for time axes. */
export function dayValue(iso: string | undefined): number | undefined {
  const d = isoDay(iso);
  return d ? Date.UTC(d.year, d.month - 1, d.day) : undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "22 Apr 2023" (en-GB), "Apr 22, 2023" (en-US), "22. Apr. 2023" (de) …: the publication day in the
 * reader's locale (`locale` undefined: the runtime's default). The day is formatted in UTC from its
 * own digits, so a reader west of the publisher never sees the day before. '' when not an ISO day.
 */
export function formatPublished(iso: string | undefined, locale?: string): string {
  const v = dayValue(iso);
  if (v === undefined) return '';
  const key = locale ?? '';
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    } catch {
      // A malformed locale tag (it may come from a setting): the runtime's default.
      f = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    }
    formatters.set(key, f);
  }
  return f.format(v);
}
