// Raw page text (plain or Markdown) to paragraphs: line endings, hard wraps, Markdown blocks, headings.
import { looksLikeMarkdown, splitFrontMatter, stripInlineMarkdown, type FrontMatter } from './segment-markdown';

/** One block of the page, before any chrome or title decision. */
export interface Paragraph {
  text: string;
  /** Markdown heading level (1–6) when the block was a heading. */
  heading?: number;
  /** Verbatim code block content: kept as text, never cleaned or classified. */
  code?: boolean;
}

export interface PageParagraphs {
  paragraphs: Paragraph[];
  markdown: boolean;
  front: FrontMatter;
}

/** True when the text is most likely not text at all (control bytes, decoding failures). */
export function looksBinary(text: string): boolean {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (!head.length) return false;
  const bad = head.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/gu);
  return !!bad && bad.length / head.length > 0.02;
}

/** Line endings to \n, invisible characters dropped, exotic spaces to plain spaces. */
export function normalizeText(text: string): string {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // One scan: line breaks to \n, invisible characters dropped, exotic spaces to plain spaces.
  return s.replace(
    /\r\n?|[\u2028\u2029\u0085]|[\u0000-\u0008\u000b\u000e-\u001f\u007f\u200b\u2060\ufeff\u00ad]|[\t\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu,
    (m) => {
      const c = m.charCodeAt(0);
      if (c === 13 || c === 0x2028 || c === 0x2029 || c === 0x85) return '\n';
      if (c === 9 || c === 12 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000)
        return ' ';
      return '';
    },
  );
}

const SENTENCE_END = /[.!?…:;"”’'»)\]]$/u;

/**
 * Whether the lines of one blank-line-separated block are one hard-wrapped paragraph (join them) or
 * one paragraph per line (the scraped pages here). Wrapped lines run close to a common width and
 * often stop mid-sentence; per-line paragraphs vary in length and end in punctuation.
 */
function looksWrapped(lines: readonly string[]): boolean {
  if (lines.length < 2) return false;
  let max = 0;
  for (const l of lines) max = Math.max(max, l.length);
  if (max > 200 || max < 30) return false;
  const body = lines.slice(0, -1);
  const wide = body.filter((l) => l.length >= 0.6 * max).length;
  const open = body.filter((l) => !SENTENCE_END.test(l)).length;
  return wide >= 0.75 * body.length && open >= 0.3 * body.length;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/u;
const FENCE = /^ {0,3}(`{3,}|~{3,})/u;
const RULE = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/u;
const LIST = /^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+/u;
const QUOTE = /^[ \t]{0,3}>[ \t]?/u;
const REF_DEF = /^ {0,3}\[[^\]\n]{1,200}\]:[ \t]*\S+/u;
const TABLE_SEP = /^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$/u;

/** Splits page text into paragraphs; Markdown markup is stripped when the page is Markdown. */
export function toParagraphs(raw: string): PageParagraphs {
  let text = normalizeText(raw);
  const markdown = looksLikeMarkdown(text) || /^---[ \t]*\n/u.test(text);
  let front: FrontMatter = {};
  if (markdown) {
    const fm = splitFrontMatter(text);
    front = fm.front;
    text = fm.body;
  }
  const lines = text.split('\n');
  const out: Paragraph[] = [];
  let block: string[] = [];
  const inline = (s: string): string => (markdown ? stripInlineMarkdown(s) : s);
  const flush = (): void => {
    if (!block.length) return;
    if (looksWrapped(block)) {
      let joined = block[0];
      for (let k = 1; k < block.length; k++) {
        // "well-\nknown": a wrap inside a hyphenated word keeps the hyphen and no space.
        joined += /\p{L}-$/u.test(joined) && /^\p{Ll}/u.test(block[k]) ? block[k] : ' ' + block[k];
      }
      out.push({ text: inline(joined) });
    } else {
      for (const l of block) out.push({ text: inline(l) });
    }
    block = [];
  };

  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].trim();
    if (markdown) {
      const fence = FENCE.exec(lines[i]);
      if (fence) {
        flush();
        const marker = fence[1];
        const code: string[] = [];
        let j = i + 1;
        while (j < lines.length && !lines[j].trimStart().startsWith(marker)) code.push(lines[j++].replace(/\s+$/u, ''));
        // Blank lines separate paragraphs in story text, so a code block keeps its lines but not its blank ones.
        const body = code.join('\n').replace(/^\n+|\n+$/gu, '').replace(/\n{2,}/gu, '\n');
        if (body.trim()) out.push({ text: body, code: true });
        i = j;
        continue;
      }
      const atx = ATX.exec(lines[i]);
      if (atx) {
        flush();
        const h = inline((atx[2] ?? '').trim());
        if (h) out.push({ text: h, heading: atx[1].length });
        continue;
      }
      if (RULE.test(lines[i]) || REF_DEF.test(lines[i])) {
        flush();
        continue;
      }
      // Setext heading: one text line underlined with === or ---.
      const next = lines[i + 1];
      if (line && block.length === 0 && next !== undefined && /^ {0,3}(?:=+|-+)[ \t]*$/u.test(next) && !LIST.test(line)) {
        out.push({ text: inline(line), heading: next.trim().startsWith('=') ? 1 : 2 });
        i++;
        continue;
      }
      if (QUOTE.test(line)) line = line.replace(/^(?:>[ \t]?)+/u, '').trim();
      if (TABLE_SEP.test(line) && line.includes('-')) continue;
      if (/^\|.*\|$/u.test(line)) {
        flush();
        const cells = line
          .slice(1, -1)
          .split('|')
          .map((c) => c.trim())
          .filter(Boolean);
        if (cells.length) out.push({ text: inline(cells.join(' ')) });
        continue;
      }
      if (LIST.test(line)) {
        flush();
        line = line.replace(LIST, '');
      }
    }
    if (!line) {
      flush();
      continue;
    }
    block.push(line);
  }
  flush();
  return { paragraphs: out, markdown, front };
}
