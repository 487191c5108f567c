// `storytrace check` on a page that translates a seed story: the duplicate carries its language
// pair, as the popup's "Translation · Russian → English" does.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, SEED_DIR } from '../../../lib/cli/main';
import { readStories } from '../../../lib/cli/load-corpus';

const PAIRS = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/translations/pairs.json'), 'utf8')) as { original: string; language: string; title: string; text: string }[];
const dir = mkdtempSync(join(tmpdir(), 'st-check-tr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('storytrace check on a translated page', () => {
  it('reports the translated story as a duplicate with the language pair; a same-language match has none', async () => {
    const ru = PAIRS.find((p) => p.language === 'ru')!;
    const page = join(dir, 'ru.txt');
    writeFileSync(page, `${ru.title}\n\n${ru.text}`);
    const out: string[] = [];
    const code = await main(['check', '--corpus', SEED_DIR, page], { out: (l) => out.push(l), err: () => {} });
    expect(code).toBe(0);
    const r = JSON.parse(out[0]) as { duplicates: { title: string; translation?: { pageLanguage: string; storyLanguage: string } }[] };
    const dup = r.duplicates.find((d) => d.title === ru.original);
    expect(dup?.translation).toEqual({ pageLanguage: 'ru', storyLanguage: 'en' });

    // The English original itself, as a page: the same story found, in its own language.
    const stories = await readStories(SEED_DIR, () => {});
    const en = stories.find((s) => s.title === ru.original)!;
    const enPage = join(dir, 'en.txt');
    writeFileSync(enPage, `${en.title}\n\n${en.text}`);
    const out2: string[] = [];
    await main(['check', '--corpus', SEED_DIR, enPage], { out: (l) => out2.push(l), err: () => {} });
    const same = (JSON.parse(out2[0]) as typeof r).duplicates.find((d) => d.title === ru.original);
    expect(same).toBeDefined();
    expect(same?.translation).toBeUndefined();
  });
});
