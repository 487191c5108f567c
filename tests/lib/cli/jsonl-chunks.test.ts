import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../../lib/corpus/parse-file';
import type { ParseResult } from '../../../lib/corpus/story';
import { parseJsonlSlices, sliceable } from '../../../lib/cli/jsonl-chunks';

const dir = mkdtempSync(join(tmpdir(), 'jsonl-slices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sliced(file: string, bytes: number): Promise<ParseResult> {
  const out: ParseResult = { stories: [], problems: [] };
  for await (const r of parseJsonlSlices(file, bytes)) {
    out.stories.push(...r.stories);
    out.problems.push(...r.problems);
  }
  return out;
}

describe('JSON Lines read slice by slice', () => {
  const lines = [
    JSON.stringify({ id: 'a', title: 'First', text: 'The council voted on “the plan” — again.' }),
    '',
    '{"id": "b", "title": "Broken',
    JSON.stringify({ id: 'c', title: 'Third', text: 'A much longer story '.repeat(40) }),
    '   ',
    JSON.stringify({ title: 'No text here' }),
    JSON.stringify({ id: 'e', title: 'Fifth', text: 'Ends without a newline.' }),
  ];
  const file = join(dir, 'c.jsonl');
  writeFileSync(file, lines.join('\n'));

  it('gives the stories and problems (with file line and record numbers) that parsing it whole gives', async () => {
    const whole = parseFile(file, new Uint8Array(readFileSync(file)));
    for (const size of [7, 64, 300, 1 << 20]) expect(await sliced(file, size)).toEqual(whole);
    expect(whole.stories.map((s) => s.id)).toEqual(['a', 'c', 'e']);
    expect(whole.problems.map((p) => p.line)).toEqual([3, 6]);
  });

  it('says so once when no slice held a story', async () => {
    const empty = join(dir, 'bad.jsonl');
    writeFileSync(empty, '{"x": 1}\n{"y": 2}\n');
    const r = await sliced(empty, 8);
    expect(r.stories).toEqual([]);
    expect(r.problems.filter((p) => p.reason === 'no stories found')).toHaveLength(1);
  });

  it('is used only for line-per-record UTF-8 JSON Lines', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sliceable('a.jsonl', enc('{"id":1}\n{"id":2}\n'))).toBe(true);
    expect(sliceable('a.json', enc('{"id":1}\n{"id":2}\n'))).toBe(false);
    expect(sliceable('a.jsonl', enc('{\n  "id": 1\n}\n'))).toBe(false);
    expect(sliceable('a.jsonl', new Uint8Array([0xff, 0xfe, 0x7b, 0, 0x0a, 0]))).toBe(false);
    expect(sliceable('a.jsonl', enc('{"id":1}'))).toBe(false);
  });
});
