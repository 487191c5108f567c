import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../lib/corpus/parse-file';
import type { Story } from '../../../lib/corpus/story';
import { judgeTranslation } from '../../../lib/translation/detect';

const ROOT = join(__dirname, '../../..');
const translations: { original: string; language: string; text: string }[] = JSON.parse(
  readFileSync(join(ROOT, 'tests/fixtures/translations/pairs.json'), 'utf8'),
);
const seeds: Story[] = readdirSync(join(ROOT, 'tests/fixtures/seeds'))
  .sort()
  .flatMap((f) => parseFile(f, readFileSync(join(ROOT, 'tests/fixtures/seeds', f))).stories);
const seed = (title: string) => seeds.find((s) => s.title === title)!;

describe('judgeTranslation', () => {
  it('calls every whole translation of a seed story a duplicate, with paragraph pairs in order', () => {
    for (const t of translations) {
      const v = judgeTranslation(seed(t.original).text, t.text);
      expect(v.kind, `${t.language}: ${t.original}`).toBe('duplicate');
      expect(v.pairs.length).toBeGreaterThan(1);
      for (let i = 1; i < v.pairs.length; i++) {
        expect(v.pairs[i].storyStart).toBeGreaterThan(v.pairs[i - 1].storyStart);
        expect(v.pairs[i].pageStart).toBeGreaterThanOrEqual(v.pairs[i - 1].pageStart);
      }
    }
  });

  it('flags no other seed story, same war and same day included', () => {
    for (const t of translations)
      for (const page of seeds) {
        if (page.title === t.original) continue;
        expect(judgeTranslation(page.text, t.text).kind, `${page.title} vs ${t.language} ${t.original}`).toBe('none');
      }
  });

  it('finds a few translated paragraphs inside another story as partial', () => {
    const t = translations.find((x) => x.language === 'ru' && x.original.startsWith('South American'))!;
    const host = seed('European Court of Justice rules Britain free to revoke Brexit unilaterally').text.split(/\n\n+/);
    const paras = seed(t.original).text.split(/\n\n+/);
    const page = [...host.slice(0, 3), ...paras.slice(4, 7), ...host.slice(3)].join('\n\n');
    const v = judgeTranslation(page, t.text);
    expect(v.kind).toBe('partial');
    expect(v.storyShare).toBeLessThan(0.6);
  });

  it('says nothing of texts without anchors', () => {
    expect(judgeTranslation('no numbers here at all', 'и здесь тоже нет').kind).toBe('none');
    expect(judgeTranslation('', '').kind).toBe('none');
  });
});
