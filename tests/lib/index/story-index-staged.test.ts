// StoryIndex.queryStaged: reuse answered first, related stories after, the whole as query() gives it.
import { beforeEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseText } from '../../../lib/corpus/formats/text';
import { MemoryBackend } from '../../../lib/index/memory/backend';
import { StoryIndex } from '../../../lib/index/story-index';
import type { QueryResult } from '../../../lib/index/types';

const SEEDS = join(import.meta.dirname, '../../fixtures/seeds');
const seedStories = readdirSync(SEEDS).flatMap((f) => parseText(f, readFileSync(join(SEEDS, f), 'utf8')).stories);
/** The Moscow–Havana story reprinted: one duplicate, and same-visit stories as related. */
const cuba = seedStories.find((s) => s.title.startsWith('Moscow and Havana'))!;
const page = { text: cuba.text, title: 'Reprinted: ' + cuba.title };

let index: StoryIndex;

beforeEach(async () => {
  index = new StoryIndex(new MemoryBackend());
  await index.addStories({ id: 'seeds', name: 'Seeds' }, seedStories);
});

const withoutTimings = ({ timings: _t, ...r }: QueryResult) => r;

describe('StoryIndex.queryStaged', () => {
  it('gives reuse first with no related stories, then the same whole result as query()', async () => {
    const staged = index.queryStaged(page);
    const reuse = await staged.reuse;
    const full = await staged.full;
    const whole = await index.query(page);
    expect(withoutTimings(full)).toEqual(withoutTimings(whole));
    expect(full.duplicates.map((d) => d.id)).toEqual([cuba.id]);
    expect(full.related.length).toBeGreaterThan(0);
    expect(reuse).toMatchObject({ duplicates: full.duplicates, partial: full.partial, related: [], pageWords: full.pageWords });
    expect(reuse.timings?.related).toBe(0);
    expect(full.timings?.related).toBeGreaterThanOrEqual(0);
  });

  it('reads term rows only once reuse is answered; query() reads them alongside', async () => {
    let reuseDone = false;
    const seen: boolean[] = [];
    const read = index.backend.termPostings.bind(index.backend);
    // Key-term rows only: the translation stage reads anchor terms (⇄…) under the same staging.
    index.backend.termPostings = (terms) => (terms.some((t) => !t.startsWith('\u21c4')) && seen.push(reuseDone), read(terms));
    const staged = index.queryStaged(page);
    void staged.reuse.then(() => (reuseDone = true));
    await staged.full;
    expect(seen).toEqual([true]);

    reuseDone = false;
    const whole = index.query(page);
    await whole;
    expect(seen).toEqual([true, false]);
  });

  it('answers both stages on an empty corpus and an empty page', async () => {
    const empty = new StoryIndex(new MemoryBackend()).queryStaged(page);
    expect(await empty.reuse).toEqual({ duplicates: [], partial: [], related: [], pageWords: expect.any(Number) });
    expect(await empty.full).toEqual(await empty.reuse);
    const blank = index.queryStaged({ text: '' });
    expect((await blank.full).pageWords).toBe(0);
    expect((await blank.reuse).duplicates).toEqual([]);
  });

  it('keeps the reuse answer when the related stage fails, and fails both when reuse does', async () => {
    index.backend.termPostings = async () => {
      throw new Error('term rows unreadable');
    };
    const late = index.queryStaged(page);
    expect((await late.reuse).duplicates).toHaveLength(1);
    await expect(late.full).rejects.toThrow('term rows unreadable');
    // A caller may await only the stage it needs: no unhandled rejection is left behind (vitest
    // fails the run on one).
    await index.queryStaged(page).reuse;

    index.backend.fingerprintPostings = async () => {
      throw new Error('postings unreadable');
    };
    const early = index.queryStaged(page);
    await expect(early.reuse).rejects.toThrow('postings unreadable');
    await expect(early.full).rejects.toThrow('postings unreadable');
    await expect(index.queryStaged(page).full).rejects.toThrow();
    await new Promise((ok) => setTimeout(ok, 10));
  });
});
