// Fixture pages checked against the real seed corpus with the real engine (memory backend): the
// paragraphs that get a badge are exactly the ones that reuse corpus text.
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { parseText } from '../../../lib/corpus/formats/text';
import { MemoryBackend } from '../../../lib/index/memory/backend';
import { StoryIndex } from '../../../lib/index/story-index';
import type { QueryResult } from '../../../lib/index/types';
import { extractArticle } from '../../../lib/page/extract';
import { groupByParagraph } from '../../../lib/page/paragraph-matches';
import { isArticlePage } from '../../../lib/page/readerable';
import { toolbarBadge } from '../../../lib/background/check-badge';
import { fold, loadPage, pageSlugs } from '../../fixtures/pages/pages';

const SEEDS = join(import.meta.dirname, '../../fixtures/seeds');
let index: StoryIndex;

beforeAll(async () => {
  index = new StoryIndex(new MemoryBackend());
  for (const f of readdirSync(SEEDS).sort()) {
    const { stories } = parseText(f, readFileSync(join(SEEDS, f), 'utf8'));
    await index.addStories({ id: 'seeds', name: 'Seeds' }, stories);
  }
});

describe('fixture pages against the seed corpus', () => {
  for (const slug of pageSlugs().filter((s) => s !== 'spa')) {
    const { html, expected: exp } = loadPage(slug);
    it(`${slug}: badges exactly the reused paragraphs, reports the expected stories and toolbar badge`, async () => {
      const doc = parseHTML(html).document as unknown as Document;
      if (!exp.article) {
        expect(isArticlePage(doc)).toBe(false);
        return;
      }
      const page = extractArticle(doc)!;
      const result: QueryResult = await index.query({ text: page.text, title: page.title });
      const groups = groupByParagraph(page.text, page.paragraphs, result);
      const badged = groups.map((g) => fold(page.text.slice(g.start, g.end)));
      expect(badged).toEqual(exp.reused.map(fold));

      const reuseTitles = [...result.duplicates, ...result.partial].map((m) => m.title);
      for (const t of exp.duplicates) expect(result.duplicates.map((m) => m.title).join('\n')).toContain(t);
      for (const t of exp.partial ?? []) expect(reuseTitles.join('\n')).toContain(t);
      for (const t of exp.related) expect(result.related.map((m) => m.title).join('\n')).toContain(t);
      if (exp.reused.length === 0) expect(reuseTitles).toEqual([]);

      const badge = toolbarBadge({ status: 'done', result, updatedAt: 0 }).text;
      if (exp.toolbar === '~') expect(badge).toMatch(/^~\d/);
      else expect(badge).toBe(exp.toolbar);
    });
  }
});
