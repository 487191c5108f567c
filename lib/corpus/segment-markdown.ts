// Markdown detection and markup stripping for segmentation: plain text out, headings kept apart.

/** Fields read from a YAML-like front matter block at the top of a Markdown file. */
export interface FrontMatter {
  title?: string;
  author?: string;
  date?: string;
  source?: string;
  url?: string;
}

const FRONT = /^---[ \t]*\n([\s\S]{0,20000}?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/u;

/** Splits off a front matter block; returns the fields it could read and the rest of the text. */
export function splitFrontMatter(text: string): { front: FrontMatter; body: string } {
  const m = FRONT.exec(text);
  if (!m) return { front: {}, body: text };
  const front: FrontMatter = {};
  for (const line of m[1].split('\n')) {
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/u.exec(line.trim());
    if (!kv) continue;
    const value = kv[2]
      .trim()
      .replace(/^(["'])(.*)\1$/u, '$2')
      .trim();
    if (!value || value.startsWith('[') || value.startsWith('{')) continue;
    const key = kv[1].toLowerCase();
    if (key === 'title' || key === 'headline') front.title ??= value;
    else if (key === 'author' || key === 'authors' || key === 'byline') front.author ??= value;
    else if (key === 'date' || key === 'published' || key === 'pubdate' || key === 'published_at') front.date ??= value;
    else if (key === 'source' || key === 'publisher' || key === 'site' || key === 'outlet') front.source ??= value;
    else if (key === 'url' || key === 'link' || key === 'canonical') front.url ??= value;
  }
  // Only a block that looked like metadata counts as front matter (a page may start with a rule "---").
  if (!Object.keys(front).length && !/^\s*[A-Za-z_][\w-]*\s*:/mu.test(m[1])) return { front: {}, body: text };
  return { front, body: text.slice(m[0].length) };
}

/** True when the text carries Markdown structure (headings, fences, links, images, emphasis). */
export function looksLikeMarkdown(text: string): boolean {
  const head = text.length > 500_000 ? text.slice(0, 500_000) : text;
  // Each regex runs only when its cheap marker is present: most scraped pages have none.
  if (head.includes('#') && /^#{1,6}[ \t]+\S/mu.test(head)) return true;
  if ((head.includes('```') || head.includes('~~~')) && /^[ \t]{0,3}(?:```|~~~)/mu.test(head)) return true;
  if (head.includes('](') && /!?\[[^\]\n]{1,300}\]\((?:https?:|\/|\.|#|mailto:)[^)\s]{0,2000}\)/u.test(head)) return true;
  if (head.includes('\n=') && /^\S[^\n]{0,200}\n=+[ \t]*$/mu.test(head)) return true;
  if (!head.includes('**')) return false;
  const strong = head.match(/\*\*[^*\n]{1,200}\*\*/gu);
  return !!strong && strong.length >= 2;
}

/** Removes inline Markdown: images dropped, links and emphasis keep their text, HTML tags dropped. */
export function stripInlineMarkdown(s: string): string {
  let t = s;
  if (t.includes('](') || t.includes('][')) {
    t = t.replace(/!\[[^\]\n]{0,500}\](?:\([^)\n]{0,2000}\)|\[[^\]\n]{0,200}\])/gu, '');
    t = t.replace(/\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)/gu, '$1');
    t = t.replace(/\[([^\]\n]{1,500})\]\[[^\]\n]{0,200}\]/gu, '$1');
  }
  if (t.includes('<')) {
    t = t.replace(/<((?:https?|mailto):[^>\s]{1,2000})>/giu, '$1');
    t = t.replace(/<\/?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>]{0,500})?\/?>/gu, ' ');
  }
  if (t.includes('`')) {
    t = t.replace(/``([^`\n]{1,1000}?)``|`([^`\n]{1,1000})`/gu, (_m, a: string | undefined, b: string | undefined) => a ?? b ?? '');
  }
  if (t.includes('*') || t.includes('_') || t.includes('~')) {
    t = t.replace(/(\*\*|__)(?=\S)([^\n]{0,2000}?\S)\1/gu, '$2');
    t = t.replace(/(^|[^\p{L}\p{N}*\\])\*(?=\S)([^*\n]{0,2000}?[^\s\\])\*(?![\p{L}\p{N}*])/gu, '$1$2');
    t = t.replace(/(^|[^\p{L}\p{N}_\\])_(?=\S)([^_\n]{0,2000}?[^\s\\])_(?![\p{L}\p{N}_])/gu, '$1$2');
    t = t.replace(/~~(?=\S)([^~\n]{0,2000}?\S)~~/gu, '$1');
  }
  if (t.includes('\\')) t = t.replace(/\\([\\`*_{}[\]()#+\-.!>~|])/gu, '$1');
  return t.replace(/ {2,}/gu, ' ').trim();
}
