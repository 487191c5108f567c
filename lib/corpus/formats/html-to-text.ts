// HTML (a fragment, a page or a DOM subtree) → plain story text: blocks become paragraphs,
// scripts and styles vanish, entities are decoded. The result is a string, never markup.
import { parseHTML } from 'linkedom';
import { cleanText } from './clean';

// Tags that mark a string as HTML. A lone "<" or "a<b" in plain text must not trigger a parse.
const KNOWN_TAG =
  /<\/?(?:p|br|div|span|a|b|i|u|em|strong|h[1-6]|ul|ol|li|img|script|style|figure|figcaption|blockquote|table|tbody|tr|td|th|section|article|iframe|noscript|html|body|head|font|center|small|sup|sub|hr|pre|code|header|footer|main|aside|nav|picture|source|video|audio|svg|link|meta|dl|dt|dd|cite|q|time|mark|abbr|s|del|ins)(?=[\s/>])[^>]*>/i;
const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tr', 'ul',
]);
// Never text a reader sees: code, styling, embedded documents, form controls, metadata.
const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'canvas',
  'head', 'title', 'meta', 'link', 'button', 'select', 'option', 'input', 'textarea', 'audio', 'video',
]);

/** True when a string holds HTML tags or character entities that need decoding. */
export function looksLikeHtml(s: string): boolean {
  return KNOWN_TAG.test(s) || ENTITY.test(s);
}

/** HTML fragment or page → plain text with paragraphs separated by blank lines. */
export function htmlToText(html: string): string {
  const isPage = /<(?:!doctype|html|body)[\s>]/i.test(html.slice(0, 4096));
  const { document } = parseHTML(isPage ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  const root = (document.body ?? document.documentElement) as Node | null;
  return root ? nodeToText(root) : '';
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
      out.push(preDepth > 0 ? t : t.replace(/\s+/g, ' '));
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
  return looksLikeHtml(s) ? htmlToText(s) : cleanText(s);
}

/** Decodes character entities but keeps tags as literal characters (for titles and names). */
export function decodeEntities(s: string): string {
  if (!ENTITY.test(s)) return s;
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${s.replace(/</g, '&lt;')}</body></html>`);
  return document.body?.textContent ?? s;
}
