import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../lib/cli/main';
import { parseText } from '../../../lib/corpus/formats/text';
import { lightRewrite, retypeset } from '../../support/rewrite';

const SEEDS = join(import.meta.dirname, '../../fixtures/seeds');
const seeds = readdirSync(SEEDS).flatMap((f) => parseText(f, readFileSync(join(SEEDS, f), 'utf8')).stories);
/** The longest seed story: the chain is built from it, the other seeds stand beside it. */
const base = [...seeds].sort((a, b) => b.text.length - a.text.length)[0];
const paras = base.text.split(/\n\n+/);
const other = [...seeds].sort((a, b) => b.text.length - a.text.length)[1];
const rewrite = lightRewrite(paras, 3, 8);
const corpus = [
  { id: 'origin', title: base.title, text: base.text, source: 'TASS', date: '2023-04-22' },
  { id: 'wire', title: base.title, text: retypeset(base.text), source: 'Wire', date: '2023-04-24' },
  { id: 'rewrite', title: 'Rewritten: ' + base.title, text: rewrite.join('\n\n'), source: 'Desk', date: '2023-04-25' },
  // A copy of the rewrite (its own edits on top): its parent is the rewrite, not the origin.
  { id: 'rewrite-copy', title: base.title, text: lightRewrite(rewrite, 9, 12).join('\n\n'), source: 'Blog', date: '2023-04-28' },
  { id: 'undated', title: base.title, text: rewrite.slice(0, Math.ceil(rewrite.length * 0.7)).join('\n\n'), source: 'Forum' },
  // Quotes one paragraph inside a text of its own (another story's words): not part of the cluster.
  { id: 'quote', title: 'Commentary', text: [...other.text.split(/\n\n+/).slice(0, 3), paras[1], ...other.text.split(/\n\n+/).slice(3)].join('\n\n'), source: 'Op-ed', date: '2023-04-23' },
  ...seeds.filter((s) => s.id !== base.id && s.id !== other.id).map((s) => ({ id: s.id, title: s.title, text: s.text })),
];
const dir = mkdtempSync(join(tmpdir(), 'st-clusters-'));
const file = join(dir, 'corpus.jsonl');
writeFileSync(file, corpus.map((s) => JSON.stringify(s)).join('\n'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('storytrace clusters', () => {
  it('groups the chain, names its origin and each copy’s parent, leaves the quote out', async () => {
    const { code, out } = await run(['clusters', '--corpus', file]);
    expect(code).toBe(0);
    const lines = out.map((l) => JSON.parse(l));
    const chain = lines.find((c) => c.stories.some((s: { id: string }) => s.id === 'origin'));
    expect(chain.origin).toBe('origin');
    const parent = Object.fromEntries(chain.stories.map((s: { id: string; parent: string | null }) => [s.id, s.parent]));
    expect(parent).toEqual({ origin: null, wire: 'origin', rewrite: 'origin', 'rewrite-copy': 'rewrite', undated: 'rewrite' });
    const wire = chain.stories.find((s: { id: string }) => s.id === 'wire');
    expect(wire).toMatchObject({ title: base.title, source: 'Wire', date: '2023-04-24' });
    expect(wire.pageShare).toBeGreaterThan(0.9);
    expect(chain.stories.find((s: { id: string }) => s.id === 'origin')).toMatchObject({ parent: null, pageShare: null, storyShare: null });
    expect(lines.flatMap((c) => c.stories.map((s: { id: string }) => s.id))).not.toContain('quote');
  });

  it('writes CSV rows safe for a spreadsheet', async () => {
    const { code, out } = await run(['clusters', '--corpus', file, '--format', 'csv']);
    expect(code).toBe(0);
    expect(out[0]).toBe('\uFEFFcluster,origin,id,title,source,date,parent,page_share,story_share\r');
    expect(out.some((l) => l.startsWith('1,origin,rewrite-copy,') && l.includes(',rewrite,'))).toBe(true);
  });

  it('refuses bad arguments', async () => {
    expect((await run(['clusters'])).code).toBe(2);
    expect((await run(['clusters', '--corpus', file, '--format', 'xml'])).code).toBe(2);
  });
});

describe('storytrace check provenance', () => {
  it('gives dates as ISO 8601 or null, the origin, the statement and each passage first seen', async () => {
    const page = join(dir, 'pages.jsonl');
    writeFileSync(page, JSON.stringify({ id: 'p', text: rewrite.join('\n\n'), date: '2023-05-01' }) + '\n');
    const { code, out } = await run(['check', '--corpus', file, '--pages', page]);
    expect(code).toBe(0);
    const r = JSON.parse(out[0]);
    expect(r.origin).toEqual({ id: 'origin', title: base.title, source: 'TASS', date: '2023-04-22' });
    expect(r.pageMayBeOrigin).toBe(false);
    expect(r.provenance).toContain('TASS');
    const undated = r.duplicates.find((m: { id: string }) => m.id === 'undated');
    expect(undated.date).toBeNull();
    expect(r.duplicates.find((m: { id: string }) => m.id === 'wire').date).toBe('2023-04-24');
    for (const m of r.duplicates) for (const p of m.passages) expect(typeof p.firstSeen === 'string' || p.firstSeen === null).toBe(true);
    expect(r.duplicates.flatMap((m: { passages: { firstSeen: string }[] }) => m.passages.map((p) => p.firstSeen))).toContain('origin');
  });

  it('--format csv: one header, rows per passage, formula-looking text neutralised', async () => {
    const page = join(dir, 'pages2.jsonl');
    writeFileSync(page, [JSON.stringify({ id: '=cmd()', text: base.text }), JSON.stringify({ id: 'none', text: 'Nothing here matches anything at all in the corpus whatsoever today.' })].join('\n'));
    const { code, out } = await run(['check', '--corpus', file, '--pages', page, '--format', 'csv']);
    expect(code).toBe(0);
    expect(out[0].startsWith('\uFEFFpage,origin,origin_date,page_may_be_origin,kind,id,')).toBe(true);
    expect(out.filter((l) => l.startsWith('\uFEFF'))).toHaveLength(1);
    expect(out.some((l) => l.startsWith("'=cmd(),origin,2023-04-22,no,duplicate,"))).toBe(true);
    expect(out.some((l) => l.startsWith('none,,,no,'))).toBe(true);
  });
});
