// Evidence export: a page's matches as JSON, as CSV safe to open in a spreadsheet, and as a short
// Markdown report a fact-checker can paste into a write-up. Pure: strings in, strings out.
import type { OriginRef, Passage, QueryResult, ReuseMatch } from '../index/types';
import { safeHttpUrl } from '../page/format';
import { isoDay } from './display-date';

/** What the export describes: the checked page (its text, which passages index into) and its result. */
export interface EvidenceInput {
  page: { url?: string; title?: string; text: string; published?: string };
  result: QueryResult;
  /** When the export was made (ISO 8601). */
  generatedAt: string;
}

/** One shared passage as exported: offsets, the page's words, and who had them first. */
export interface EvidencePassage {
  pageStart: number;
  pageEnd: number;
  storyStart: number;
  storyEnd: number;
  /** The page's text in [pageStart, pageEnd). */
  text: string;
  /** Id of the earliest-dated story holding the passage, null when none is dated. */
  firstSeen: string | null;
  firstSeenSource: string | null;
  firstSeenDate: string | null;
}

export interface EvidenceMatch {
  kind: 'duplicate' | 'partial' | 'related';
  id: string;
  title: string;
  url: string | null;
  source: string | null;
  /** The date as the corpus record gave it. */
  date: string | null;
  /** That date parsed to ISO 8601, null when unknown. */
  published: string | null;
  pageShare: number | null;
  storyShare: number | null;
  score: number | null;
  terms: string[];
  passages: EvidencePassage[];
}

/** The JSON export's document. */
export interface Evidence {
  generatedBy: 'StoryTrace';
  generatedAt: string;
  page: { url: string | null; title: string | null; published: string | null; words: number };
  origin: OriginRef | null;
  pageMayBeOrigin: boolean;
  matches: EvidenceMatch[];
}

/** Longest passage text the exports carry (the aligned text; a longer one is cut with an ellipsis). */
export const MAX_PASSAGE_CHARS = 20_000;

/** The evidence document of a page: reuse (duplicates, then partial), then related stories. */
export function evidenceOf(input: EvidenceInput): Evidence {
  const { page, result } = input;
  const reuse = [...result.duplicates, ...result.partial];
  const byId = new Map<string, ReuseMatch>(reuse.map((m) => [m.id, m]));
  const passageOf = (p: Passage): EvidencePassage => {
    const first = p.firstSeen !== undefined ? byId.get(p.firstSeen) : undefined;
    return {
      pageStart: p.pageStart,
      pageEnd: p.pageEnd,
      storyStart: p.storyStart,
      storyEnd: p.storyEnd,
      text: sliceText(page.text, p.pageStart, p.pageEnd),
      firstSeen: p.firstSeen ?? null,
      firstSeenSource: first?.source ?? null,
      firstSeenDate: first?.published ?? null,
    };
  };
  const matches: EvidenceMatch[] = [
    ...reuse.map((m) => ({
      kind: m.kind,
      ...refFields(m),
      pageShare: m.pageShare,
      storyShare: m.storyShare,
      score: null,
      terms: [],
      passages: m.passages.map(passageOf),
    })),
    ...result.related.map((m) => ({
      kind: 'related' as const,
      ...refFields(m),
      pageShare: null,
      storyShare: null,
      score: m.score,
      terms: [...m.terms],
      passages: [],
    })),
  ];
  return {
    generatedBy: 'StoryTrace',
    generatedAt: input.generatedAt,
    page: { url: page.url ?? null, title: page.title ?? null, published: page.published ?? null, words: result.pageWords },
    origin: result.origin ?? null,
    pageMayBeOrigin: result.pageMayBeOrigin === true,
    matches,
  };
}

function refFields(m: { id: string; title: string; url?: string; source?: string; date?: string; published?: string }) {
  return {
    id: m.id,
    title: m.title,
    url: m.url ?? null,
    source: m.source ?? null,
    date: m.date ?? null,
    published: m.published ?? null,
  };
}

