// A large plain-text or Markdown file cut at blank lines into parts small enough to segment one at a
// time: segmentation holds per-word arrays of the whole text it is given (about 28 bytes of memory
// per character: a 60 MB one-line file took 1.7 GB), so a big dump is read part by part, and a
// "paragraph" longer than any story (no blank line in megabytes) is left out instead of segmented.

/** Characters segmented at once. A scraped page or a story is far smaller; a dump of many stories
 *  is cut between paragraphs, so at most the story at each cut is split in two. */
export const TEXT_PART_CHARS = 4 * 2 ** 20;

export interface TextParts {
  parts: string[];
  /** Runs of text longer than `maxParagraph` with no blank line in them, left out: [offset, length]. */
  dropped: [number, number][];
}

/** Cuts `text` at blank lines into parts of at most `partChars`; a paragraph over `maxParagraph`
 *  characters is dropped. */
export function textParts(text: string, maxParagraph: number, partChars = TEXT_PART_CHARS): TextParts {
  const out: TextParts = { parts: [], dropped: [] };
  if (text.length <= partChars) return (out.parts.push(text), out);
  const blank = /\n[ \t\r\f]*\n/gu;
  let partStart = 0;
  let paraStart = 0;
  let m: RegExpExecArray | null;
  const flush = (end: number) => {
    if (end > partStart) out.parts.push(text.slice(partStart, end));
    partStart = end;
  };
  const paragraph = (start: number, end: number) => {
    if (end - start > maxParagraph) {
      flush(start);
      out.dropped.push([start, end - start]);
      partStart = end;
    } else if (end - partStart > partChars) flush(start);
  };
  while ((m = blank.exec(text))) {
    paragraph(paraStart, m.index);
    paraStart = m.index + m[0].length;
  }
  paragraph(paraStart, text.length);
  flush(text.length);
  return out;
}
