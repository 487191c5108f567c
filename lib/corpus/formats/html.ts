// HTML pages → one story each: the article found by @mozilla/readability over a linkedom DOM,
// with metadata from Open Graph, <link rel=canonical>, <time> and JSON-LD.
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ParseResult, Story } from '../story';
import { deriveStoryId } from '../story-id';
import { cleanLine, storyTitle } from './clean';
import { scalar, toDate, toNames, toUrl } from './field-values';
import { nodeToText } from './html-to-text';
import { nestsDeeperThan } from './markup-depth';
import { problemText } from '../problem';

/** Fewer words than this in the extracted content and the page is not an article. */
const MIN_ARTICLE_WORDS = 30;
/** Elements Readability may walk before giving up; far above real article pages. */
const MAX_ELEMENTS = 300_000;
/** Nesting refused before parsing: real pages stay under ~100; Readability's cost grows with depth². */
const MAX_DEPTH = 400;

interface PageMeta {
  title?: string;
  url?: string;
  source?: string;
  date?: string;
  author?: string;
}

/** Parses one HTML page into its article, or reports that it holds none. */
export function parseHtml(name: string, text: string): ParseResult {
  if (nestsDeeperThan(text, MAX_DEPTH, true)) {
    return { stories: [], problems: [{ file: name, ...problemText('problem_html_nested', MAX_DEPTH) }] };
  }
  const { document } = parseHTML(text);
  const doc = document as unknown as Document;
  if (!doc.documentElement || !doc.body) {
    return { stories: [], problems: [{ file: name, ...problemText('problem_html_not_html') }] };
  }
  // Metadata and the reader-mode verdict first: Readability strips and rewrites the document.
  const meta = readMeta(doc);
  let readerable = true;
  try {
    readerable = isProbablyReaderable(doc);
  } catch {
    // a verdict only; extraction decides on its own
  }
  let article: ReturnType<Readability<Node>['parse']>;
  try {
    article = new Readability<Node>(doc, { serializer: (el) => el, maxElemsToParse: MAX_ELEMENTS }).parse();
  } catch (e) {
    const why = e instanceof Error && /Aborting parsing document/.test(e.message) ? 'problem_html_too_large' : 'problem_html_failed';
    return { stories: [], problems: [{ file: name, ...problemText(why) }] };
  }
  const content = article?.content;
  let body = content ? nodeToText(content) : '';
  const headline = cleanLine(article?.title || meta.title || '');
  body = dropLeadingRepeats(body, headline, article?.byline ?? meta.author);
  const words = body.split(/\s+/).filter(Boolean).length;
  if (!body || words < MIN_ARTICLE_WORDS || linkHeavy(content)) {
    return { stories: [], problems: [{ file: name, ...problemText('problem_html_little_text') }] };
  }
  if (!readerable && looksLikeTeasers(body)) {
    return { stories: [], problems: [{ file: name, ...problemText('problem_html_teasers') }] };
  }
  const title = storyTitle(headline, body);
  const story: Story = { id: deriveStoryId(title, body), title, text: body };
  if (meta.url) story.url = meta.url;
  const source = cleanLine(article?.siteName || meta.source || '');
  if (source) story.source = source;
  const date = meta.date ?? toDate(article?.publishedTime ?? undefined);
  if (date) story.date = date;
  const author = cleanLine(article?.byline || meta.author || '').replace(/^by\s+/i, '');
  if (author) story.author = author;
  return { stories: [story], problems: [] };
}

