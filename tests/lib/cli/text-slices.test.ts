// Large text files read from disk in slices of whole paragraphs (lib/cli/text-slices.ts): no byte is
// lost or split mid-paragraph, an over-long run without a blank line is left out once with its exact
// length and offset, and the stories around it are kept.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../../lib/corpus/parse-file';
import { lastBlankLine, parseTextSlices, textSliceable, textSlices } from '../../../lib/cli/text-slices';
import { seedParagraphs } from '../hostile/hostile-folder';

const dir = mkdtempSync(join(tmpdir(), 'st-text-slices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const enc = new TextEncoder();
const dec = new TextDecoder();

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('textSlices', () => {
  it('cuts only at blank lines and gives back every byte', async () => {
    const text = seedParagraphs().join('\n\n') + '\n';
    const file = join(dir, 'dump.txt');
    writeFileSync(file, text);
    const slices = await collect(textSlices(file, 2048));
    expect(slices.length).toBeGreaterThan(5);
    const bytes = slices.map((s) => ('bytes' in s ? s.bytes : new Uint8Array()));
    expect(dec.decode(Buffer.concat(bytes))).toBe(text);
    for (const b of bytes.slice(0, -1)) expect(dec.decode(b)).toMatch(/\n[ \t\r]*\n$/);
  });

  it('leaves out a run longer than the limit, once, with its length in characters and where it began', async () => {
    const before = 'First paragraph of a good story.\n\n';
    const run = 'ä'.repeat(30_000); // two bytes a character
    const after = '\n\nA later paragraph, kept.\n';
    const file = join(dir, 'run.txt');
    writeFileSync(file, before + run + after);
    const slices = await collect(textSlices(file, 4096, 16_384));
    const skipped = slices.filter((s) => 'skipped' in s);
    expect(skipped).toEqual([{ skipped: { at: before.length, length: run.length + 2 } }]);
    const kept = slices.flatMap((s) => ('bytes' in s ? [dec.decode(s.bytes)] : [])).join('');
    expect(kept).toContain('First paragraph');
    expect(kept).toContain('A later paragraph, kept.');
    expect(kept).not.toContain('ää');
  });

  it('finds the last blank line, spaces and carriage returns between the newlines included', () => {
    expect(lastBlankLine(enc.encode('a\n\nb\n \r\nc'))).toBe(8);
    expect(lastBlankLine(enc.encode('a\nb\nc'))).toBe(0);
  });

  it('takes plain text and Markdown, not UTF-16, binary or other formats', () => {
    expect(textSliceable('a.txt', enc.encode('Hello\n\nworld'))).toBe(true);
    expect(textSliceable('a.md', enc.encode('# Hello\n\nworld'))).toBe(true);
    expect(textSliceable('a.txt', new Uint8Array([0xff, 0xfe, 0x48, 0]))).toBe(false);
    expect(textSliceable('a.txt', new Uint8Array([1, 0, 2, 0, 3]))).toBe(false);
    expect(textSliceable('a.json', enc.encode('[{"text":"x"}]'))).toBe(false);
  });
});

describe('parseTextSlices', () => {
  it('finds the stories a whole read finds when the slices hold whole stories', async () => {
    const seeds = join(import.meta.dirname, '../../fixtures/seeds');
    const page = readFileSync(join(seeds, readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()[0]));
    const file = join(dir, 'one-page.txt');
    writeFileSync(file, page);
    const whole = parseFile(file, new Uint8Array(page));
    const sliced = (await collect(parseTextSlices(file, page.length + 1))).flatMap((r) => r.stories);
    expect(sliced.map((s) => s.id)).toEqual(whole.stories.map((s) => s.id));
  });

  it('reports the over-long run as parseFile does, and no "no stories" beside it', async () => {
    const file = join(dir, 'one-line.txt');
    writeFileSync(file, 'and then '.repeat(5000));
    const results = await collect(parseTextSlices(file, 4096, 16_384));
    const reasons = results.flatMap((r) => r.problems.map((p) => p.reason));
    expect(reasons).toEqual(['left out 45000 characters of text at character 0: no paragraph break in them, longer than any story']);
  });
});
