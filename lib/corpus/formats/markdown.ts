// Markdown files → stories: YAML-style front matter (Hugo, Jekyll exports) read for metadata,
// the body split and stripped of Markdown by segmentPage.
import type { ParseResult } from '../story';
import { toUrl } from './field-values';
import { segmentedToResult, type StoryDefaults } from './text';

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** Parses a .md/.markdown file. */
export function parseMarkdown(name: string, text: string): ParseResult {
  const fm = FRONT_MATTER.exec(text);
  if (!fm) return segmentedToResult(name, text, {});
  return segmentedToResult(name, text.slice(fm[0].length), frontMatter(fm[1]));
}

/** Flat "key: value" lines of front matter; nested YAML is ignored rather than misread. */
function frontMatter(block: string): StoryDefaults {
  const out: StoryDefaults = {};
  for (const line of block.split(/\r?\n/)) {
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.+)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase().replace(/[-_]/g, '');
    const value = m[2].trim().replace(/^(["'])(.*)\1$/, '$2').trim();
    if (!value || value === '|' || value === '>') continue;
    if ((key === 'title' || key === 'headline') && !out.title) out.title = value;
    else if (['url', 'link', 'canonicalurl', 'permalink', 'sourceurl'].includes(key) && !out.url) out.url = toUrl(value);
    else if (['source', 'site', 'publisher', 'outlet'].includes(key) && !out.source) out.source = value;
    else if (['date', 'published', 'publishdate', 'pubdate'].includes(key) && !out.date) out.date = value;
    else if (['author', 'byline', 'authors'].includes(key) && !out.author) out.author = value.replace(/^\[|\]$/g, '');
  }
  return out;
}
