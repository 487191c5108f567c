// One imported file's bytes → stories: format by extension (else by content), decoding, the
// format's parser, and the guarantees every caller relies on (never throws, stories have text).
import type { ParseProblem, ParseResult, Story } from './story';
import { decodeText, looksBinary } from './decode';
import { parseCsv } from './formats/csv';
import { parseTsv } from './formats/tsv';
import { parseFeed } from './formats/feed';
import { parseHtml } from './formats/html';
import { parseJson } from './formats/json';
import { parseJsonl } from './formats/jsonl';
import { parseMarkdown } from './formats/markdown';
import { parseText } from './formats/text';
import { parseZip } from './formats/zip';
import { foldKey, isStoryLike } from './formats/record';
import { problemText, type ProblemText } from './problem';
import { stripControls } from './formats/clean';
import { textParts, TEXT_PART_CHARS } from './formats/text-chunks';

export type FormatName = 'text' | 'markdown' | 'html' | 'json' | 'jsonl' | 'csv' | 'tsv' | 'feed' | 'zip';

export interface ParseOptions {
  /** bytes limit for one file and for zip expansion */
  maxBytes?: number;
  maxZipRatio?: number;
}

export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
export const DEFAULT_MAX_ZIP_RATIO = 200;
/** Largest file of a text format parsed whole (and largest archive entry expanded): its bytes, its
 *  decoded string (two bytes a character) and what the parser builds sit in memory together, about
 *  seven times the file, so 128 MB stays under 1 GB. JSON Lines beyond it is read in parts by the
 *  importer and the CLI, and so are text and Markdown by the CLI (cli/text-slices.ts); other formats
 *  are refused with the way out. */
export const MAX_WHOLE_BYTES = 128 * 1024 * 1024;
/** Largest archive entry expanded and parsed: an entry cannot be read in parts from disk as a
 *  large text or JSON Lines file is (the CLI's slices), and its compressed and expanded bytes sit
 *  in memory beside the parse: a 110 MB text entry took 1.5 GB, a 62 MB one 895 MB. */
export const MAX_ENTRY_BYTES = 48 * 1024 * 1024;
/** Longest story text kept, in characters (about 170,000 words; a long read is a tenth of that).
 *  Analysis holds arrays per word: a 40 MB "story" (one giant JSON Lines record) took 1.2 GB. */
export const MAX_STORY_CHARS = 1024 * 1024;
/** Archives inside archives are read this deep (a self-containing "quine" zip must end somewhere). */
const MAX_ZIP_DEPTH = 3;
/** Problems kept per file; a file of 200k broken lines gets a count, not 200k messages. */
const MAX_PROBLEMS = 1000;
const SNIFF_BYTES = 64 * 1024;

const BY_EXTENSION: Record<string, FormatName> = {
  txt: 'text', text: 'text',
  md: 'markdown', markdown: 'markdown', mdown: 'markdown', mkd: 'markdown',
  html: 'html', htm: 'html', xhtml: 'html', shtml: 'html',
  json: 'json',
  jsonl: 'jsonl', ndjson: 'jsonl', jsonlines: 'jsonl',
  csv: 'csv',
  tsv: 'tsv', tab: 'tsv',
  rss: 'feed', atom: 'feed', xml: 'feed', rdf: 'feed',
  zip: 'zip',
};
// Known formats the importer cannot read; named in the problem rather than sniffed into garbage.
const UNSUPPORTED = new Set([
  'pdf', 'doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'epub', 'mobi', 'jpg', 'jpeg', 'png',
  'gif', 'webp', 'svg', 'ico', 'mp3', 'mp4', 'mov', 'avi', 'wav', 'gz', 'tgz', 'bz2', 'xz', '7z', 'rar', 'tar',
  'exe', 'dll', 'so', 'dmg', 'iso', 'woff', 'woff2', 'ttf', 'sqlite', 'parquet',
]);

const PARSERS: Record<Exclude<FormatName, 'zip'>, (name: string, text: string) => ParseResult> = {
  text: parseText,
  markdown: parseMarkdown,
  html: parseHtml,
  json: parseJson,
  jsonl: parseJsonl,
  csv: (name, text) => parseCsv(name, text),
  tsv: parseTsv,
  feed: parseFeed,
};

/** Parses one file's bytes into stories by extension, falling back to sniffing the content. */
export function parseFile(name: string, bytes: Uint8Array, opts?: ParseOptions): ParseResult {
  return parseAt(String(name ?? ''), asBytes(bytes), limitsOf(opts), 0);
}

