// Story metadata lines of scraped pages: bylines, dates, "Published"/"on" labels, "Via X" sources.

/** What a metadata line says. `label` lines ("Published", "on", "By") only mark a byline block. */
export interface MetaLine {
  kind: 'label' | 'byline' | 'name' | 'authored' | 'date' | 'via';
  author?: string;
  date?: string;
  source?: string;
}

const MONTHS: Record<string, number> = {};
const addMonths = (names: string): void => {
  names.split(' ').forEach((group, i) => {
    for (const n of group.split('/')) MONTHS[n] = i + 1;
  });
};
addMonths(
  'january/jan february/feb march/mar april/apr may june/jun july/jul august/aug september/sep/sept october/oct november/nov december/dec',
);
addMonths('enero febrero marzo abril mayo junio julio agosto septiembre/setiembre octubre noviembre diciembre');
addMonths(
  'января/январь/янв февраля/февраль/фев марта/март/мар апреля/апрель/апр мая/май июня/июнь/июн июля/июль/июл августа/август/авг сентября/сентябрь/сен октября/октябрь/окт ноября/ноябрь/ноя декабря/декабрь/дек',
);

const WEEKDAY =
  '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|' +
  'lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|' +
  'понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|пн|вт|ср|чт|пт|сб|вс)\\.?,?\\s+';
const LABEL_PREFIX =
  '(?:(?:published|posted|updated|last updated|date|publicado|actualizado|fecha|опубликовано|обновлено|дата)' +
  '(?:\\s+(?:on|el|at))?\\s*:?\\s+)?';
const TIME =
  '(?:,?\\s+(?:at\\s+|a las\\s+|в\\s+|-\\s+)?\\d{1,2}[:.]\\d{2}(?::\\d{2})?(?:\\s*[ap]\\.?m\\.?)?(?:\\s*\\(?[a-z]{2,5}(?:[+-]\\d{1,2})?\\)?)?)?';
const YEAR_SUFFIX = '(?:\\s*(?:г\\.|г|года|год))?';

const DMY = new RegExp(
  '^' +
    LABEL_PREFIX +
    '(?:' +
    WEEKDAY +
    ')?(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(?:de\\s+)?(\\p{L}+)\\.?,?\\s+(?:de(?:l)?\\s+)?(\\d{4})' +
    YEAR_SUFFIX +
    TIME +
    '$',
  'iu',
);
const MDY = new RegExp(
  '^' + LABEL_PREFIX + '(?:' + WEEKDAY + ')?(\\p{L}+)\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})' + TIME + '$',
  'iu',
);
const ISO = new RegExp(
  '^' + LABEL_PREFIX + '(\\d{4})-(\\d{2})-(\\d{2})(?:[t ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:z|[+-]\\d{2}:?\\d{2})?)?$',
  'iu',
);
const NUMERIC = new RegExp(
  '^' + LABEL_PREFIX + '(?:' + WEEKDAY + ')?(\\d{1,2})([./])(\\d{1,2})\\2(\\d{4})' + YEAR_SUFFIX + TIME + '$',
  'iu',
);

function iso(y: number, m: number, d: number): string | undefined {
  if (!(m >= 1 && m <= 12 && d >= 1 && y >= 1800 && y <= 2200)) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Reads a line that is only a date (optionally with weekday, time and a "Published" label) in
 * English, Spanish or Russian; returns ISO 8601 (YYYY-MM-DD) or undefined.
 * Slashed dates are read only when unambiguous (one part above 12); dotted dates are day.month.year.
 */
export function parseDateLine(line: string): string | undefined {
  const s = line.trim().toLowerCase();
  if (s.length > 80 || !/\d{4}/u.test(s)) return undefined;
  // Cheap gate before the full patterns: an ISO or numeric date, or a month name must be present.
  if (
    !/\d[-./]\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|dic|янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек/u.test(s)
  )
    return undefined;
  let m = ISO.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = DMY.exec(s);
  if (m && MONTHS[m[2]]) return iso(+m[3], MONTHS[m[2]], +m[1]);
  m = MDY.exec(s);
  if (m && MONTHS[m[1]]) return iso(+m[3], MONTHS[m[1]], +m[2]);
  m = NUMERIC.exec(s);
  if (m) {
    const a = +m[1];
    const b = +m[3];
    if (m[2] === '.') return iso(+m[4], b, a);
    if (a > 12) return iso(+m[4], b, a);
    if (b > 12) return iso(+m[4], a, b);
  }
  return undefined;
}

const LABELS = new Set(
  'published|posted|updated|last updated|on|by|written by|author|authors|date|publicado|actualizado|por|fecha|автор|авторы|опубликовано|обновлено|дата|текст'.split(
    '|',
  ),
);
const CONNECTORS = new Set('and & y e и de da del della der van von al bin la le du di dos das ten ter mc'.split(' '));

/**
 * True for a short line shaped like a person's or outlet's name: 1–6 capitalised words (initials and
 * particles such as "de", "van", "and" allowed), no digits, no sentence punctuation.
 */
export function looksLikeName(s: string): boolean {
  const t = s.trim();
  if (t.length < 2 || t.length > 60 || /[\d!?;:"“”«»()[\]]/u.test(t) || /[.,]$/u.test(t.replace(/\b\p{Lu}\.$/u, ''))) return false;
  const words = t.split(/\s+/u);
  if (words.length > 6) return false;
  let caps = 0;
  for (const w of words) {
    if (CONNECTORS.has(w.toLowerCase())) continue;
    if (!/^\p{Lu}[\p{L}'’.-]*,?$/u.test(w)) return false;
    caps++;
  }
  return caps > 0;
}

/** Author from a byline's name part: drops a trailing ", Place" or "| Outlet" and role words. */
function authorFrom(s: string): string | undefined {
  const name = s
    .split(/\s*(?:[,|–—]|\s-\s|\bin\b)\s*/u)[0]
    .replace(/[.:]+$/u, '')
    .trim();
  return looksLikeName(name) ? name : undefined;
}

const META_START = /^(?:authored|written|posted|op-ed|commentary|analysis|by|por|автор|авторы|текст|via|vía|source|fuente|источник)[\s:]/iu;

/** Parses a metadata line of a byline block; undefined when the line is not metadata. */
export function parseMetaLine(line: string): MetaLine | undefined {
  const s = line.trim();
  if (!s || s.length > 160) return undefined;
  const lower = s.toLowerCase().replace(/[\s:]+$/u, '');
  if (LABELS.has(lower)) return { kind: 'label' };
  const date = parseDateLine(s);
  if (date) return { kind: 'date', date };
  if (!META_START.test(s)) return undefined;
  let m = /^(?:authored|written|posted|op-ed|commentary|analysis) by\s+(.+?)(?:\s+(?:via|for|from)\s+(.+?))?\s*[:.…]*$/iu.exec(s);
  if (m) {
    const author = authorFrom(m[1]);
    if (author) return { kind: 'authored', author, source: m[2]?.trim() || undefined };
  }
  m = /^(?:by|por|автор|авторы|текст)\s*:?\s+(.+)$/iu.exec(s);
  if (m && s.split(/\s+/u).length <= 12) {
    const author = authorFrom(m[1]);
    if (author) return { kind: 'byline', author };
  }
  m = /^(?:via|source|fuente|vía|источник)\s*:?\s+(.+?)\s*[….:]*$/iu.exec(s);
  if (m && m[1].split(/\s+/u).length <= 6 && !/[.!?]/u.test(m[1])) return { kind: 'via', source: m[1] };
  return undefined;
}