function readMeta(doc: Document): PageMeta {
  const metaContent = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      for (const el of Array.from(doc.querySelectorAll('meta'))) {
        const k = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').toLowerCase();
        const c = el.getAttribute('content');
        if (k === key && c && c.trim()) return c;
      }
    }
    return undefined;
  };
  const ld = readJsonLd(doc);
  const canonical = Array.from(doc.querySelectorAll('link')).find((l) => (l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'));
  const timeEl = doc.querySelector('article time[datetime], time[datetime]');
  const meta: PageMeta = {};
  const title = metaContent('og:title', 'twitter:title') ?? ld.headline ?? doc.querySelector('title')?.textContent ?? undefined;
  if (title) meta.title = cleanLine(title);
  const url = toUrl(canonical?.getAttribute('href')) ?? toUrl(metaContent('og:url')) ?? toUrl(ld.url);
  if (url) meta.url = url;
  const source = metaContent('og:site_name', 'application-name') ?? ld.publisher;
  if (source) meta.source = cleanLine(source);
  const date =
    toDate(metaContent('article:published_time', 'og:article:published_time', 'datepublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'dcterms.created')) ??
    toDate(ld.datePublished) ??
    toDate(timeEl?.getAttribute('datetime') ?? undefined);
  if (date) meta.date = date;
  const author = metaContent('author', 'article:author', 'byl', 'dc.creator', 'parsely-author') ?? ld.author;
  // article:author is often a profile URL, which names nobody.
  if (author && !/^https?:\/\//i.test(author.trim())) meta.author = cleanLine(author);
  return meta;
}

interface JsonLdFacts {
  headline?: string;
  datePublished?: string;
  author?: string;
  publisher?: string;
  url?: string;
}

/** Article facts from JSON-LD blocks; searched breadth-first with a budget (hostile nesting). */
function readJsonLd(doc: Document): JsonLdFacts {
  const facts: JsonLdFacts = {};
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    for (let head = 0, budget = 10_000; head < queue.length && budget > 0; head++, budget--) {
      const v = queue[head];
      if (Array.isArray(v)) {
        queue.push(...v.slice(0, 1000));
        continue;
      }
      if (!v || typeof v !== 'object') continue;
      const o = v as Record<string, unknown>;
      const type = ([] as unknown[]).concat(o['@type'] ?? []).join(' ');
      if (/Article|Posting|Report|BlogPosting/i.test(type)) {
        facts.headline ??= scalar(o.headline) ?? scalar(o.name);
        facts.datePublished ??= scalar(o.datePublished);
        facts.author ??= toNames(o.author);
        facts.publisher ??= toNames(o.publisher);
        facts.url ??= scalar(o.url, ['@id', 'url']) ?? scalar(o.mainEntityOfPage, ['@id', 'url']);
      }
      if (o['@graph']) queue.push(o['@graph']);
    }
  }
  return facts;
}

/** Drops first paragraphs that repeat the headline, are the "By …" byline, or are just a date. */
function dropLeadingRepeats(body: string, headline: string, byline: string | null | undefined): string {
  let paras = body.split('\n\n');
  const fold = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 3 && paras.length > 1; i++) {
    const p = fold(paras[0]);
    const isTitle = headline && p === fold(headline);
    const isByline = p.length < 100 && (/^by\s/.test(p) || (byline && p === fold(byline)));
    const isDate = p.length <= 40 && /\d/.test(p) && (/^[\d\s./:,-]+$/.test(p) || !Number.isNaN(Date.parse(p)));
    if (!isTitle && !isByline && !isDate) break;
    paras = paras.slice(1);
  }
  return paras.join('\n\n');
}

/**
 * A front page's teaser list: many short paragraphs, a good share of them headlines (no closing
 * punctuation). Only asked of pages reader mode would not offer, so wire copy written in
 * one-sentence paragraphs still passes.
 */
function looksLikeTeasers(body: string): boolean {
  const paras = body.split('\n\n');
  if (paras.length < 4) return false;
  const headlines = paras.filter((p) => !/[.!?…:;"”’»)\]]$/.test(p)).length;
  return headlines / paras.length >= 0.3;
}

/** Mostly links (a section front, a menu): not an article even when long. */
function linkHeavy(content: Node | null | undefined): boolean {
  if (!content) return true;
  const total = (content.textContent ?? '').replace(/\s+/g, '').length;
  if (!total) return true;
  let linked = 0;
  for (const a of Array.from((content as Element).querySelectorAll('a'))) linked += (a.textContent ?? '').replace(/\s+/g, '').length;
  return linked / total > 0.5;
}