/** Any byte view or ArrayBuffer, also from another realm (where instanceof fails), as a Uint8Array. */
function asBytes(b: unknown): Uint8Array {
  if (b instanceof Uint8Array) return b;
  if (ArrayBuffer.isView(b)) return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  if (Object.prototype.toString.call(b) === '[object ArrayBuffer]') return new Uint8Array(b as ArrayBuffer);
  return undefined as unknown as Uint8Array; // reported as "not a file" below
}

/** The format of a file: its extension when known, else what its first bytes look like. */
export function detectFormat(name: string, bytes: Uint8Array): FormatName | undefined {
  const ext = extensionOf(name);
  const known = BY_EXTENSION[ext];
  if (known) return known;
  if (UNSUPPORTED.has(ext)) return undefined;
  return sniffFormat(bytes);
}

interface Limits {
  maxBytes: number;
  maxZipRatio: number;
}

function limitsOf(opts: ParseOptions | undefined): Limits {
  const positive = (n: unknown, d: number) => (typeof n === 'number' && n > 0 ? n : d);
  return { maxBytes: positive(opts?.maxBytes, DEFAULT_MAX_BYTES), maxZipRatio: positive(opts?.maxZipRatio, DEFAULT_MAX_ZIP_RATIO) };
}

function parseAt(name: string, bytes: Uint8Array, limits: Limits, depth: number): ParseResult {
  let result: ParseResult;
  try {
    result = parseUnchecked(name, bytes, limits, depth);
  } catch (e) {
    // Parsers catch what they expect; this is the net for what nobody expected (e.g. out of memory
    // on a giant string), so one file never stops an import.
    result = { stories: [], problems: [{ file: name, ...problemText('problem_parse_failed', e instanceof Error ? e.message : String(e)) }] };
  }
  return finish(name, result);
}

function parseUnchecked(name: string, bytes: Uint8Array, limits: Limits, depth: number): ParseResult {
  const fail = (p: ProblemText): ParseResult => ({ stories: [], problems: [{ file: name, ...p }] });
  if (!bytes) return fail(problemText('problem_not_a_file'));
  if (bytes.length === 0) return fail(problemText('problem_empty_file'));
  if (bytes.length > limits.maxBytes) {
    return fail(problemText('problem_file_too_large', Math.round(bytes.length / 2 ** 20), Math.round(limits.maxBytes / 2 ** 20)));
  }
  const format = detectFormat(name, bytes);
  if (!format) {
    const ext = extensionOf(name);
    return fail(UNSUPPORTED.has(ext) ? problemText('problem_unsupported_ext', ext) : problemText('problem_binary'));
  }
  if (format !== 'zip' && bytes.length > MAX_WHOLE_BYTES) {
    return fail(problemText(format === 'jsonl' ? 'problem_whole_too_large_jsonl' : 'problem_whole_too_large', mb(bytes.length), mb(MAX_WHOLE_BYTES)));
  }
  // A binary file named .txt: told from its first bytes, before the whole of it is decoded.
  if (format !== 'zip' && bytes.length > SNIFF_BYTES && looksBinary(decodeText(bytes.subarray(0, SNIFF_BYTES)).text)) {
    return fail(problemText('problem_binary'));
  }
  if (format === 'zip') {
    if (depth >= MAX_ZIP_DEPTH) return fail(problemText('problem_zip_nested'));
    return parseZip(name, bytes, { ...limits, maxEntryBytes: Math.min(limits.maxBytes, MAX_ENTRY_BYTES) }, (path, data, budget) =>
      parseAt(path, data, { maxBytes: Math.max(0, budget), maxZipRatio: limits.maxZipRatio }, depth + 1),
    );
  }
  const decoded = decodeFor(format, bytes);
  if (looksBinary(decoded)) return fail(problemText('problem_binary'));
  // Control characters go before parsing, not after: "<\u0000/p>" is text to an HTML parser and
  // would become a literal "</p>" once the NUL was stripped from the result.
  const text = stripControls(decoded);
  if (!text.trim()) return fail(problemText('problem_blank_file'));
  if ((format === 'text' || format === 'markdown') && text.length > TEXT_PART_CHARS) return parseTextParts(name, text, format);
  return PARSERS[format](name, text);
}

