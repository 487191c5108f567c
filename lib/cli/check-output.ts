// What `storytrace check` writes per page: JSON Lines (with provenance: each match's date, the
// page's origin, each passage's first-seen story) or spreadsheet-safe CSV (lib/provenance/export.ts).
import type { QueryResult, ReuseMatch } from '../index/types';
import { CSV_COLUMNS, csvCell, evidenceOf, evidenceRows } from '../provenance/export';

function reuseOut(m: ReuseMatch) {
  return {
    id: m.id,
    title: m.title,
    url: m.url,
    source: m.source,
    /** ISO 8601, null when the story's date is unknown (never a guess). */
    date: m.published ?? null,
    pageShare: m.pageShare,
    storyShare: m.storyShare,
    passages: m.passages.map((p) => ({ ...p, firstSeen: p.firstSeen ?? null })),
    /** A translated copy: the page's and the story's languages (lib/translation). */
    ...(m.translation ? { translation: m.translation } : {}),
  };
}

/** The page's JSON line; `r` has been through addProvenance. */
export function checkJson(page: string, r: QueryResult, text?: string) {
  const origin = r.origin ? { id: r.origin.id, title: r.origin.title, source: r.origin.source ?? null, date: r.origin.date } : null;
  return {
    page,
    ...(text !== undefined ? { text } : {}),
    origin,
    pageMayBeOrigin: r.pageMayBeOrigin === true,
    provenance: provenanceStatement(r),
    duplicates: r.duplicates.map(reuseOut),
    partial: r.partial.map(reuseOut),
    related: r.related.map((m) => ({ id: m.id, title: m.title, url: m.url, source: m.source, date: m.published ?? null, score: m.score, terms: m.terms })),
  };
}

/** One sentence on who published first, for a reader of the output. */
export function provenanceStatement(r: QueryResult): string {
  if (r.pageMayBeOrigin) return 'The page is dated earlier than every dated match: it may be the origin.';
  if (r.origin) return `Origin: the earliest dated story holding this text is "${r.origin.title}"${r.origin.source ? ` (${r.origin.source})` : ''}, ${r.origin.date}.`;
  if (r.duplicates.length + r.partial.length > 0) return 'No matched story is dated: the origin is unknown.';
  return 'No reuse found.';
}

export const CHECK_CSV_COLUMNS = ['page', 'origin', 'origin_date', 'page_may_be_origin', ...CSV_COLUMNS] as const;

/** The CSV header line: a byte-order mark so spreadsheets read UTF-8. */
export function checkCsvHeader(): string {
  return '\uFEFF' + CHECK_CSV_COLUMNS.join(',');
}

/** The page's CSV rows (one per shared passage, as the popup's export), without line ends. */
export function checkCsvRows(page: string, r: QueryResult, text: string, published?: string): string[] {
  const ev = evidenceOf({ page: { text, published }, result: r, generatedAt: '' });
  const head = [page, ev.origin?.id ?? null, ev.origin?.date ?? null, ev.pageMayBeOrigin ? 'yes' : 'no'];
  const rows = evidenceRows(ev).map((row) => [...head, ...row]);
  if (rows.length === 0) rows.push([...head, ...CSV_COLUMNS.map(() => null)]);
  return rows.map((row) => row.map(csvCell).join(','));
}
