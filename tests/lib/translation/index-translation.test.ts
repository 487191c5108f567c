import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../lib/corpus/parse-file';
import type { Story } from '../../../lib/corpus/story';
import { MemoryBackend } from '../../../lib/index/memory/backend';
import { StoryIndex } from '../../../lib/index/story-index';

const ROOT = join(__dirname, '../../..');
const translations: { original: string; language: string; title: string; text: string }[] = JSON.parse(
  readFileSync(join(ROOT, 'tests/fixtures/translations/pairs.json'), 'utf8'),
);
const seeds: Story[] = readdirSync(join(ROOT, 'tests/fixtures/seeds'))
  .sort()
  .flatMap((f) => parseFile(f, readFileSync(join(ROOT, 'tests/fixtures/seeds', f))).stories);

describe('translated copies through the index', () => {
  it('reports the translations of a page as duplicates marked with the language pair, and none on other pages', async () => {
    const index = new StoryIndex(new MemoryBackend());
    await index.addStories({ id: 'seeds', name: 'seeds' }, seeds);
    await index.addStories(
      { id: 'tr', name: 'translations' },
      translations.map((t, i) => ({ id: `tr-${i}`, title: t.title, text: t.text })),
    );
    for (const page of seeds) {
      const r = await index.query({ text: page.text, title: page.title }, { excludeIds: [page.id] });
      const flagged = [...r.duplicates, ...r.partial].filter((m) => m.translation);
      const expected = translations.map((t, i) => (t.original === page.title ? `tr-${i}` : '')).filter(Boolean);
      expect(flagged.map((m) => m.id).sort(), page.title).toEqual(expected.sort());
      for (const m of flagged) {
        expect(m.kind).toBe('duplicate');
        expect(m.translation!.pageLanguage).toBe('en');
        expect(['ru', 'es']).toContain(m.translation!.storyLanguage);
        expect(r.related.some((x) => x.id === m.id)).toBe(false);
      }
    }
  });

  it('keeps anchor terms out of the related stories and their explanations', async () => {
    const index = new StoryIndex(new MemoryBackend());
    await index.addStories({ id: 'seeds', name: 'seeds' }, seeds);
    const page = seeds.find((s) => s.title.startsWith('Lavrov’s Latin American Tour'))!;
    const r = await index.query({ text: page.text, title: page.title }, { excludeIds: [page.id] });
    expect(r.related.length).toBeGreaterThan(0);
    for (const x of r.related) for (const t of x.terms) expect(t.startsWith('\u21c4')).toBe(false);
  });
});
