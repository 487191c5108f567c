import { describe, expect, it } from 'vitest';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { parseFile } from '../../../../lib/corpus/parse-file';
import { fixture, randomBytes } from './fixtures';

const MB = 1 << 20;
const story = (title: string, text: string) => strToU8(JSON.stringify([{ title, text }]));

/** Rewrites fields of every central-directory entry (and its local header) of a ZIP. */
function forge(zip: Uint8Array, edit: { usize?: number; method?: number; flags?: number }): Uint8Array {
  const out = new Uint8Array(zip);
  const v = new DataView(out.buffer);
  for (let p = 0; p + 46 <= out.length; p++) {
    if (v.getUint32(p, true) !== 0x02014b50) continue;
    const local = v.getUint32(p + 42, true);
    if (edit.usize !== undefined) {
      v.setUint32(p + 24, edit.usize, true);
      v.setUint32(local + 22, edit.usize, true);
    }
    if (edit.method !== undefined) {
      v.setUint16(p + 10, edit.method, true);
      v.setUint16(local + 8, edit.method, true);
    }
    if (edit.flags !== undefined) {
      v.setUint16(p + 8, edit.flags, true);
      v.setUint16(local + 6, edit.flags, true);
    }
  }
  return out;
}

describe('parseFile on ZIP archives', () => {
  it('parses every entry by its own name, in nested folders, skipping __MACOSX and dotfiles', () => {
    const { stories, problems } = parseFile('stories.zip', fixture('stories.zip'));
    expect(stories.map((s) => s.title)).toEqual([
      'Lavrov’s Latin American Tour: Challenging US Hegemony in America’s ‘Backyard’', // a/stories.json
      'In their 70th telephone call of 2016 Lavrov warns Kerry on Syria and misusing the Security Council',
      'Putin will not run the Trump gauntlet around Cuba', // b/rows.csv
      'Putin will not run the Trump gauntlet around Cuba', // c/feed.rss
      'Second',
      'Moscow and Havana once again strengthen bilateral relations', // d/readme, sniffed as text
    ]);
    expect(problems).toEqual([]);
  });

  it('reports bad entries by their path inside the archive and keeps the good ones', () => {
    const { stories, problems } = parseFile('mixed.zip', fixture('mixed.zip'));
    expect(stories).toHaveLength(6);
    expect(problems).toEqual([
      { file: 'mixed.zip/corpus/e/bad.jsonl', record: 1, line: 1, reason: expect.stringMatching(/invalid JSON/) },
      { file: 'mixed.zip/corpus/f/photo.jpg', reason: 'not a supported format (.jpg)' },
    ]);
  });

  it('refuses a real zip bomb (8 MB of zeros, ratio ~1000:1) without expanding it', () => {
    const bomb = zipSync({ 'zeros.txt': new Uint8Array(8 * MB) }, { level: 1 });
    expect(bomb.length).toBeLessThan(MB / 8);
    const t0 = performance.now();
    const { stories, problems } = parseFile('bomb.zip', bomb);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(stories).toEqual([]);
    // The bomb entry is refused by its own ratio before it is expanded (good entries beside it would be read).
    expect(problems).toEqual([{ file: 'bomb.zip/zeros.txt', reason: expect.stringMatching(/^zip bomb refused: .*ratio \d+:1, limit 200:1.*not expanded/) }]);
    // with the ratio allowed, the size limit still holds
    const bySize = parseFile('bomb.zip', bomb, { maxBytes: 4 * MB, maxZipRatio: 1e9 });
    expect(bySize.problems[0].reason).toMatch(/^zip bomb refused: the entries declare 8\.0 MB expanded, over the 4\.0 MB limit/);
  });

  it('refuses an archive of many small bombs by their total declared size', () => {
    const files: Zippable = {};
    for (let i = 0; i < 40; i++) files[`part${i}.txt`] = new Uint8Array(MB / 8);
    const { problems } = parseFile('many.zip', zipSync(files, { level: 1 }), { maxBytes: 2 * MB, maxZipRatio: 1e9 });
    expect(problems).toEqual([{ file: 'many.zip', reason: expect.stringMatching(/declare 5\.0 MB expanded, over the 2\.0 MB limit/) }]);
  });

  it('stops an entry whose header lies about its size (forged small) as soon as it outgrows it', () => {
    const forged = forge(zipSync({ 'a.txt': new Uint8Array(2 * MB) }, { level: 1 }), { usize: 100 });
    const { stories, problems } = parseFile('forged.zip', forged);
    expect(stories).toEqual([]);
    expect(problems).toEqual([{ file: 'forged.zip/a.txt', reason: expect.stringMatching(/expands beyond the 1 KB its header declares; expansion stopped/) }]);
  });

  it('refuses an archive whose header declares a huge size (forged large)', () => {
    const forged = forge(zipSync({ 'a.json': story('A', 'Body.') }), { usize: 0xfffffff0 });
    expect(parseFile('huge.zip', forged).problems).toEqual([{ file: 'huge.zip/a.json', reason: expect.stringMatching(/^zip bomb refused: .*declares 4096 MB expanded .*not expanded/) }]);
  });

  it('reports a corrupt entry and keeps the others', () => {
    const { stories, problems } = parseFile('corrupt.zip', fixture('corrupt.zip'));
    expect(problems[0]).toEqual({ file: 'corrupt.zip/corpus/a/stories.json', reason: expect.stringMatching(/^corrupt compressed data/) });
    expect(stories.length).toBeGreaterThanOrEqual(3);
  });

  it('recovers the complete entries of an archive cut in half', () => {
    const { stories, problems } = parseFile('truncated.zip', fixture('truncated.zip'));
    expect(problems[0]).toEqual({ file: 'truncated.zip', reason: expect.stringMatching(/^corrupt or truncated ZIP archive .*recovered 1 entry .*cut off/) });
    // the first entry (a/stories.json) lies wholly in the first half
    expect(stories.map((s) => s.id)).toEqual(['sputnik-20230422-lavrov', '5863c1f2a1b2c3d4e5f60718']);
  });

  it('turns garbage, empty archives, encryption and unknown methods into clear problems', () => {
    expect(parseFile('x.zip', randomBytes(3000, 9)).problems[0].reason).toMatch(/^corrupt ZIP archive/);
    expect(parseFile('x.zip', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2])).problems[0].reason).toMatch(/^corrupt or truncated ZIP archive/);
    expect(parseFile('empty.zip', zipSync({})).problems).toEqual([{ file: 'empty.zip', reason: 'the archive holds no files' }]);
    const one = zipSync({ 'a.json': story('A', 'Body.') });
    expect(parseFile('enc.zip', forge(one, { flags: 1 })).problems[0]).toEqual({ file: 'enc.zip/a.json', reason: expect.stringMatching(/^encrypted entry/) });
    expect(parseFile('bz.zip', forge(one, { method: 12 })).problems[0]).toEqual({ file: 'bz.zip/a.json', reason: expect.stringMatching(/unsupported compression method 12/) });
  });

  it('opens archives inside archives, but not endlessly', () => {
    const inner = zipSync({ 'dir/a.json': story('Inner story', 'He meant that solidarity with Cuba is one thing.') });
    const outer = zipSync({ 'inner.zip': inner, 'b.json': story('Outer story', 'But not at the risk of military conflict.') });
    const { stories, problems } = parseFile('outer.zip', outer);
    expect(stories.map((s) => s.title).sort()).toEqual(['Inner story', 'Outer story']);
    expect(problems).toEqual([]);
    let deep = inner;
    for (let i = 0; i < 5; i++) deep = zipSync({ [`level${i}.zip`]: deep });
    const nested = parseFile('deep.zip', deep);
    expect(nested.stories).toEqual([]);
    expect(nested.problems[0].reason).toMatch(/nested too deep/);
    expect(nested.problems[0].file).toBe('deep.zip/level4.zip/level3.zip/level2.zip');
  });
});