/** A large text or Markdown file, segmented part by part (formats/text-chunks.ts). */
function parseTextParts(name: string, text: string, format: 'text' | 'markdown'): ParseResult {
  const out: ParseResult = { stories: [], problems: [] };
  const { parts, dropped } = textParts(text, MAX_STORY_CHARS);
  for (const [at, length] of dropped) {
    out.problems.push({ file: name, ...problemText('problem_text_no_break', length, at) });
  }
  for (const part of parts) {
    const r = PARSERS[format](name, part);
    for (const s of r.stories) out.stories.push(s);
    for (const p of r.problems) out.problems.push(p);
  }
  return out;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MB`;
}

/**
 * Text of a file. Pages and feeds that are not UTF-8 usually say what they are (a Russian site in
 * windows-1251), which beats the Windows-1252 guess.
 */
function decodeFor(format: FormatName, bytes: Uint8Array): string {
  const decoded = decodeText(bytes);
  if (decoded.encoding !== 'windows-1252' || (format !== 'html' && format !== 'feed')) return decoded.text;
  const head = decoded.text.slice(0, 4096);
  const label = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ?? /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head)?.[1];
  if (!label) return decoded.text;
  // Node decodes the 1252 label family as ISO-8859-1; the table decoder already did it right.
  if (/^(?:windows-1252|cp1252|iso-8859-1|latin1|us-ascii|ascii)$/i.test(label)) return decoded.text;
  try {
    return new TextDecoder(label.toLowerCase()).decode(bytes);
  } catch {
    return decoded.text; // a label the platform does not know
  }
}

/** What the content looks like, for files without a known extension. */
function sniffFormat(bytes: Uint8Array): FormatName | undefined {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))) {
    return 'zip';
  }
  const { text } = decodeText(bytes.subarray(0, SNIFF_BYTES));
  if (looksBinary(text)) return undefined;
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('[')) return 'json';
  if (head.startsWith('{')) return jsonOrJsonl(head);
  if (head.startsWith('<')) {
    const lower = head.slice(0, 4096).toLowerCase();
    const body = lower.replace(/^(?:<\?xml[^>]*>|<!--[\s\S]*?-->|\s)+/, '');
    if (/^<(?:rss|feed|rdf:rdf)[\s>]/.test(body)) return 'feed';
    if (/^<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p|section|h1|table)[\s>]/.test(body)) return 'html';
    if (lower.startsWith('<?xml')) return /<(?:html|body)[\s>]/.test(lower) ? 'html' : 'feed';
    return /<(?:html|body|p|div)[\s>]/.test(lower) ? 'html' : 'text';
  }
  return delimitedByHeader(head) ?? 'text';
}

function jsonOrJsonl(head: string): FormatName {
  const nl = head.indexOf('\n');
  if (nl < 0) return 'json';
  try {
    JSON.parse(head.slice(0, nl));
  } catch {
    return 'json';
  }
  return head.slice(nl + 1).trim() ? 'jsonl' : 'json';
}

/** 'csv'/'tsv' when the first line is a header naming a text column, e.g. "title,text,url". */
function delimitedByHeader(head: string): FormatName | undefined {
  const first = head.slice(0, Math.max(0, head.indexOf('\n'))).replace(/\r$/, '');
  if (!first || first.length > 2000) return undefined;
  for (const [delim, format] of [['\t', 'tsv'], [',', 'csv'], [';', 'csv']] as const) {
    const cells = first.split(delim);
    if (cells.length < 2) continue;
    const probe: Record<string, string> = {};
    for (const c of cells) probe[foldKey(c.replace(/^"|"$/g, ''))] = 'x';
    if (isStoryLike(probe)) return format;
  }
  return undefined;
}

function extensionOf(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Enforces the result contract: stories with an id and text, a bounded problem list, no silence. */
function finish(name: string, result: ParseResult): ParseResult {
  const stories: Story[] = [];
  const problems: ParseProblem[] = [];
  for (const s of result.stories) {
    if (s && typeof s.id === 'string' && s.id && typeof s.text === 'string' && s.text.trim()) {
      if (s.text.length > MAX_STORY_CHARS) {
        problems.push({ file: name, ...problemText('problem_story_too_long', JSON.stringify(s.id.slice(0, 80)), s.text.length, MAX_STORY_CHARS) });
        continue;
      }
      stories.push(typeof s.title === 'string' ? s : { ...s, title: '' });
    }
  }
  for (const p of result.problems) {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  }
  if (result.problems.length > MAX_PROBLEMS) {
    problems.push({ file: name, ...problemText('problem_more_in_file', result.problems.length - MAX_PROBLEMS) });
  }
  if (!stories.length && !problems.length) problems.push({ file: name, ...problemText('problem_no_stories') });
  return { stories, problems };
}