/** Offsets crossed a message boundary: clamp them, never throw on a bad range. */
function sliceText(text: string, start: number, end: number): string {
  const a = Math.max(0, Math.min(text.length, Math.trunc(start) || 0));
  const b = Math.max(a, Math.min(text.length, Math.trunc(end) || 0));
  const s = text.slice(a, b);
  return s.length > MAX_PASSAGE_CHARS ? s.slice(0, MAX_PASSAGE_CHARS) + '…' : s;
}

/** The JSON export, indented for reading. */
export function evidenceJson(input: EvidenceInput): string {
  return JSON.stringify(evidenceOf(input), null, 2) + '\n';
}

export const CSV_COLUMNS = [
  'kind',
  'id',
  'title',
  'url',
  'source',
  'date',
  'published',
  'page_share',
  'story_share',
  'score',
  'terms',
  'passage',
  'page_start',
  'page_end',
  'story_start',
  'story_end',
  'first_seen',
  'first_seen_source',
  'first_seen_date',
  'passage_text',
] as const;

/**
 * One cell of CSV (RFC 4180): quoted when it holds a quote, comma, semicolon or line break. Text a
 * spreadsheet would run as a formula (= + - @ first, or a tab or carriage return, even after leading
 * spaces) gets a leading apostrophe, as OWASP's CSV-injection advice says: corpus text is hostile.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (/^\s*[=+\-@]/u.test(s) || /^[\t\r\n]/.test(s)) s = "'" + s;
  return /[",;\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV rows of an evidence document (CSV_COLUMNS order): one per shared passage, one for a
 *  match without passages. `storytrace check --format csv` prefixes them with the page's columns. */
export function evidenceRows(ev: Evidence): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const m of ev.matches) {
    const head = [m.kind, m.id, m.title, m.url, m.source, m.date, m.published, m.pageShare, m.storyShare, m.score, m.terms.join('; ')];
    if (m.passages.length === 0) rows.push([...head, null, null, null, null, null, null, null, null, null]);
    m.passages.forEach((p, i) =>
      rows.push([...head, i + 1, p.pageStart, p.pageEnd, p.storyStart, p.storyEnd, p.firstSeen, p.firstSeenSource, p.firstSeenDate, p.text]),
    );
  }
  return rows;
}

