// RSS 2.0 / RSS 1.0 (RDF) / Atom feeds → stories, through linkedom's lenient XML parser
// (CDATA and entities decoded; a truncated feed still yields the items before the cut).
import { DOMParser } from 'linkedom';
import type { ParseProblem, ParseResult, Story } from '../story';
import { deriveStoryId } from '../story-id';
import { cleanLine, cleanText, storyTitle } from './clean';
import { toDate, toNames, toUrl } from './field-values';
import { decodeEntities, fieldText, nodeToText } from './html-to-text';
import { nestsDeeperThan } from './markup-depth';
import { problemText } from '../problem';

const ITEM_NAMES = new Set(['item', 'entry']);
// Body elements by preference; the longest readable one wins (a description is often a teaser).
const BODY_NAMES = ['content:encoded', 'content', 'description', 'summary', 'media:description', 'itunes:summary'];
const DATE_NAMES = ['pubdate', 'published', 'dc:date', 'updated', 'issued', 'modified', 'a10:updated', 'dcterms:created'];
const AUTHOR_NAMES = ['dc:creator', 'author', 'creator', 'itunes:author', 'contributor'];
/** Element nesting refused before parsing (linkedom's cost grows with depth²); feeds nest ~5 deep. */
const MAX_DEPTH = 1000;

/** Parses an RSS or Atom document; every item or entry with text becomes a story. */
export function parseFeed(name: string, text: string): ParseResult {
  const stories: Story[] = [];
  const problems: ParseProblem[] = [];
  if (nestsDeeperThan(text, MAX_DEPTH, false)) {
    return { stories, problems: [{ file: name, ...problemText('problem_nested_deep', MAX_DEPTH) }] };
  }
  // The XML declaration's encoding is moot: the text is already decoded.
  const doc = new DOMParser().parseFromString(text.replace(/^\s*<\?xml[^>]*\?>/, ''), 'text/xml');
  const items = findItems(doc as unknown as Document);
  if (!items.length) {
    return { stories, problems: [{ file: name, ...problemText('problem_feed_empty') }] };
  }
  const feedTitle = channelTitle(doc as unknown as Document);
  items.forEach((item, i) => {
    const at = { file: name, record: i + 1 };
    try {
      const out = itemToStory(item, feedTitle);
      if (typeof out === 'string') problems.push({ ...at, ...problemText('problem_feed_item_no_text') });
      else stories.push(out);
    } catch (e) {
      problems.push({ ...at, ...problemText('problem_feed_item_unreadable', cleanLine(e instanceof Error ? e.message : String(e), 120)) });
    }
  });
  return { stories, problems };
}

/** All item/entry elements (any namespace prefix), outermost only, walked without recursion. */
function findItems(doc: Document): Element[] {
  const found: Element[] = [];
  const stack: Element[] = [];
  for (let i = doc.childNodes.length - 1; i >= 0; i--) {
    const n = doc.childNodes[i];
    if (n.nodeType === 1) stack.push(n as Element);
  }
  while (stack.length) {
    const el = stack.pop()!;
    if (ITEM_NAMES.has(localName(el))) {
      found.push(el);
      continue;
    }
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return found;
}

/** The title of the channel (RSS) or feed (Atom): a direct title child of either. */
function channelTitle(doc: Document): string | undefined {
  const stack: Element[] = [];
  for (const n of Array.from(doc.childNodes)) if (n.nodeType === 1) stack.push(n as Element);
  for (let guard = 0; stack.length && guard < 10_000; guard++) {
    const el = stack.pop()!;
    const ln = localName(el);
    if (ln === 'channel' || ln === 'feed') {
      const t = childrenNamed(el, ['title'])[0];
      const title = t ? cleanLine(decodeEntities(t.textContent ?? '')) : '';
      return title || undefined;
    }
    if (ITEM_NAMES.has(ln)) continue;
    for (const k of Array.from(el.children)) stack.push(k);
  }
  return undefined;
}

function itemToStory(item: Element, feedTitle: string | undefined): Story | string {
  const text = bodyText(item);
  if (!text) return 'no text (the item has no content, description or summary)';
  const rawTitle = childrenNamed(item, ['title'])[0]?.textContent ?? '';
  const title = storyTitle(decodeEntities(rawTitle), text);
  const guid = childrenNamed(item, ['guid', 'id'])[0];
  const guidText = guid ? cleanLine(guid.textContent ?? '', 400) : '';
  const story: Story = { id: guidText || deriveStoryId(title, text), title, text };
  const url = itemLink(item, guid);
  if (url) story.url = url;
  const source = childrenNamed(item, ['source'])[0]?.textContent;
  const src = source ? cleanLine(decodeEntities(source)) : feedTitle;
  if (src) story.source = src;
  for (const d of childrenNamed(item, DATE_NAMES)) {
    const date = toDate(d.textContent ?? '');
    if (date) {
      story.date = date;
      break;
    }
  }
  const authors = childrenNamed(item, AUTHOR_NAMES).map(authorName).filter((a): a is string => !!a);
  const author = toNames(authors);
  if (author) story.author = author;
  return story;
}

/** The longest readable body of an item, as plain text. */
function bodyText(item: Element): string {
  let best = '';
  for (const el of childrenNamed(item, BODY_NAMES)) {
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    // Inline XHTML (or markup a sloppy feed left unescaped) is real elements: walk them for the
    // paragraph structure. Either way the text may still hold escaped HTML, the RSS habit.
    const raw = type === 'xhtml' || type.endsWith('+xml') || el.children.length > 0 ? nodeToText(el) : (el.textContent ?? '');
    const t = type === 'text' ? cleanText(raw) : fieldText(raw);
    if (t.length > best.length) best = t;
  }
  return best;
}

/** Atom: link[rel=alternate or none][href]; RSS: <link> text; else a permalink guid. */
function itemLink(item: Element, guid: Element | undefined): string | undefined {
  for (const link of childrenNamed(item, ['link', 'feedburner:origlink'])) {
    const rel = (link.getAttribute('rel') ?? 'alternate').toLowerCase();
    const href = link.getAttribute('href');
    const url = toUrl(href && rel === 'alternate' ? href : link.textContent ?? '');
    if (url) return url;
  }
  if (guid && guid.getAttribute('isPermaLink') !== 'false') return toUrl(guid.textContent ?? '');
  return undefined;
}

/** "jane@example.com (Jane Doe)" → "Jane Doe"; Atom <author><name>; plain text otherwise. */
function authorName(el: Element): string | undefined {
  const name = childrenNamed(el, ['name'])[0];
  const raw = cleanLine(decodeEntities((name ?? el).textContent ?? ''));
  const inParens = /^\S+@\S+\s*\((.+)\)$/.exec(raw);
  if (inParens) return inParens[1].trim();
  return raw || undefined;
}

function childrenNamed(el: Element, names: readonly string[]): Element[] {
  const out: Element[] = [];
  for (const want of names) {
    for (const k of Array.from(el.children)) {
      const tag = k.tagName.toLowerCase();
      if (tag === want || (!want.includes(':') && localName(k) === want && !tag.includes(':'))) out.push(k);
    }
  }
  return out;
}

function localName(el: Element): string {
  const tag = el.tagName.toLowerCase();
  const colon = tag.indexOf(':');
  return colon < 0 ? tag : tag.slice(colon + 1);
}
