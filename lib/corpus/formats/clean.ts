// Cleaning of imported text fields: control characters out, whitespace folded, paragraphs kept.

// C0 controls except tab/newline/CR/VT/FF, DEL, C1 controls, BOM, non-characters, lone surrogates:
// none of these belong in story text, and lone surrogates break TextEncoder and IndexedDB keys.
const CONTROLS =
  /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Cheap pre-test: most text has none of these, and the full pattern (lookarounds) is the slow part.
const MAYBE_CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFEFF\uFFFE\uFFFF\uD800-\uDFFF]/;
// Whitespace other than a single space: runs of two or more, or any odd space character on its own.
// (Plain single spaces never match, so ordinary text costs no replacements.)
const SPACE_RUN = /[ \t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]{2,}|[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/** Removes control characters, BOMs and lone surrogates; keeps tabs and line breaks. */
export function stripControls(s: string): string {
  return MAYBE_CONTROL.test(s) ? s.replace(CONTROLS, '') : s;
}

/**
 * Plain story text: controls stripped, spaces folded, paragraphs separated by one blank line.
 * Text that already uses blank lines keeps them as paragraph breaks (single newlines inside a
 * paragraph become spaces, as in hard-wrapped text); text without any uses each line as a paragraph.
 */
export function cleanText(s: string): string {
  let t = stripControls(s);
  if (/[\r\u2028\u2029]/.test(t)) t = t.replace(/\r\n?|[\u2028\u2029]/g, '\n');
  // After SPACE_RUN there is at most one space on either side of a newline.
  t = t.replace(SPACE_RUN, ' ').replace(/ ?\n ?/g, '\n').trim();
  if (!t.includes('\n\n')) return t.replace(/\n/g, '\n\n');
  return t.replace(/\n{3,}/g, '\n\n').replace(/([^\n])\n(?=[^\n])/g, '$1 ');
}

/** One-line value (title, author, source): controls stripped, all whitespace folded, clipped. */
export function cleanLine(s: string, max = 500): string {
  const one = stripControls(s).replace(/\s+/g, ' ').trim();
  return one.length > max ? clipWords(one, max) : one;
}

/** A title for a story that has none: the first sentence of its text, at most about 120 chars. */
export function titleFromText(text: string, max = 120): string {
  const first = (text.split('\n\n').find((p) => p.trim()) ?? '').replace(/\s+/g, ' ').trim();
  const sentence = /^.+?[.!?…。！？](?=\s|$)/u.exec(first);
  const candidate = sentence && sentence[0].length >= 12 ? sentence[0] : first;
  return candidate.length > max ? clipWords(candidate, max) : candidate;
}

/** Title from an optional raw title, falling back to the text's first sentence. */
export function storyTitle(raw: string | undefined, text: string): string {
  const t = raw ? cleanLine(raw) : '';
  return t || titleFromText(text);
}

function clipWords(s: string, max: number): string {
  let cut = s.slice(0, max - 1);
  // never leave half of a surrogate pair at the cut
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + '…';
}
