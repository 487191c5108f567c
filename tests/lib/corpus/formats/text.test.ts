import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../../../lib/corpus/formats/text';
import { parseMarkdown } from '../../../../lib/corpus/formats/markdown';
import { fixtureText } from './fixtures';

const SEED_DIR = new URL('../../../../../shared/corpus/seeds/', import.meta.url);

describe('parseText', () => {
  it('reads a one-story text file: title line, byline, paragraphs', () => {
    const { stories, problems } = parseText('0b04ab074c0709f3.txt', fixtureText('story.txt'));
    expect(problems).toEqual([]);
    expect(stories).toHaveLength(1);
    expect(stories[0].title).toBe('Putin will not run the Trump gauntlet around Cuba');
    expect(stories[0].text.split('\n\n')).toHaveLength(3);
    expect(stories[0].text.startsWith('President Vladimir Putin will not run the gauntlet')).toBe(true);
    expect(stories[0].id).toMatch(/^h[0-9a-f]{16}$/);
  });

  it('never uses the file name as a title', () => {
    const { stories } = parseText('my-file-name.txt', 'He meant that solidarity with Cuba is one thing, but not at the risk of military conflict.');
    expect(stories[0].title).not.toMatch(/my-file-name/);
    expect(stories[0].text).toBe('He meant that solidarity with Cuba is one thing, but not at the risk of military conflict.');
  });

  it('splits a real scraped page into stories', () => {
    let page: string;
    try {
      page = readFileSync(new URL('004_9fd36fcddbd190d7.txt', SEED_DIR), 'utf8');
    } catch {
      return; // the seeds live outside the repository; nothing to check without them
    }
    const { stories } = parseText('004_9fd36fcddbd190d7.txt', page);
    expect(stories.length).toBeGreaterThanOrEqual(1);
    expect(stories[0].title).toBe('Top Chinese officials visit Putin in Moscow as China reaffirms its alliance with Russia');
    for (const s of stories) expect(s.text.trim()).not.toBe('');
  });

  it('reports text with no story in it', () => {
    expect(parseText('x.txt', '   \n\n  ').problems[0].reason).toMatch(/no story text/);
  });
});

describe('parseMarkdown', () => {
  it('reads front matter for metadata and strips Markdown from the body', () => {
    const { stories, problems } = parseMarkdown('page.md', fixtureText('page.md'));
    expect(problems).toEqual([]);
    expect(stories).toHaveLength(1);
    expect(stories[0]).toMatchObject({
      title: 'Moscow and Havana once again strengthen bilateral relations',
      url: 'https://example.org/news/moscow-havana',
      source: 'Cuba News Agency',
      date: '2018-11-12',
      author: 'Staff writer',
    });
    expect(stories[0].text).not.toMatch(/\*\*|\]\(|^#/m);
    expect(stories[0].text).toContain('noted “excellent” relations');
    expect(stories[0].text).toContain('leveled by Donald Trump, who');
  });

  it('reads Markdown without front matter', () => {
    const md = '# Moscow and Havana once again strengthen bilateral relations\n\nBefore his departure to Moscow in the Cuban media, information appeared more than once that the new leader of the Island of Freedom repeatedly noted excellent relations.\n';
    const { stories } = parseMarkdown('x.md', md);
    expect(stories[0].title).toBe('Moscow and Havana once again strengthen bilateral relations');
  });
});
