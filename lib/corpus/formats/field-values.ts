// Readers for metadata values as corpora spell them: dates, URLs, names (strings, numbers, objects, arrays).
import { cleanLine } from './clean';

const ISO_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * A date as given, made ISO 8601 where it can be read: epoch numbers (seconds or milliseconds) and
 * parseable date strings become ISO; ISO-looking strings are kept as written (a bare date stays a
 * date); anything else is kept as given.
 */
export function toDate(v: unknown): string | undefined {
  if (typeof v === 'number') return epochToIso(v);
  const s = scalar(v);
  if (!s) return undefined;
  const t = cleanLine(s, 100);
  if (!t) return undefined;
  if (ISO_LIKE.test(t)) return t;
  if (/^\d{9,13}(?:\.\d+)?$/.test(t)) return epochToIso(Number(t)) ?? t;
  // Date.parse reads "2" as 2001: only try strings that carry a four-digit year.
  if (t.length > 80 || !/(?:^|\D)\d{4}(?:\D|$)/.test(t)) return t;
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) return t;
  const d = new Date(ms);
  if (d.getUTCFullYear() < 1000 || d.getUTCFullYear() > 9999) return t;
  // A string without a time of day parses as local midnight: keep it a plain calendar date.
  if (!/\d:\d/.test(t)) {
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }
  return d.toISOString();
}

function epochToIso(n: number): string | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  // Seconds until the year 5138; anything larger is milliseconds.
  const ms = n < 1e11 ? n * 1000 : n;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() > 9999 ? undefined : d.toISOString();
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An http(s) URL, or undefined. Other schemes (javascript:, data:, file:) are dropped: stored URLs
 * end up as links in the extension's pages. Scheme-less "www.site.com/path" gets https://.
 */
export function toUrl(v: unknown): string | undefined {
  const raw = scalar(v, ['href', 'url', 'link', 'uri', '@id']);
  if (!raw) return undefined;
  const s = raw.replace(/[\u0000-\u0020\u007F-\u009F]+/g, ' ').trim();
  if (!s || /\s/.test(s)) return undefined;
  let candidate = s;
  if (s.startsWith('//')) candidate = 'https:' + s;
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(s) && /^[\w-]+(?:\.[\w-]+)+(?:[/?#]|$)/.test(s)) candidate = 'https://' + s;
  try {
    const u = new URL(candidate);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Names (authors, sources): a string, {name}, or an array of either, joined with ", ". */
export function toNames(v: unknown): string | undefined {
  const items = Array.isArray(v) ? v.slice(0, 50) : [v];
  const names: string[] = [];
  for (const item of items) {
    const s = scalar(item, ['name', 'title', 'displayname', 'fullname', 'label', 'id']);
    const line = s ? cleanLine(s, 200) : '';
    if (line && !names.includes(line)) names.push(line);
  }
  const joined = names.join(', ');
  return joined ? cleanLine(joined) : undefined;
}

/** An id: strings and numbers as given, Mongo-style {"$oid": …} objects unwrapped. */
export function toId(v: unknown): string | undefined {
  const s = scalar(v, ['$oid', 'id', 'value', '#text']);
  const line = s ? cleanLine(s, 400) : '';
  return line || undefined;
}

/**
 * A string from a scalar, or from the first string-ish member of an object (one level only:
 * values can be nested arbitrarily deep in hostile files).
 */
export function scalar(v: unknown, keys: readonly string[] = ['name', 'value', 'text', '#text']): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return String(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const lower = new Map<string, unknown>();
    for (const k of Object.keys(o)) if (!lower.has(k.toLowerCase())) lower.set(k.toLowerCase(), o[k]);
    for (const k of keys) {
      const x = lower.get(k);
      if (typeof x === 'string' && x.trim()) return x;
      if (typeof x === 'number' && Number.isFinite(x)) return String(x);
    }
  }
  return undefined;
}
