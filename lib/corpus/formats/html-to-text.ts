// HTML (a fragment, a page or a DOM subtree) → plain story text: blocks become paragraphs,
// scripts and styles vanish, entities are decoded. The result is a string, never markup.
import { cleanText } from './clean';
import { decodeEntities, hasEntity } from './html-entities';

export { decodeEntities };

// Tags that mark a string as HTML. A lone "<" or "a<b" in plain text must not trigger a parse.
// The attribute run is bounded and stops at "<", so "<p <p <p …" cannot make the test quadratic.
const KNOWN_TAG =
  /<\/?(?:p|br|div|span|a|b|i|u|em|strong|h[1-6]|ul|ol|li|img|script|style|figure|figcaption|blockquote|table|tbody|tr|td|th|section|article|iframe|noscript|html|body|head|font|center|small|sup|sub|hr|pre|code|header|footer|main|aside|nav|picture|source|video|audio|svg|link|meta|dl|dt|dd|cite|q|time|mark|abbr|s|del|ins)(?=[\s/>])[^<>]{0,2000}>/i;

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tr',
  'ul',
]);
// Never text a reader sees: code, styling, embedded documents, form controls, metadata.
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'head',
  'title',
  'meta',
  'link',
  'button',
  'select',
  'option',
  'input',
  'textarea',
  'audio',
  'video',
]);

/** True when a string holds HTML tags or character entities that need decoding. */
export function looksLikeHtml(s: string): boolean {
  return s.includes('<') ? KNOWN_TAG.test(s) || hasEntity(s) : hasEntity(s);
}

// Elements whose content is raw text up to their end tag (never markup, never story text).
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
// Dropped with their content by the tokenizer: elements that always carry an end tag. (Elements
// with optional end tags, such as <option> or <head>, would swallow the rest of a sloppy page.)
const TOKEN_SKIP = new Set(['svg', 'math', 'template', 'object', 'select', 'button', 'audio', 'video', 'canvas', 'datalist']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const TAG_OPEN = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/y;
// Source whitespace to fold: runs, or any whitespace but a plain space (single spaces cost nothing).
const WS_FOLD = /\s{2,}|[^\S ]/g;

/**
 * HTML fragment or page → plain text with paragraphs separated by blank lines. A linear tokenizer,
 * not a DOM: fields of JSON/CSV/feed corpora are converted by the hundred thousand, and building a
 * tree for each costs ~4× more. Quotes in attributes, comments, CDATA, raw-text elements and
 * unclosed markup are handled as browsers do for the text they show.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  const n = html.length;
  let skipTag = ''; // inside an element whose content is dropped (svg, select, head …)
  let skipDepth = 0;
  let preDepth = 0;
  const text = (t: string) => {
    if (skipDepth || !t) return;
    const decoded = decodeEntities(t);
    out.push(preDepth ? decoded : decoded.replace(WS_FOLD, ' '));
  };
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (html.startsWith('<![CDATA[', lt)) {
      const end = html.indexOf(']]>', lt + 9);
      if (!skipDepth) out.push(html.slice(lt + 9, end < 0 ? n : end).replace(WS_FOLD, ' '));
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const end = html.indexOf('>', lt);
      i = end < 0 ? n : end + 1;
      continue;
    }
    TAG_OPEN.lastIndex = lt;
    const m = TAG_OPEN.exec(html);
    if (!m) {
      text('<'); // a literal "<" in text ("a < b")
      i = lt + 1;
      continue;
    }
    // Find the tag's ">" outside quoted attribute values.
    let j = lt + m[0].length;
    let quote = '';
    for (; j < n; j++) {
      const c = html[j];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
    }
    if (j >= n) {
      // No ">" before the end: "5 <b 10" in a plain-text field. A browser would swallow the rest
      // as a tag; keeping it as text loses nothing. (All of it: no later tag can close either, and
      // rescanning from every "<" would be quadratic.)
      text(html.slice(lt));
      break;
    }
    i = j + 1;
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    const selfClosing = html[j - 1] === '/';
    if (!closing && RAW_TEXT.has(tag)) {
      const close = rawEnd(tag);
      close.lastIndex = i;
      const found = close.exec(html);
      i = found ? found.index + found[0].length : n;
      continue;
    }
    if (skipDepth) {
      if (tag === skipTag && !VOID.has(tag) && !selfClosing) skipDepth += closing ? -1 : 1;
      continue;
    }
    if (TOKEN_SKIP.has(tag)) {
      if (!closing && !selfClosing) {
        skipTag = tag;
        skipDepth = 1;
      }
      continue;
    }
    if (tag === 'br') out.push('\n');
    else if (tag === 'td' || tag === 'th') out.push(' ');
    else if (BLOCK.has(tag)) out.push('\n\n');
    if (tag === 'pre') preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
  }
  return cleanText(out.join(''));
}

const rawEnds = new Map<string, RegExp>();
function rawEnd(tag: string): RegExp {
  let re = rawEnds.get(tag);
  if (!re) rawEnds.set(tag, (re = new RegExp(`</${tag}\\s*>`, 'ig')));
  return re;
}

/** Plain text of a DOM subtree (linkedom or browser), walked without recursion. */
export function nodeToText(root: Node): string {
  // Markers on the stack close a block (paragraph break) or leave a <pre> (whitespace kept inside).
  const END_BLOCK = 0;
  const END_PRE = 1;
  const out: string[] = [];
  const stack: (Node | typeof END_BLOCK | typeof END_PRE)[] = [root];
  let preDepth = 0;
  while (stack.length) {
    const node = stack.pop()!;
    if (node === END_BLOCK) {
      out.push('\n\n');
      continue;
    }
    if (node === END_PRE) {
      preDepth--;
      continue;
    }
    if (node.nodeType === 3 || node.nodeType === 4) {
      const t = node.nodeValue ?? '';
      out.push(preDepth > 0 ? t : t.replace(WS_FOLD, ' '));
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const tag = ((node as Element).localName ?? '').toLowerCase();
    if (SKIP.has(tag)) continue;
    if (tag === 'br') {
      out.push('\n');
      continue;
    }
    if (tag === 'td' || tag === 'th') out.push(' ');
    if (BLOCK.has(tag)) {
      out.push('\n\n');
      stack.push(END_BLOCK);
    }
    if (tag === 'pre') {
      preDepth++;
      stack.push(END_PRE);
    }
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return cleanText(out.join(''));
}

/** A text field that may hold HTML → plain text. */
export function fieldText(s: string): string {
  if (!looksLikeHtml(s)) return cleanText(s);
  const t = htmlToText(s);
  // Markup escaped twice (HTML escaped inside a CDATA body, or a broken feed read as text, where
  // the escaped items' markup comes out as text) still holds tags after one pass: one more.
  return t.includes('<') && KNOWN_TAG.test(t) ? htmlToText(t) : t;
}
