// Which elements count as a "paragraph" of a page, and which hold no readable text.

/** Elements that start a new block of text: the text nodes under one belong to one paragraph. */
export const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV',
  'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5',
  'H6', 'HEADER', 'HGROUP', 'HTML', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY',
  'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);

/** Elements whose content is never article text. */
export const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'CANVAS', 'VIDEO',
  'AUDIO', 'SELECT', 'TEXTAREA', 'BUTTON',
]);

/** Tag names of the elements StoryTrace itself puts in pages (shadow hosts): never page text. */
export const OWN_TAGS = new Set(['STORYTRACE-BADGE', 'STORYTRACE-LAYER']);

export function isBlock(el: Element): boolean {
  return BLOCK_TAGS.has(el.tagName.toUpperCase());
}

/** The nearest block ancestor of a node (the node itself when it is a block element). */
export function paragraphOf(node: Node): Element | null {
  let cur: Node | null = node.nodeType === 1 ? node : node.parentNode;
  while (cur && cur.nodeType === 1) {
    if (isBlock(cur as Element)) return cur as Element;
    cur = cur.parentNode;
  }
  return null;
}
