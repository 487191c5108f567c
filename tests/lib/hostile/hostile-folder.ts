// A corpus folder of hostile files beside good ones, as a user's scraped dump may hold them: a zip
// bomb (and one within the ratio limit that still expands to hundreds of MB), a 40 MB JSON Lines
// line, JSON nested 200,000 deep inside an otherwise good array, a 30 MB CSV field, HTML nested
// 100,000 deep, a feed with an entity expansion attack, a large binary file named .txt, and a
// 60 MB single-line text file. Good stories (real seed paragraphs) sit in most of them: the load
// must keep every one of those, and report the rest.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { parseFile } from '../../../lib/corpus/parse-file';

const MB = 2 ** 20;
const SEED_DIR = join(import.meta.dirname, '../../fixtures/seeds');

/** Real paragraphs of the seed stories, more than 25 words each. */
export function seedParagraphs(): string[] {
  return readdirSync(SEED_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => parseFile(f, readFileSync(join(SEED_DIR, f))).stories.flatMap((s) => s.text.split(/\n\s*\n/)))
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.split(' ').length > 25);
}

/** Writes the folder under `dir`; returns the ids of the good stories it holds (each must load). */
export function writeHostileFolder(dir: string, scale = 1): string[] {
  mkdirSync(dir, { recursive: true });
  const paras = seedParagraphs();
  const good: string[] = [];
  const story = (id: string) => {
    good.push(id);
    const k = good.length;
    return { id, title: `Good story ${id}`, text: [0, 1, 2].map((j) => paras[(k * 5 + j * 11) % paras.length]).join('\n\n') };
  };
  const bytes = (n: number) => Math.round(n * scale);

  // 1. A zip bomb: 1 GB of one byte, deflated to about 1 MB, beside a good JSON file.
  const bomb = new Uint8Array(bytes(1024 * MB)).fill(0x61);
  writeFileSync(join(dir, 'bomb.zip'), zipSync({ 'stories.json': new TextEncoder().encode(JSON.stringify([story('zip-1'), story('zip-2')])), 'bomb.txt': [bomb, { level: 9 }] }));
  // 2. An archive within the ratio limit that expands to hundreds of MB of text: plausible but huge.
  const filler = new TextEncoder().encode((paras.join(' ') + ' ').repeat(Math.ceil(bytes(300 * MB) / paras.join(' ').length)).slice(0, bytes(300 * MB)));
  writeFileSync(join(dir, 'big-text.zip'), zipSync({ 'notes.txt': [filler, { level: 1 }], 'good.json': new TextEncoder().encode(JSON.stringify(story('zip-3'))) }));
  // 3. JSON Lines with one 40 MB line between good lines.
  const line40 = JSON.stringify({ id: 'huge', title: 'huge', text: 'word '.repeat(bytes(40 * MB) / 5) });
  writeFileSync(join(dir, 'long-line.jsonl'), [story('jsonl-1'), story('jsonl-2')].map((s) => JSON.stringify(s)).join('\n') + '\n' + line40 + '\n' + JSON.stringify(story('jsonl-3')) + '\n');
  // 4. A JSON array holding a record nested 200,000 deep between good records.
  const deep = '['.repeat(200_000) + ']'.repeat(200_000);
  writeFileSync(join(dir, 'deep.json'), `[${JSON.stringify(story('json-1'))},{"title":"deep","text":"x","extra":${deep}},${JSON.stringify(story('json-2'))}]`);
  // 5. CSV with a 30 MB quoted field.
  const csvRow = (s: { id: string; title: string; text: string }) => `${s.id},"${s.title}","${s.text.replace(/"/g, '""')}"`;
  writeFileSync(join(dir, 'wide.csv'), ['id,title,text', csvRow(story('csv-1')), `big,"big","${'lorem ipsum '.repeat(bytes(30 * MB) / 12)}"`, csvRow(story('csv-2'))].join('\n') + '\n');
  // 6. HTML nested 100,000 deep.
  writeFileSync(join(dir, 'deep.html'), `<html><body>${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)}</body></html>`);
  // 7. A feed with an entity expansion ("billion laughs") before good items.
  const lol = `<!DOCTYPE rss [<!ENTITY a "lollollollollollollollollollol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('')}]>`;
  const item = (s: { id: string; title: string; text: string }) => `<item><guid>${s.id}</guid><title>${s.title}</title><description>${s.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</description></item>`;
  writeFileSync(join(dir, 'laughs.rss'), `<?xml version="1.0"?>${lol}<rss version="2.0"><channel><title>&j;</title>${item(story('rss-1'))}${item(story('rss-2'))}</channel></rss>`);
  // 8. 80 MB of random bytes named .txt.
  const noise = new Uint8Array(bytes(80 * MB));
  let x = 12345;
  for (let i = 0; i < noise.length; i++) noise[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  writeFileSync(join(dir, 'noise.txt'), noise);
  // 9. A 60 MB text file on one line (no paragraph or sentence breaks a segmenter could use).
  writeFileSync(join(dir, 'one-line.txt'), 'and then '.repeat(bytes(60 * MB) / 9));
  // 10. Good files of their own.
  writeFileSync(join(dir, 'good.jsonl'), [story('good-1'), story('good-2'), story('good-3')].map((s) => JSON.stringify(s)).join('\n') + '\n');
  return good;
}
