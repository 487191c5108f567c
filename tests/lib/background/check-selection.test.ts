// Checking selected text: the same pipeline as a page, hostile input cleaned and capped, states
// kept under their own ids and bounded.
import { beforeEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanSelection, KEPT_SELECTIONS, MAX_SELECTION_CHARS, SelectionChecks, type SelectionStore } from '../../../lib/background/check-selection';
import { parseText } from '../../../lib/corpus/formats/text';
import { MemoryBackend } from '../../../lib/index/memory/backend';
import { StoryIndex } from '../../../lib/index/story-index';

const SEEDS = join(import.meta.dirname, '../../fixtures/seeds');
const seedStories = readdirSync(SEEDS).flatMap((f) => parseText(f, readFileSync(join(SEEDS, f), 'utf8')).stories);
const story = parseText('003.txt', readFileSync(join(SEEDS, '003_0190c966b073fd19.txt'), 'utf8')).stories[0];

function memoryStore(): SelectionStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async (k) => structuredClone(map.get(k)),
    set: async (k, v) => void map.set(k, structuredClone(v)),
    delete: async (k) => void map.delete(k),
  };
}

let index: StoryIndex;
let store: ReturnType<typeof memoryStore>;
let n: number;
const checks = (ix = () => index) =>
  new SelectionChecks({ index: async () => ix(), sensitivity: async () => 'normal', store, newId: () => `0000000${++n}-aaaa`.slice(-13) });

beforeEach(async () => {
  index = new StoryIndex(new MemoryBackend());
  await index.addStories({ id: 'seeds', name: 'Seeds' }, seedStories);
  store = memoryStore();
  n = 0;
});

describe('cleanSelection', () => {
  it('keeps strings only, drops control characters, unifies line ends and trims', () => {
    expect(cleanSelection(42)).toEqual({ text: '', truncated: false });
    expect(cleanSelection({ toString: () => 'x' })).toEqual({ text: '', truncated: false });
    expect(cleanSelection('  a\u0000b\r\nc\rd\te\u007f ')).toEqual({ text: 'a b\nc\nd\te', truncated: false });
  });

  it('caps the text without cutting a surrogate pair', () => {
    const big = 'x'.repeat(MAX_SELECTION_CHARS - 1) + '😀' + 'tail';
    const r = cleanSelection(big);
    expect(r.truncated).toBe(true);
    expect(r.text.length).toBe(MAX_SELECTION_CHARS - 1);
    expect(cleanSelection('y'.repeat(MAX_SELECTION_CHARS * 10)).text.length).toBe(MAX_SELECTION_CHARS);
  });
});

describe('SelectionChecks', () => {
  it('finds the story a selected passage comes from, as a page check would', async () => {
    const c = checks();
    // Three paragraphs of the story, as the browser hands a selection over (plain text).
    const passage = story.text.split(/\n+/).slice(1, 4).join('\n');
    const id = await c.start(passage, { url: 'https://social.example/post/1', title: 'A post' });
    const state = await c.state(id);
    expect(state?.status).toBe('done');
    expect(state?.text).toBe(passage);
    expect(state?.url).toBe('https://social.example/post/1');
    const reuse = [...(state?.result?.duplicates ?? []), ...(state?.result?.partial ?? [])];
    expect(reuse.map((m) => m.title)).toContain(story.title);
    // Passages index into the selection's text.
    for (const p of reuse[0].passages) expect(p.pageEnd).toBeLessThanOrEqual(passage.length);
  });

  it('says the corpus is empty, and answers text without words with nothing', async () => {
    const empty = new StoryIndex(new MemoryBackend());
    const c = checks(() => empty);
    expect((await c.state(await c.start('Some words here to check against nothing at all.')))?.status).toBe('empty-corpus');
    const d = checks();
    const s = await d.state(await d.start(' … !!! '));
    expect(s?.status).toBe('done');
    expect(s?.result?.duplicates).toEqual([]);
  });

  it('marks a selection cut at the cap, and records a failed check as an error', async () => {
    const c = checks();
    const s = await c.state(await c.start('word '.repeat(MAX_SELECTION_CHARS)));
    expect(s?.truncated).toBe(true);
    expect(s?.text?.length).toBeLessThanOrEqual(MAX_SELECTION_CHARS);
    const broken = new SelectionChecks({ index: async () => Promise.reject(new Error('db gone')), sensitivity: async () => 'normal', store });
    const e = await broken.state(await broken.start('Enough words to make a real query of this text.'));
    expect(e).toMatchObject({ status: 'error', error: 'db gone' });
  });

  it('refuses ids it did not make, and keeps only the newest selections', async () => {
    const c = checks();
    expect(await c.state('../../etc')).toBeNull();
    expect(await c.state(7)).toBeNull();
    const ids: string[] = [];
    for (let i = 0; i < KEPT_SELECTIONS + 3; i++) ids.push(await c.start(`selection number ${i}`));
    for (const id of ids) await c.state(id);
    expect(await c.state(ids[0])).toBeNull();
    expect(await c.state(ids.at(-1))).not.toBeNull();
    expect([...store.map.keys()].filter((k) => k !== 'sel:ids')).toHaveLength(KEPT_SELECTIONS);
  });

  it('keeps hostile page fields out: a non-string or huge url is dropped, a long title cut', async () => {
    const c = checks();
    const s = await c.state(await c.start('some text', { url: 'https://x/' + 'a'.repeat(5000), title: 't'.repeat(1000) }));
    expect(s?.url).toBeUndefined();
    expect(s?.title?.length).toBe(300);
  });
});
