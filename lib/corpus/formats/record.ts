// One structured record (JSON object, CSV row) → a Story, through field aliases as corpora name them.
import type { Story } from '../story';
import { deriveStoryId } from '../story-id';
import { cleanLine, storyTitle } from './clean';
import { toDate, toId, toNames, toUrl, scalar } from './field-values';
import { decodeEntities, fieldText } from './html-to-text';
import { problemText, type ProblemText } from '../problem';

// Keys are compared folded: lower case, letters and digits only ("published_at" = "publishedAt").
const ALIASES = {
  id: ['id', 'guid', 'uuid'],
  title: ['title', 'headline', 'name', 'heading'],
  text: [
    'text', 'body', 'content', 'article', 'story', 'fulltext', 'description', 'articlebody', 'maintext',
    'bodytext', 'textcontent', 'contenttext', 'contenthtml', 'bodyhtml', 'html', 'summary', 'abstract',
  ],
  url: ['url', 'link', 'href', 'permalink', 'canonicalurl', 'uri', 'weburl', 'articleurl'],
  source: [
    'source', 'site', 'outlet', 'publisher', 'domain', 'media', 'feed', 'sitename', 'sourcename', 'publication',
    'sourcedomain', 'website', 'newspaper',
  ],
  date: [
    'date', 'published', 'publishedat', 'pubdate', 'datepublished', 'datepublish', 'publishdate', 'publicationdate',
    'publishedtime', 'publisheddate', 'webpublicationdate', 'datetime', 'createdat', 'created', 'timestamp',
    'time', 'seendate',
  ],
  author: ['author', 'byline', 'authors', 'creator', 'creators', 'writer', 'authorname', 'by'],
} as const;

/** Every folded key that names a text field: used to recognise arrays of stories. */
const TEXT_KEYS: ReadonlySet<string> = new Set(ALIASES.text);
// Members of an object-valued text field that hold the text (WordPress {"rendered": …} and the like).
const TEXT_MEMBERS = ['rendered', 'text', 'value', 'html', 'body', 'content', '#text', 'plain'];

/** Folds a field name for alias lookup. */
export function foldKey(k: string): string {
  return k.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** The outcome for one record: a story, or the reason it could not be one. */
export type RecordOutcome = { story: Story } | ProblemText;

/** Whether a value looks like a story record (an object with a text-like field). */
export function isStoryLike(v: unknown): boolean {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  for (const k of Object.keys(v)) if (TEXT_KEYS.has(foldKey(k))) return true;
  return false;
}

/** Length of the longest raw text-like field of a record (cheap, before any cleaning). */
export function rawTextLength(v: unknown): number {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 0;
  const o = v as Record<string, unknown>;
  let best = 0;
  for (const k of Object.keys(o)) {
    if (!TEXT_KEYS.has(foldKey(k))) continue;
    const raw = rawText(o[k]);
    if (raw && raw.length > best) best = raw.length;
  }
  return best;
}

/** Maps one record to a story, or says why it has no usable text. */
export function recordToStory(rec: unknown): RecordOutcome {
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) {
    return problemText('problem_record_not_object', describe(rec));
  }
  const fields = new Map<string, unknown>();
  for (const [k, v] of Object.entries(rec as Record<string, unknown>)) {
    const f = foldKey(k);
    if (v !== null && v !== undefined && v !== '' && !fields.has(f)) fields.set(f, v);
  }
  const text = bestText(fields);
  if (!text) {
    return problemText('problem_record_no_text');
  }
  const rawTitle = first(fields, ALIASES.title, (v) => scalar(v, ['rendered', 'text', 'value', '#text', 'name']));
  const title = storyTitle(rawTitle !== undefined ? decodeEntities(rawTitle) : undefined, text);
  const id = first(fields, ALIASES.id, toId) ?? deriveStoryId(title, text);
  const story: Story = { id, title, text };
  const url = first(fields, ALIASES.url, toUrl);
  if (url) story.url = url;
  const source = first(fields, ALIASES.source, (v) => {
    const n = toNames(v);
    return n ? decodeEntities(n) : undefined;
  });
  if (source) story.source = source;
  const date = first(fields, ALIASES.date, toDate);
  if (date) story.date = date;
  const author = first(fields, ALIASES.author, (v) => {
    const n = toNames(v);
    return n ? cleanLine(decodeEntities(n)) : undefined;
  });
  if (author) story.author = author;
  return { story };
}

function first<T>(fields: Map<string, unknown>, aliases: readonly string[], read: (v: unknown) => T | undefined): T | undefined {
  for (const a of aliases) {
    const v = fields.get(a);
    if (v === undefined) continue;
    const r = read(v);
    if (r !== undefined && r !== '') return r;
  }
  return undefined;
}

/**
 * The longest real body among the text aliases (a summary loses to the full text), as plain text.
 * Falls back to other fields whose name says text or body ("article_text", "story_body").
 */
function bestText(fields: Map<string, unknown>): string {
  const candidates: string[] = [];
  for (const a of ALIASES.text) {
    const raw = rawText(fields.get(a));
    if (raw && raw.trim()) candidates.push(raw);
  }
  if (!candidates.length) {
    for (const [k, v] of fields) {
      if (!/text|body/.test(k) || /(?:type|id|ids|length|count|url|hash|lang|language|format|size|encoding)$/.test(k)) continue;
      const raw = rawText(v);
      if (raw && raw.trim()) candidates.push(raw);
    }
  }
  // Cleaning never lengthens a string, so once the best cleaned text is longer than the next raw
  // candidate there is nothing left to win (saves converting a long HTML summary for nothing).
  candidates.sort((a, b) => b.length - a.length);
  let best = '';
  for (const raw of candidates) {
    if (raw.length <= best.length) break;
    const t = fieldText(raw);
    if (t.length > best.length) best = t;
  }
  return best;
}

/** Raw text of a text-like value: a string, an array of paragraphs, or an object holding one. */
function rawText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const parts = v.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    return parts.length ? parts.join('\n\n') : undefined;
  }
  if (v && typeof v === 'object') return scalar(v, TEXT_MEMBERS);
  return undefined;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `a string "${cleanLine(v, 40)}"`;
  return typeof v;
}
