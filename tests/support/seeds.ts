// Real story text for engine tests, cut straight from the seed pages by line content, so engine
// tests do not depend on the segmenter; and, for tests of what sits on top of it, the seed pages as
// the segmenter cuts them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmentPage } from '../../lib/corpus/segment';
import type { Story } from '../../lib/corpus/story';

const SEED_DIR = join(import.meta.dirname, '../fixtures/seeds');

/** Non-empty lines of a seed page. */
export function seedLines(prefix: string): string[] {
  const file = ['000_0b04ab074c0709f3.txt', '001_0a55803d26681c2e.txt', '002_4041c492b9a4318a.txt', '003_0190c966b073fd19.txt', '004_9fd36fcddbd190d7.txt'].find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}`);
  return readFileSync(join(SEED_DIR, file), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Paragraphs from the line starting with `first` up to and including the line starting with `last`. */
export function seedParagraphs(prefix: string, first: string, last: string): string[] {
  const lines = seedLines(prefix);
  const a = lines.findIndex((l) => l.startsWith(first));
  const b = lines.findIndex((l, i) => i >= a && l.startsWith(last));
  if (a < 0 || b < 0) throw new Error(`seed ${prefix}: cannot find "${first}" … "${last}"`);
  return lines.slice(a, b + 1);
}

export const TESLA = () => seedParagraphs('000', 'Jurors*) in what appears', 'Vasseur said Hsu');
export const FIRE_SALE = () => seedParagraphs('000', 'Ukraine is looking for "brave"', '"If the state gives us');
export const GERMANY = () => seedParagraphs('000', 'The German authorities have decided', 'The Russian side responded');
export const BREXIT = () => seedParagraphs('001', 'The UK is free to unilaterally', 'On Sunday, Will Quince');
export const LAVROV_TOUR = () => seedParagraphs('000', 'Russia’s foreign minister wrapped up', 'Speaking in Caracas');
export const SMART_GUN_REUTERS = () => seedParagraphs('000', 'Colorado-based Biofire Tech', 'Advertisement · Scroll to continue');
export const SMART_GUN_REPRINT = () => seedParagraphs('000', 'At other times during the demonstration, the weapon', '“I’ve not just built a product');

/** Every seed page cut into stories by the real segmenter, ids "000-0", "000-1", …, source the file. */
export function segmentedSeedStories(): Story[] {
  return readdirSync(SEED_DIR)
    .sort()
    .flatMap((f) => segmentPage(readFileSync(join(SEED_DIR, f), 'utf8')).map((s, i) => ({ ...s, id: `${f.slice(0, 3)}-${i}`, source: f })));
}
