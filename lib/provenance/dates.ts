// Publication dates as corpora write them → ISO 8601, never a guess: epoch seconds or milliseconds,
// ISO 8601 / RFC 3339 (Atom), RFC 822 (RSS), "Saturday, 22 April 2023", "Published on April 22,
// 2023", "24.04.2023", "22 апреля 2023 г.", "22 de abril de 2023". A slashed "03/04/2023" is
// ambiguous: it is read only when the caller knows the source's day order (lib/provenance/
// resolve-dates.ts finds it from the source's other dates).
import { LABEL, MONTHS, WEEKDAY, ZONES } from './date-words';

/** Day order of numeric dates: 24/04/2023 (day first) or 04/24/2023 (month first). */
export type DayOrder = 'dmy' | 'mdy';

/** What a date string says. */
export type DateReading =
  | {
      kind: 'date';
      /** `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS[.sss]` with `Z` / `±HH:MM` when a zone was given. */
      iso: string;
      /** Set for a numeric date whose day order shows (24/04/2023: day first): evidence for the
       *  ambiguous dates of the same source written the same way (`style`). */
      proves?: { order: DayOrder; style: NumericStyle };
    }
  | { kind: 'ambiguous'; dmy: string; mdy: string; style: NumericStyle }
  | { kind: 'unknown' };

/** Separator of a numeric day-month-year date: day order is a habit of the source per style. */
export type NumericStyle = 'slash' | 'dash';

const MAX_LENGTH = 120;
const MIN_YEAR = 1700;
const MAX_YEAR = 2200;

const LABEL_RE = new RegExp('^' + LABEL, 'u');
const WEEKDAY_RE = new RegExp('^' + WEEKDAY + '\\.?,?\\s+', 'u');
const YEAR_WORD = '(?:\\s*(?:г\\.?|года|год))?';
// Each date form at the start of the (lower-cased) string; what follows is a time, a zone or nothing.
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?=$|[t\s])t?/u;
const YMD = /^(\d{4})([./])(\d{1,2})\2(\d{1,2})(?=$|[\s,])/u;
const NUMERIC = new RegExp('^(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4})' + YEAR_WORD + '(?=$|[\\s,])', 'u');
// Day month year; a two-digit year only in RFC 822's shape, with a time after it.
const DAY_MONTH = new RegExp(
  '^(\\d{1,2})(?:st|nd|rd|th|er|º)?\\.?[\\s-]*(?:de\\s+)?(\\p{L}+)\\.?,?[\\s-]+(?:de(?:l)?\\s+)?(\\d{4}|\\d{2}(?=\\s+\\d{1,2}:\\d{2}))' +
    YEAR_WORD +
    '(?=$|[\\s,])',
  'u',
);
const MONTH_DAY = /^(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?=$|[\s,])/u;
const TIME = /^(\d{1,2})[:.h](\d{2})(?:[:.](\d{2})(?:[.,](\d{1,9}))?)?\s*(a\.?\s?m\.?|p\.?\s?m\.?)?(?=$|[\s(+-]|[a-zа-я])/u;
const OFFSET = /^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/u;

/** Reads a date value (string or epoch number). `order` settles an ambiguous numeric date. */
export function readDate(value: unknown, order?: DayOrder): DateReading {
  if (typeof value === 'number') return epoch(value);
  if (typeof value !== 'string') return UNKNOWN;
  let s = value.normalize('NFKC').trim().toLowerCase().replace(/\s+/gu, ' ');
  if (!s || s.length > MAX_LENGTH) return UNKNOWN;
  if (/^\d{9,13}(?:\.\d+)?$/u.test(s)) return epoch(Number(s));
  s = s.replace(LABEL_RE, '').replace(WEEKDAY_RE, '');

  let m = ISO_DAY.exec(s);
  if (m) return placeholder(withTime(+m[1], +m[2], +m[3], s.slice(m[0].length)));
  m = YMD.exec(s);
  if (m) return withTime(+m[1], +m[3], +m[4], s.slice(m[0].length));
  m = NUMERIC.exec(s);
  if (m) return numeric(+m[1], +m[3], +m[4], m[2], s.slice(m[0].length), order);
  m = DAY_MONTH.exec(s);
  if (m && MONTHS.has(m[2])) return withTime(year(m[3]), MONTHS.get(m[2])!, +m[1], s.slice(m[0].length));
  m = MONTH_DAY.exec(s);
  if (m && MONTHS.has(m[1])) return withTime(+m[3], MONTHS.get(m[1])!, +m[2], s.slice(m[0].length));
  return UNKNOWN;
}

/** The ISO 8601 form of a date value, or undefined when it is unknown or ambiguous. */
export function parseDate(value: unknown, order?: DayOrder): string | undefined {
  const r = readDate(value, order);
  return r.kind === 'date' ? r.iso : undefined;
}

const UNKNOWN: DateReading = { kind: 'unknown' };

/** 1970-01-01 at midnight is what a database writes for "no date" (epoch zero): not a date. */
function placeholder(r: DateReading): DateReading {
  return r.kind === 'date' && /^1970-01-01(?:T00:00:00(?:Z)?)?$/u.test(r.iso) ? UNKNOWN : r;
}

function epoch(n: number): DateReading {
  if (!Number.isFinite(n) || n <= 0) return UNKNOWN;
  // Seconds until the year 5138; anything larger is milliseconds.
  const d = new Date(n < 1e11 ? n * 1000 : n);
  const y = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || y < 1971 || y > MAX_YEAR) return UNKNOWN;
  return { kind: 'date', iso: d.toISOString().replace('.000Z', 'Z') };
}

