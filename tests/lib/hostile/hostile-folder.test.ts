// A corpus folder of hostile files beside good ones (hostile-folder.ts), loaded as the CLI loads a
// corpus, in a process of its own: every good story is kept, each hostile file gets one clear
// warning, and memory stays bounded (the team-index issue's target: peak RSS at most 1 GB for any
// corpus). CI writes the folder at a quarter of its sizes (a 256 MB bomb, a 10 MB JSON Lines line,
// 20 MB of noise…); STORYTRACE_SOAK=1 writes it at full size.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeHostileFolder } from './hostile-folder';

const SCALE = process.env.STORYTRACE_SOAK ? 1 : 0.25;
const root = mkdtempSync(join(tmpdir(), 'st-hostile-folder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a corpus folder of hostile files among good ones', () => {
  it('keeps every good story, warns once per hostile file, and peaks under 1 GB', () => {
    const dir = join(root, 'corpus');
    const good = writeHostileFolder(dir, SCALE);
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'load-folder-child.ts'), dir], {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
      timeout: 240_000,
    });
    const r = JSON.parse(out) as { added: number; ids: string[]; warnings: string[]; peakRssMb: number; ms: number };
    console.log(`hostile folder (scale ${SCALE}): ${r.added} stories in ${r.ms} ms, peak RSS ${r.peakRssMb} MB, ${r.warnings.length} warnings:\n${r.warnings.join("\n")}`);

    for (const id of good) expect(r.ids).toContain(id);
    // Nothing of the hostile content became a story: not the bomb, the huge line, the wide field,
    // the noise or the one-line file.
    for (const id of ['huge', 'big']) expect(r.ids).not.toContain(id);
    const warned = (file: string, why: RegExp) => expect(r.warnings.find((w) => w.includes(file)), `${file}: ${r.warnings.join('\n')}`).toMatch(why);
    warned('bomb.zip', /zip bomb refused/);
    warned('long-line.jsonl', /left out: \d+ characters/);
    warned('wide.csv', /left out: \d+ characters/);
    warned('noise.txt', /binary/);
    warned('one-line.txt', /left out \d+ characters of text .*no paragraph break/);
    // 75 MB at quarter scale, 300 MB at full: over the archive-entry limit (MAX_ENTRY_BYTES) at both.
    warned('big-text.zip/notes.txt', /too large to expand/);
    warned('deep.html', /nested more than \d+ deep/);
    // The deeply nested JSON record and the entity-expansion feed are read without harm: their good
    // records (json-*, rss-*) are among the ids checked above.
    expect(r.peakRssMb).toBeLessThan(1024);
  }, 300_000);
});
