// Article extraction: Readability on a clone of the document, then the same text read from the
// live page's own paragraphs, so every character maps back to a real text node.
import { Readability } from '@mozilla/readability';
import { OWN_TAGS, SKIP_TAGS, isBlock, paragraphOf } from './blocks';
import { TextMap, type TextSegment } from './text-map';

/** One paragraph of the live page that holds article text. */
export interface PageParagraph {
  /** Position in reading order (0-based). */
  index: number;
  /** The live block element. */
  element: Element;
  /** [start, end) of its text in the extracted page text. */
  start: number;
  end: number;
  /** Set when `element` holds several visual paragraphs (text split by blank lines of <br>s, as
   *  Blogger and old CMSs write them): this is one of them, its text only [start, end). */
  part?: boolean;
}

/** The article of a page, as text with a way back to the live DOM. */
export interface ExtractedPage {
  title: string;
  /** Paragraph texts joined by blank lines; whitespace folded. What is sent for checking. */
  text: string;
  paragraphs: PageParagraph[];
  map: TextMap;
  byline?: string;
  siteName?: string;
  publishedTime?: string;
}

export interface ExtractOptions {
  /** Live paragraphs for which this returns false are left out (e.g. `el.checkVisibility()`). */
  isVisible?: (el: Element) => boolean;
  /** Passed on to Readability (characters an article needs; default 500). */
  charThreshold?: number;
}

/** Attribute put on the CLONE's elements only: the index of the live element it copies. */
const MARK = 'data-storytrace-i';

/**
 * Extracts the article of `doc` without touching it: Readability runs on a clone whose elements
 * carry the index of their live twin (attributes survive Readability's node renames and its
 * innerHTML retries), and the text is then read from the live twins in Readability's order.
 * Returns null when Readability finds no article.
 */
export function extractArticle(doc: Document, opts: ExtractOptions = {}): ExtractedPage | null {
  if (!doc.documentElement) return null;
  const clone = doc.cloneNode(true) as Document;
  const live = Array.from(doc.querySelectorAll('*'));
  const copies = Array.from(clone.querySelectorAll('*'));
  if (live.length !== copies.length) return null; // the page changed under us: try again later
  for (let i = 0; i < copies.length; i++) copies[i].setAttribute(MARK, String(i));
  for (const tag of OWN_TAGS) for (const el of Array.from(clone.querySelectorAll(tag.toLowerCase()))) el.remove();

  let article: ReturnType<Readability<Element>['parse']>;
  try {
    article = new Readability<Element>(clone, {
      serializer: (n) => n as Element,
      charThreshold: opts.charThreshold,
    }).parse();
  } catch {
    return null; // Readability throws on some malformed documents; treat as "no article"
  }
  const content = article?.content;
  if (!content) return null;

  const selected = selectLiveTexts(content, live);
  if (selected.order.length === 0) return null;

  // Paragraphs in the order Readability's content first reaches them.
  const blocks: Element[] = [];
  const seen = new Set<Element>();
  for (const t of selected.order) {
    const p = paragraphOf(t);
    if (!p || seen.has(p)) continue;
    seen.add(p);
    if (opts.isVisible && !opts.isVisible(p)) continue;
    blocks.push(p);
  }

  const builder = new TextBuilder();
  const paragraphs: PageParagraph[] = [];
  for (const el of blocks) {
    const first = paragraphs.length;
    let start = builder.beginParagraph();
    const close = () => {
      const end = builder.endParagraph();
      if (end > start) paragraphs.push({ index: paragraphs.length, element: el, start, end });
    };
    const breaks: Breaks = {
      run: 0,
      split: () => {
        close();
        start = builder.beginParagraph();
      },
    };
    readParagraph(el, el, selected.set, builder, breaks);
    close();
    if (paragraphs.length - first > 1) for (let i = first; i < paragraphs.length; i++) paragraphs[i].part = true;
  }
  if (paragraphs.length === 0) return null;

  const title = (article?.title ?? '').trim() || (doc.title ?? '').trim();
  return {
    title,
    text: builder.text(),
    paragraphs,
    map: new TextMap(builder.segments),
    byline: article?.byline?.trim() || undefined,
    siteName: article?.siteName?.trim() || undefined,
    publishedTime: article?.publishedTime?.trim() || undefined,
  };
}

/** The live text nodes behind the non-blank text of Readability's content, in content order. */
function selectLiveTexts(content: Element, live: Element[]): { order: Text[]; set: Set<Text> } {
  const order: Text[] = [];
  const set = new Set<Text>();
  const owner = content.ownerDocument;
  const walker = owner.createTreeWalker(content, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    if (!/\S/u.test(t.data)) continue;
    const twin = liveTwin(t, live, set);
    if (twin) {
      set.add(twin);
      order.push(twin);
    }
  }
  return { order, set };
}

