// How deeply a page or feed nests its elements, measured with a linear scan before any DOM is built:
// linkedom's parser and Readability both slow down quadratically with depth (100,000 nested <div>s
// take linkedom ~20 s), so hostile nesting is refused up front.

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:._-]*)/y;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
// End tags HTML lets authors leave out: a sloppy page with 5,000 open <p>s is not deep, as the
// parser closes each one when the next starts.
const OPTIONAL_END = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'rt', 'rp', 'html', 'head', 'body']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);

/**
 * Whether the markup nests elements deeper than `limit` (HTML rules for void, raw-text and
 * optional-end elements when `html`; plain XML nesting otherwise). Stops as soon as it knows.
 */
export function nestsDeeperThan(text: string, limit: number, html: boolean): boolean {
  let depth = 0;
  // Open elements per name: a stray "</span>" must not cancel an open <div> ("<div></span>" × 100k).
  const open = new Map<string, number>();
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return false;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) return false;
      i = end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0) return false;
      i = end + 3;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(text);
    if (!m) {
      i = lt + 1;
      continue;
    }
    const gt = endOfTag(text, lt + m[0].length);
    if (gt < 0) return false;
    i = gt + 1;
    const name = html ? m[2].toLowerCase() : m[2];
    const selfClosing = text[gt - 1] === '/';
    if (m[1] === '/') {
      const count = open.get(name) ?? 0;
      if (count > 0) {
        open.set(name, count - 1);
        depth--;
      }
      continue;
    }
    if (selfClosing) continue;
    if (html) {
      if (VOID.has(name) || OPTIONAL_END.has(name)) continue;
      if (RAW_TEXT.has(name)) {
        const close = rawEnd(name);
        close.lastIndex = i;
        const found = close.exec(text);
        if (!found) return false;
        i = found.index;
        continue;
      }
    }
    open.set(name, (open.get(name) ?? 0) + 1);
    if (++depth > limit) return true;
  }
  return false;
}

const rawEnds = new Map<string, RegExp>();
function rawEnd(name: string): RegExp {
  let re = rawEnds.get(name);
  if (!re) rawEnds.set(name, (re = new RegExp(`</${name}[\\s>/]`, 'ig')));
  return re;
}

/** Index of the ">" ending a tag, outside quoted attribute values; -1 when the text ends first. */
function endOfTag(text: string, from: number): number {
  let quote = '';
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  return -1;
}