/** RFC 2822 §4.3: a two-digit year below 50 is 20xx, otherwise 19xx. */
function year(y: string): number {
  if (y.length === 4) return +y;
  const n = +y;
  return n < 50 ? 2000 + n : 1900 + n;
}

function numeric(a: number, b: number, y: number, sep: string, rest: string, order?: DayOrder): DateReading {
  // Dotted dates are day first wherever they are written (Russia, Germany, much of Europe).
  if (sep === '.') return withTime(y, b, a, rest);
  const style: NumericStyle = sep === '/' ? 'slash' : 'dash';
  if (a > 12 && b <= 12) return prove(withTime(y, b, a, rest), 'dmy', style);
  if (b > 12 && a <= 12) return prove(withTime(y, a, b, rest), 'mdy', style);
  if (a === b || order) return withTime(y, order === 'mdy' ? a : b, order === 'mdy' ? b : a, rest);
  const dmy = withTime(y, b, a, rest);
  const mdy = withTime(y, a, b, rest);
  if (dmy.kind !== 'date' || mdy.kind !== 'date') return UNKNOWN;
  return { kind: 'ambiguous', dmy: dmy.iso, mdy: mdy.iso, style };
}

function prove(r: DateReading, order: DayOrder, style: NumericStyle): DateReading {
  return r.kind === 'date' ? { ...r, proves: { order, style } } : r;
}

/** A calendar day, then what follows it: nothing, a time, a time and a zone. */
function withTime(y: number, mo: number, d: number, rest: string): DateReading {
  const day = isoDay(y, mo, d);
  if (!day) return UNKNOWN;
  let r = rest.replace(/^[\s,]*(?:(?:at|a las|a la|à|um|в|às|alle|-|t)\s*)?/u, '').trim();
  if (!r) return { kind: 'date', iso: day };
  // "22 April 2023 | Updated 23 April 2023": the first date is the one published.
  if (/^[|·•–—]\s/u.test(r)) return { kind: 'date', iso: day };
  const t = TIME.exec(r);
  if (!t) return UNKNOWN;
  let h = +t[1];
  const min = +t[2];
  const sec = t[3] ? +t[3] : 0;
  if (t[5]) {
    if (h < 1 || h > 12) return UNKNOWN;
    const pm = t[5].startsWith('p');
    h = pm ? (h % 12) + 12 : h % 12;
  }
  if (h > 23 || min > 59 || sec > 59) return UNKNOWN;
  const ms = t[4] ? Math.floor(+`0.${t[4]}` * 1000) : 0;
  const time = `${pad(h)}:${pad(min)}:${pad(sec)}${ms ? '.' + String(ms).padStart(3, '0') : ''}`;
  r = r
    .slice(t[0].length)
    .trim()
    .replace(/\s*\([^()]*\)$/u, (p) => (ZONES.has(p.replace(/[()\s]/gu, '')) ? p : '')) // "(Moscow Standard Time)"
    .replace(/^\((.*)\)$/u, '$1')
    .trim();
  if (!r) return { kind: 'date', iso: `${day}T${time}` };
  const zone = zoneOffset(r);
  // A zone we cannot read keeps the wall-clock time it was given, with no offset (not a guess).
  if (zone === undefined) return /^[a-zа-я]{2,5}$/u.test(r) ? { kind: 'date', iso: `${day}T${time}` } : UNKNOWN;
  return { kind: 'date', iso: `${day}T${time}${zone}` };
}

/** `Z` or `±HH:MM` for "Z", "UTC", "+0300", "GMT+3", "-04:00", "EST", "MSK"; undefined if unread. */
function zoneOffset(z: string): string | undefined {
  const named = ZONES.get(z);
  if (named !== undefined) return offsetText(named);
  const m = OFFSET.exec(z);
  if (!m) return undefined;
  const h = +m[2];
  const min = m[3] ? +m[3] : 0;
  if (h > 14 || min > 59) return undefined;
  return offsetText((m[1] === '-' ? -1 : 1) * (h * 60 + min));
}

function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

function isoDay(y: number, mo: number, d: number): string | undefined {
  if (!(y >= MIN_YEAR && y <= MAX_YEAR && mo >= 1 && mo <= 12 && d >= 1)) return undefined;
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return undefined;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
