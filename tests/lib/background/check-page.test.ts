import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckService, MAX_PAGE_CHARS, pageStoryId, sanitizePage } from '../../../lib/background/check-page';
import type { ToolbarBadge } from '../../../lib/background/check-badge';
import { MemoryTabStateStore } from '../../../lib/background/check-state';
import { parseText } from '../../../lib/corpus/formats/text';
import { MemoryBackend } from '../../../lib/index/memory-backend';
import { StoryIndex } from '../../../lib/index/story-index';
import type { Story } from '../../../lib/corpus/story';

const SEED = join(import.meta.dirname, '../../fixtures/seeds/003_0190c966b073fd19.txt');
const seedStories = parseText('003.txt', readFileSync(SEED, 'utf8')).stories;
const story: Story = seedStories[0];
/** A page reprinting the seed story's body under another title. */
const reprint = { text: story.text, title: 'Reprinted: ' + story.title, url: 'https://example.org/reprint' };

let index: StoryIndex;
let badges: Map<number, ToolbarBadge>;
let queries: number;
let service: CheckService;

function make(indexFor: () => StoryIndex = () => index) {
  badges = new Map();
  queries = 0;
  const wrapped = new WeakSet<StoryIndex>();
  return new CheckService({
    index: async () => {
      const ix = indexFor();
      if (!wrapped.has(ix)) {
        wrapped.add(ix);
        const q = ix.query.bind(ix);
        ix.query = (...args) => (queries++, q(...args));
      }
      return ix;
    },
    sensitivity: async () => 'normal',
    states: new MemoryTabStateStore(),
    setBadge: async (tabId, b) => void badges.set(tabId, b),
  });
}

beforeEach(async () => {
  index = new StoryIndex(new MemoryBackend());
  await index.addStories({ id: 'seeds', name: 'Seeds' }, seedStories);
  service = make();
});

describe('CheckService', () => {
  it('checks a page, keeps the tab state and shows the toolbar badge', async () => {
    const r = await service.checkPage(reprint, { tabId: 7, url: reprint.url });
    expect(r.duplicates.map((d) => d.title)).toEqual([story.title]);
    const state = await service.tabState(7);
    expect(state).toMatchObject({ status: 'done', url: reprint.url, text: reprint.text, title: reprint.title });
    expect(state?.result?.duplicates).toHaveLength(1);
    expect(badges.get(7)?.text).toBe('1');
  });

  it('serves the same page from the cache, and queries again when the text changes', async () => {
    await service.checkPage(reprint, { tabId: 1 });
    await service.checkPage(reprint, { tabId: 1 });
    expect(queries).toBe(1);
    expect((await service.tabState(1))?.timings?.cached).toBe(true);
    await service.checkPage({ ...reprint, text: reprint.text + ' One more sentence at the end.' }, { tabId: 1 });
    expect(queries).toBe(2);
  });

  it('queries again when the corpus changes', async () => {
    await service.checkPage(reprint, { tabId: 1 });
    await index.addStories({ id: 'more', name: 'More' }, [{ id: 'x', title: 'Other', text: 'Completely different words about a harbour.' }]);
    await service.checkPage(reprint, { tabId: 1 });
    expect(queries).toBe(2);
  });

  it('says when the corpus is empty', async () => {
    index = new StoryIndex(new MemoryBackend());
    service = make();
    const r = await service.checkPage(reprint, { tabId: 3 });
    expect(r.duplicates).toEqual([]);
    expect((await service.tabState(3))?.status).toBe('empty-corpus');
    expect(badges.get(3)?.text).toBe('');
  });

  it('records reported statuses and clears state and badge on navigation', async () => {
    await service.checkPage(reprint, { tabId: 5 });
    await service.flush();
    expect(badges.get(5)?.text).toBe('1');
    await service.tabNavigated(5);
    expect(await service.tabState(5)).toBeNull();
    expect(badges.get(5)?.text).toBe('');
    await service.reportStatus({ status: 'not-article', url: 'https://example.org/' }, { tabId: 5 });
    expect((await service.tabState(5))?.status).toBe('not-article');
    // Unknown statuses from a compromised sender are ignored.
    await service.reportStatus({ status: 'done' as never }, { tabId: 5 });
    expect((await service.tabState(5))?.status).toBe('not-article');
  });

  it('drops the result of a check the tab has moved on from', async () => {
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    const slow = make(() => {
      const ix = index;
      const q = ix.query.bind(ix);
      ix.query = async (...args) => {
        await gate;
        return q(...args);
      };
      return ix;
    });
    const pending = slow.checkPage(reprint, { tabId: 9 });
    await new Promise((ok) => setTimeout(ok, 5));
    await slow.reportStatus({ status: 'not-article' }, { tabId: 9 });
    release();
    await pending;
    expect((await slow.tabState(9))?.status).toBe('not-article');
  });

  it('answers before the state is written, and readers still see the final state', async () => {
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    const store = new MemoryTabStateStore();
    const slowStore = { get: store.get.bind(store), delete: store.delete.bind(store), set: async (id: number, st: Parameters<typeof store.set>[1]) => { await gate; await store.set(id, st); } };
    const svc = new CheckService({ index: async () => index, sensitivity: async () => 'normal', states: slowStore, setBadge: async () => {} });
    const r = await svc.checkPage(reprint, { tabId: 6 });
    expect(r.duplicates).toHaveLength(1); // answered while the writes still wait
    const read = svc.tabState(6);
    release();
    expect((await read)?.status).toBe('done');
  });

  it('records a failure as the tab state and passes it on', async () => {
    const broken = new CheckService({
      index: async () => { throw new Error('database closed'); },
      sensitivity: async () => 'normal',
      states: new MemoryTabStateStore(),
      setBadge: async () => {},
    });
    await expect(broken.checkPage(reprint, { tabId: 2 })).rejects.toThrow('database closed');
    expect(await broken.tabState(2)).toMatchObject({ status: 'error', error: 'database closed' });
  });

  it('adds the checked page to the corpus, and the page then does not match itself', async () => {
    const original = { text: 'A wholly original report about the harbour ferry timetable changing next spring, with new boats, new crossings and new fares for residents and visitors alike, announced by the port authority on Monday.', title: 'Ferry timetable', url: 'https://example.org/ferry' };
    await service.checkPage(original, { tabId: 4 });
    const added = await service.addTabPage(4);
    expect(added).toEqual({ id: pageStoryId(original.url), added: true });
    expect((await index.backend.getStoryById(added.id))?.text).toBe(original.text);
    const again = await service.checkPage(original, { tabId: 4 });
    expect([...again.duplicates, ...again.partial]).toEqual([]);
    await expect(service.addTabPage(99)).rejects.toThrow(/No checked article/);
  });
});

describe('sanitizePage', () => {
  it('refuses pages without text and bounds sizes', () => {
    expect(() => sanitizePage(null)).toThrow(/text/);
    expect(() => sanitizePage({ text: 42 })).toThrow(/text/);
    const p = sanitizePage({ text: 'x'.repeat(MAX_PAGE_CHARS + 10), title: 7, url: 'u'.repeat(5000) });
    expect(p.text.length).toBe(MAX_PAGE_CHARS);
    expect(p.title).toBeUndefined();
    expect(p.url).toBeUndefined();
  });
});
