// A huge JSON Lines file imported without holding it whole: the import host cuts it into parts at
// line ends (lib/import/file-parts.ts) and the runner reads one part at a time. CI runs a 48 MB
// file in 4 MB parts; STORYTRACE_SOAK=1 runs a 1 GB file in the real 32 MB parts (a few minutes).
import { createWriteStream, mkdtempSync, openAsBlob, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../../lib/corpus/parse-file';
import type { Story } from '../../../lib/corpus/story';
import { importPartsOf, PART_BYTES, type SliceableBlob } from '../../../lib/import/file-parts';
import { newJob, runImport, type ImportPorts } from '../../../lib/import/import-runner';
import type { AnalysedStory } from '../../../lib/index/types';

const SOAK = !!process.env.STORYTRACE_SOAK;
const MB = 2 ** 20;
const SEED_DIR = join(import.meta.dirname, '../../fixtures/seeds');
const PARAS = readdirSync(SEED_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .flatMap((f) => parseFile(f, readFileSync(join(SEED_DIR, f))).stories.flatMap((s) => s.text.split(/\n\n+/)))
  .filter((p) => p.split(/\s+/).length > 20);

const dir = mkdtempSync(join(tmpdir(), 'st-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes ~`bytes` of JSON Lines (distinct stories from seed paragraphs, one 5 MB line, one broken line); returns path and story count. */
async function writeJsonl(bytes: number): Promise<{ path: string; stories: number }> {
  const path = join(dir, `big-${bytes}.jsonl`);
  const out = createWriteStream(path);
  let written = 0;
  let stories = 0;
  const write = (s: string) => new Promise<void>((ok) => (out.write(s) ? ok() : out.once('drain', () => ok())));
  for (let i = 0; written < bytes; i++) {
    let line: string;
    if (i === 3) line = '{"title": "broken line", "text": "no end';
    else {
      const text = i === 5 ? PARAS.join('\n\n').repeat(Math.ceil((5 * MB) / PARAS.join('\n\n').length)) : [0, 1, 2, 3].map((k) => PARAS[(i * 7 + k * 13) % PARAS.length]).join('\n\n');
      line = JSON.stringify({ id: `s${i}`, title: `Story ${i}`, text: `${text}\n\nStory number ${i}.` });
      stories++;
    }
    await write(line + '\n');
    written += Buffer.byteLength(line) + 1;
  }
  await new Promise<void>((ok) => out.end(ok));
  return { path, stories };
}

/** A Blob that records the largest read, so the test knows nothing read the file whole. */
function recording(blob: SliceableBlob): { blob: SliceableBlob; largest: () => number } {
  let largest = 0;
  return {
    largest: () => largest,
    blob: {
      size: blob.size,
      slice(start = 0, end = blob.size) {
        const s = blob.slice(start, end);
        return { arrayBuffer: async () => ((largest = Math.max(largest, Math.min(end, blob.size) - start)), s.arrayBuffer()) };
      },
    },
  };
}

describe('a huge JSON Lines file', () => {
  const size = SOAK ? 1024 * MB : 48 * MB;
  const part = SOAK ? PART_BYTES : 4 * MB;

  it(`is imported in parts (${size / MB} MB in ${part / MB} MB parts): every story once, memory bounded by a part`, async () => {
    const { path, stories } = await writeJsonl(size);
    const file = recording((await openAsBlob(path)) as unknown as SliceableBlob);
    const parts = await importPartsOf('big.jsonl', file.blob, part);
    expect(parts.length).toBeGreaterThanOrEqual(Math.floor(size / part) - 1);
    expect(parts.reduce((n, p) => n + p.size, 0)).toBe(file.blob.size);

    const ids = new Set<string>();
    let heapPeak = 0;
    const heapBase = process.memoryUsage().heapUsed;
    const ports: ImportPorts = {
      parse: (name, bytes) => parseFile(name, bytes),
      analyse: async (batch: Story[]) => batch as unknown as AnalysedStory[],
      ensureCollection: async () => {},
      commit: async (_c, batch) => {
        for (const s of batch as unknown as Story[]) ids.add(s.id);
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - heapBase);
        return { added: batch.length, alreadyPresent: 0 };
      },
      saveJob: async () => {},
      dropCollectionIfEmpty: async () => {},
      now: Date.now,
    };
    const t0 = performance.now();
    const job = await runImport(newJob('j', { id: 'c', name: 'Big' }, parts, Date.now()), parts, ports, { batchStories: 2000 });
    const seconds = (performance.now() - t0) / 1000;
    console.log(`streamed ${size / MB} MB in ${parts.length} parts: ${seconds.toFixed(1)} s, largest read ${(file.largest() / MB).toFixed(1)} MB, heap peak +${Math.round(heapPeak / MB)} MB`);

    expect(job.state).toBe('done');
    // The 5 MB line straddles parts and is read whole, then left out: its story is longer than any
    // story may be (MAX_STORY_CHARS). Every other story is there once.
    expect(ids.size).toBe(stories - 1);
    expect(ids.has('s5')).toBe(false);
    expect(job.added).toBe(stories - 1);
    // The broken line and the over-long story are one problem each; nothing else went wrong.
    expect(job.problems).toHaveLength(2);
    const broken = job.problems.find((p) => p.line === 4);
    expect(broken?.file).toMatch(/^big\.jsonl \(part 1 of \d+\)$/);
    expect(job.problems.find((p) => p !== broken)?.reason).toMatch(/^story "s5" left out: \d+ characters of text, over the/);
    // Never read whole: the largest read is a part plus the line that straddles its end.
    expect(file.largest()).toBeLessThan(part + 6 * MB);
    // Holding a 1 GB file's text whole would take 2 GB of heap (UTF-16 strings); a part, its
    // stories and one batch (BATCH_CHARS) stay far below this bound, whatever the file's size.
    expect(heapPeak).toBeLessThan(600 * MB);
  }, SOAK ? 1_800_000 : 180_000);

  it('small files and formats that cannot be cut at a line end stay whole', async () => {
    const blob = new Blob(['{"text":"a"}\n'.repeat(1000)]);
    expect(await importPartsOf('small.jsonl', blob, 64 * 1024)).toHaveLength(1);
    expect(await importPartsOf('big.csv', blob, 1024)).toHaveLength(1);
    const cut = await importPartsOf('big.jsonl', blob, 1024);
    expect(cut.length).toBeGreaterThan(10);
    const text = (await Promise.all(cut.map(async (p) => new TextDecoder().decode(await p.read())))).join('');
    expect(text).toBe('{"text":"a"}\n'.repeat(1000));
    for (const p of cut) expect(new TextDecoder().decode(await p.read())).toMatch(/^(?:\{"text":"a"\}\n)+$/);
  });

  it('a line longer than several parts makes one part, never an empty one', async () => {
    const long = JSON.stringify({ text: 'word '.repeat(10_000) });
    const blob = new Blob([`{"text":"first"}\n${long}\n{"text":"last"}`]);
    const parts = await importPartsOf('x.jsonl', blob, 4096);
    for (const p of parts) expect(p.size).toBeGreaterThan(0);
    const texts = await Promise.all(parts.map(async (p) => new TextDecoder().decode(await p.read())));
    expect(texts.join('')).toBe(`{"text":"first"}\n${long}\n{"text":"last"}`);
    expect(texts.some((t) => t === long + '\n' || t === `{"text":"first"}\n${long}\n`)).toBe(true);
  });
});