/** The CSV export: a header, then one row per shared passage (a match without passages: one row). */
export function evidenceCsv(input: EvidenceInput): string {
  const rows = evidenceRows(evidenceOf(input));
  // A byte-order mark so spreadsheet programs read the file as UTF-8; CRLF as RFC 4180 says.
  return '\uFEFF' + [[...CSV_COLUMNS], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Inline text made inert in Markdown, on one line: the characters that open emphasis, code, links,
 * HTML, entities or tables are backslash-escaped (CommonMark); with `lineStart`, so is a start that
 * would open a heading, list or quote. Corpus text never becomes markup in a write-up.
 */
export function mdText(text: string, lineStart = false): string {
  const inline = text
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|~&!]/g, (c) => '\\' + c);
  return lineStart ? inline.replace(/^([#+\-=>])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2') : inline;
}

/** A Markdown link when the URL is a safe http(s) URL, else the escaped title alone. */
function mdLink(title: string, url: string | null): string {
  const href = safeHttpUrl(url ?? undefined);
  const label = mdText(title) || 'untitled';
  if (!href) return label;
  return `[${label}](${href.replace(/[()<> ]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())})`;
}

/** ISO day (YYYY-MM-DD): unambiguous in any reader's write-up, whatever their locale. */
function mdDate(iso: string | null | undefined): string {
  const d = isoDay(iso ?? undefined);
  return d ? `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}` : 'undated';
}

function pct(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '?';
  return `${Math.round(Math.max(0, Math.min(1, share)) * 100)}%`;
}

/** Passages quoted per match in the report, and characters per quote: a report, not a dump. */
const REPORT_QUOTES = 2;
const REPORT_QUOTE_CHARS = 280;

function quote(text: string): string {
  const t = text.replace(/\s+/gu, ' ').trim();
  if (t.length <= REPORT_QUOTE_CHARS) return mdText(t, true);
  const cut = t.slice(0, REPORT_QUOTE_CHARS);
  const space = cut.lastIndexOf(' ');
  return mdText(space > REPORT_QUOTE_CHARS * 0.6 ? cut.slice(0, space) : cut, true) + ' …';
}

/** The short Markdown report: the page, its origin, each copy with its shares and first passages. */
export function evidenceMarkdown(input: EvidenceInput): string {
  const ev = evidenceOf(input);
  const out: string[] = [];
  const pageTitle = ev.page.title?.trim() || ev.page.url || 'Untitled page';
  out.push(`## StoryTrace evidence: ${mdText(pageTitle)}`, '');
  const pageUrl = safeHttpUrl(ev.page.url ?? undefined);
  out.push(`- Page: ${pageUrl ? `<${pageUrl.replace(/[<> ]/g, encodeURIComponent)}>` : 'no web address'}, ${ev.page.published ? `published ${mdDate(ev.page.published)}` : 'no publication date found'}`);
  const reuse = ev.matches.filter((m) => m.kind !== 'related');
  const related = ev.matches.filter((m) => m.kind === 'related');
  const copies = reuse.filter((m) => m.kind === 'duplicate').length;
  out.push(`- Found in the corpus: ${copies} ${copies === 1 ? 'copy' : 'copies'}, ${reuse.length - copies} partial reuse, ${related.length} related`);
  if (ev.origin) {
    out.push(`- Earliest dated source: ${mdText(ev.origin.source || 'unknown outlet')}, ${mdDate(ev.origin.date)}: “${mdText(ev.origin.title)}” (id ${mdText(ev.origin.id)})`);
  }
  if (ev.pageMayBeOrigin) out.push('- The page is dated earlier than every dated match: it may be the origin.');
  if (reuse.length > 0) {
    out.push('', '### Shared text', '');
    reuse.forEach((m, i) => {
      const kind = m.kind === 'duplicate' ? 'Copy' : 'Partial reuse';
      out.push(
        `${i + 1}. **${kind}**: ${mdLink(m.title, m.url)}, ${mdText(m.source || 'unknown outlet')}, ${mdDate(m.published)}. ` +
          `${pct(m.pageShare)} of the page, ${pct(m.storyShare)} of the story, ${m.passages.length} shared ${m.passages.length === 1 ? 'passage' : 'passages'}.`,
      );
      for (const p of m.passages.slice(0, REPORT_QUOTES)) {
        const seen = p.firstSeen ? ` (first seen: ${mdText(p.firstSeenSource || p.firstSeen)}, ${mdDate(p.firstSeenDate)})` : '';
        out.push(`   > ${quote(p.text)}${seen}`, '');
      }
      if (m.passages.length > REPORT_QUOTES) out.push(`   ${m.passages.length - REPORT_QUOTES} more passages in the JSON or CSV export.`, '');
    });
  }
  if (related.length > 0) {
    out.push('', '### Related coverage', '');
    for (const m of related) out.push(`- ${mdLink(m.title, m.url)}, ${mdText(m.source || 'unknown outlet')}, ${mdDate(m.published)}`);
  }
  out.push(
    '',
    `_Compiled with StoryTrace on ${mdDate(ev.generatedAt)} from a local corpus. Shares count the words in passages of at least eight identical words; dates are as the outlets published them._`,
    '',
  );
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** The file names of a page's exports: "storytrace-<site or page>-<day>.<ext>". */
export function evidenceFileName(input: Pick<EvidenceInput, 'page' | 'generatedAt'>, ext: 'json' | 'csv' | 'md'): string {
  let base = 'page';
  try {
    if (input.page.url) base = new URL(input.page.url).hostname.replace(/^www\./, '') || base;
  } catch {
    // Not a URL: keep 'page'.
  }
  const safe = base.replace(/[^a-z0-9.-]+/gi, '-').slice(0, 60);
  return `storytrace-${safe}-${mdDate(input.generatedAt)}.${ext}`;
}
