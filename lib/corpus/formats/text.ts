// Plain-text files → stories: one story, or a scraped page of several, split by segmentPage.
import type { ParseResult, Story } from '../story';
import { deriveStoryId } from '../story-id';
import { segmentPage, type SegmentedStory } from '../segment';
import { cleanLine, cleanText, storyTitle } from './clean';
import { toDate } from './field-values';
import { problemText } from '../problem';

/** Parses a .txt file. The file name is never used as a title (scrapers name files by hash). */
export function parseText(name: string, text: string): ParseResult {
  return segmentedToResult(name, text, {});
}

/** Metadata a container (Markdown front matter) gives every story it holds. */
export interface StoryDefaults {
  title?: string;
  url?: string;
  source?: string;
  date?: string;
  author?: string;
}

/** Runs segmentPage over a page and turns its segments into cleaned stories. */
export function segmentedToResult(name: string, text: string, defaults: StoryDefaults): ParseResult {
  let segments: SegmentedStory[];
  try {
    segments = segmentPage(text);
  } catch (e) {
    return { stories: [], problems: [{ file: name, ...problemText('problem_text_split', e instanceof Error ? e.message : String(e)) }] };
  }
  const stories: Story[] = [];
  for (const seg of segments) {
    const body = cleanText(seg.text ?? '');
    if (!body) continue;
    // A front-matter title names the file's story, so it only applies when there is one.
    const title = storyTitle(segments.length === 1 && defaults.title ? defaults.title : seg.title, body);
    const story: Story = { id: deriveStoryId(title, body), title, text: body };
    if (defaults.url && segments.length === 1) story.url = defaults.url;
    const source = cleanLine(seg.source || defaults.source || '');
    if (source) story.source = source;
    const date = toDate(seg.date || defaults.date);
    if (date) story.date = date;
    const author = cleanLine(seg.author || defaults.author || '');
    if (author) story.author = author;
    stories.push(story);
  }
  if (!stories.length) return { stories, problems: [{ file: name, ...problemText('problem_no_text') }] };
  return { stories, problems: [] };
}