/**
 * The live text node a clone text node copies: among the children of its parent's live twin when
 * the parent is intact, otherwise among the descendants of the nearest marked ancestor (for text
 * Readability re-created, e.g. a javascript: link turned into plain text).
 */
function liveTwin(t: Text, live: Element[], used: Set<Text>): Text | null {
  let anc = t.parentElement;
  while (anc && !anc.hasAttribute(MARK)) anc = anc.parentElement;
  if (!anc) return null;
  const twin = live[Number(anc.getAttribute(MARK))];
  if (!twin) return null;
  if (anc === t.parentElement) {
    for (let c = twin.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3 && (c as Text).data === t.data && !used.has(c as Text)) return c as Text;
    }
  }
  const walker = twin.ownerDocument.createTreeWalker(twin, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if ((n as Text).data === t.data && !used.has(n as Text)) return n as Text;
  }
  return null;
}

/** <br>s met since the last text of a block, and how to start a new visual paragraph there. */
interface Breaks {
  run: number;
  split: () => void;
}

/** Appends the selected text under `node` (not entering nested paragraphs) to the builder; two or
 *  more <br>s in a row (white space between them aside) end a visual paragraph: `breaks.split`. */
function readParagraph(root: Element, node: Node, selected: Set<Text>, out: TextBuilder, breaks: Breaks): void {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3) {
      const t = c as Text;
      const blank = !/\S/u.test(t.data);
      if (!blank && selected.has(t)) {
        if (breaks.run >= 2) breaks.split();
        breaks.run = 0;
      }
      // White space between words is never selected (Readability's content is only scanned for
      // words) but still separates them.
      if (selected.has(t) || blank) out.appendText(t);
      else out.softBreak(); // text Readability dropped (an ad, a button)
    } else if (c.nodeType === 1) {
      const el = c as Element;
      const tag = el.tagName.toUpperCase();
      if (OWN_TAGS.has(tag) || SKIP_TAGS.has(tag)) continue;
      if (tag === 'BR' || tag === 'HR' || tag === 'IMG') {
        if (tag === 'BR') breaks.run++;
        out.softBreak();
        continue;
      }
      if (el !== root && isBlock(el)) {
        out.softBreak(); // a nested paragraph is read on its own
        continue;
      }
      readParagraph(root, el, selected, out, breaks);
    }
  }
}

/** Builds the page text with folded whitespace and the offset map as it goes. */
class TextBuilder {
  readonly segments: TextSegment[] = [];
  private parts: string[] = [];
  private length = 0;
  private paraStart = 0;
  /** A space is owed before the next character: where it came from, or null for a break. */
  private pending: { node: Text; offset: number } | null | undefined = undefined;
  private current: TextSegment | null = null;

  /** Starts a paragraph; returns where its text will start. */
  beginParagraph(): number {
    this.paraStart = this.length === 0 ? 0 : this.length + 2; // the blank line comes with the first character
    this.pending = undefined;
    return this.paraStart;
  }

  /** Ends the paragraph; returns where its text ends (= its start when it read nothing). */
  endParagraph(): number {
    return Math.max(this.length, this.paraStart);
  }

  private get inParagraph(): boolean {
    return this.length >= this.paraStart && this.length > 0 && this.length !== this.paraStart - 2;
  }

  /** A boundary that reads as a space (a <br>, an image, dropped text) if more text follows. */
  softBreak(): void {
    if (this.inParagraph && this.pending === undefined) this.pending = null;
  }

  appendText(node: Text): void {
    const data = node.data;
    for (let i = 0; i < data.length; i++) {
      const code = data.charCodeAt(i);
      if (isSpace(code)) {
        if (this.inParagraph && this.pending === undefined) this.pending = { node, offset: i };
        continue;
      }
      if (!this.inParagraph && this.length > 0) this.push('\n\n', null, 0);
      else if (this.pending !== undefined) this.push(' ', this.pending?.node ?? null, this.pending?.offset ?? 0);
      this.pending = undefined;
      this.push(data[i], node, i);
    }
  }

  private push(s: string, node: Text | null, offset: number): void {
    if (node) {
      const cur = this.current;
      if (!cur || cur.node !== node || cur.start + cur.offsets.length !== this.length) {
        this.current = { start: this.length, node, offsets: [offset] };
        this.segments.push(this.current);
      } else cur.offsets.push(offset);
    } else {
      this.current = null;
    }
    this.parts.push(s);
    this.length += s.length;
  }

  text(): string {
    return this.parts.join('');
  }
}

/** ASCII and Unicode white space (NBSP included); zero-width characters are not breaks. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0x85) return false;
  return (
    code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000
  );
}
