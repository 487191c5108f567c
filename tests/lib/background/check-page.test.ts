import { beforeEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckService, MAX_PAGE_CHARS, pageStoryId, sanitizePage } from '../../../lib/background/check-page';
import type { ToolbarBadge } from '../../../lib/background/check-badge';
import { MemoryTabStateStore } from '../../../lib/background/check-state';
import { parseText } from '../../../lib/corpus/formats/text';
import { MemoryBackend } from '../../../lib/index/memory/backend';
import { StoryIndex } from '../../../lib/index/story-index';
import type { Story } from '../../../lib/corpus/story';

const SEEDS = join(import.meta.dirname, '../../fixtures/seeds');
const seedStories = readdirSync(SEEDS).flatMap((f) => parseText(f, readFileSync(join(SEEDS, f), 'utf8')).stories);
/** Seed 003, the Moscow–Havana story: other seeds tell of the same visits (related coverage). */
const story: Story = parseText('003.txt', readFileSync(join(SEEDS, '003_0190c966b073fd19.txt'), 'utf8')).stories[0];
/** A page reprinting the seed story's body under another title. */
const reprint = { text: story.text, title: 'Reprinted: ' + story.title, url: 'https://example.org/reprint' };
/** A page the corpus knows nothing of. */
const original = {
  text: 'A wholly original report about the harbour ferry timetable changing next spring, with new boats, new crossings and new fares for residents and visitors alike, announced by the port authority on Monday.',
  title: 'Ferry timetable',
  url: 'https://example.org/ferry',
};

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
        const q = ix.queryStaged.bind(ix);
        ix.queryStaged = (...args) => (queries++, q(...args));
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
    expect(state?.result?.related.length).toBeGreaterThan(0);
    expect(badges.get(7)?.text).toBe('1');
  });

  it('names the origin and each passage first seen, in the answer and the tab state', async () => {
    // A dated wire copy of the (undated) seed story: the earliest dated holder of every passage.
    await index.addStories({ id: 'wire', name: 'Wire' }, [{ ...story, id: 'wire-copy', source: 'TASS', date: '2019-11-05', published: '2019-11-05' }]);
    const r = await service.checkPage({ ...reprint, published: '2099-01-01' }, { tabId: 8, url: reprint.url });
    expect(r.origin).toEqual({ id: 'wire-copy', title: story.title, source: 'TASS', date: '2019-11-05' });
    expect(r.duplicates).toHaveLength(2);
    for (const m of r.duplicates) expect(m.passages.every((p) => p.firstSeen === 'wire-copy')).toBe(true);
    expect(r.pageMayBeOrigin).toBe(false);
    expect((await service.tabState(8))?.result?.origin).toEqual(r.origin);
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
      const q = ix.queryStaged.bind(ix);
      ix.queryStaged = (...args) => {
        const staged = gate.then(() => q(...args));
        return { reuse: staged.then((st) => st.reuse), full: staged.then((st) => st.full) };
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
    await service.checkPage(original, { tabId: 4 });
    const added = await service.addTabPage(4);
    expect(added).toEqual({ id: pageStoryId(original.url), added: true });
    expect((await index.backend.getStoryById(added.id))?.text).toBe(original.text);
    const again = await service.checkPage(original, { tabId: 4 });
    expect([...again.duplicates, ...again.partial]).toEqual([]);
    await expect(service.addTabPage(99)).rejects.toThrow(/No checked article/);
  });
});

/** Holds each related stage: its term rows are read only when the matching release is called. */
function holdRelated(ix: StoryIndex): (() => void)[] {
  const releases: (() => void)[] = [];
  const b = ix.backend;
  const read = b.termPostings.bind(b);
  // Key-term reads only; the translation stage's anchor-term reads (⇄…) pass.
  b.termPostings = (terms) =>
    terms.every((t) => t.startsWith('\u21c4')) ? read(terms) : new Promise((ok) => releases.push(() => ok(read(terms))));
  return releases;
}

async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ready(); i++) await new Promise((ok) => setTimeout(ok, 5));
  expect(ready()).toBe(true);
}

const settledSoon = <T>(p: Promise<T>) => Promise.race([p.then(() => true), new Promise<boolean>((ok) => setTimeout(() => ok(false), 30))]);

describe('CheckService: related stories after the answer', () => {
  it('answers the page with its reuse while related stories are still being found', async () => {
    const releases = holdRelated(index);
    const answer = await service.checkPage(reprint, { tabId: 7, url: reprint.url });
    expect(answer.duplicates.map((d) => d.title)).toEqual([story.title]);
    expect(answer.related).toEqual([]);
    await until(() => releases.length === 1); // the related stage is under way, and held
    // A reader (the popup) asking now waits for the related stories rather than seeing none.
    const state = service.tabState(7);
    expect(await settledSoon(state)).toBe(false);
    releases[0]();
    const s = await state;
    expect(s).toMatchObject({ status: 'done', url: reprint.url, text: reprint.text });
    expect(s?.result?.duplicates.map((d) => d.title)).toEqual([story.title]);
    expect(s?.result?.related.map((r) => r.title)).toContain('Lavrov’s Latin American Tour: Challenging US Hegemony in America’s ‘Backyard’');
    expect(s?.result?.related.some((r) => r.id === answer.duplicates[0].id)).toBe(false);
    expect(s?.timings).toMatchObject({ cached: false });
    expect(s?.timings?.relatedMs).toBeGreaterThanOrEqual(0);
    expect(badges.get(7)?.title).toMatch(/1 duplicated story, \d+ related stor/);
  });

  it('answers a repeat from the cache with the related stories in the tab state, also while they are found', async () => {
    const releases = holdRelated(index);
    await service.checkPage(reprint, { tabId: 1 });
    const repeat = await service.checkPage(reprint, { tabId: 2 }); // same page, related still held
    expect(repeat.duplicates).toHaveLength(1);
    expect(repeat.related).toEqual([]);
    expect(queries).toBe(1);
    await until(() => releases.length === 1);
    releases[0]();
    for (const tab of [1, 2]) expect((await service.tabState(tab))?.result?.related.length).toBeGreaterThan(0);
    expect((await service.tabState(2))?.timings?.cached).toBe(true);
    const later = await service.checkPage(reprint, { tabId: 1 });
    expect(later.related).toEqual([]);
    expect((await service.tabState(1))?.result?.related.length).toBeGreaterThan(0);
    expect(queries).toBe(1);
  });

  it('drops a late related result once the tab has moved on, and readers do not wait for it', async () => {
    const releases = holdRelated(index);
    await service.checkPage(reprint, { tabId: 9 });
    await until(() => releases.length === 1);
    await service.reportStatus({ status: 'not-article' }, { tabId: 9 });
    expect((await service.tabState(9))?.status).toBe('not-article'); // answered with the old stage held
    releases[0]();
    await new Promise((ok) => setTimeout(ok, 10)); // the old stage finishes (untracked now)
    await service.flush();
    expect((await service.tabState(9))?.status).toBe('not-article');
  });

  it('keeps the newer check when an older one finds its related stories last', async () => {
    const releases = holdRelated(index);
    await service.checkPage(reprint, { tabId: 4 });
    await until(() => releases.length === 1);
    await service.checkPage(original, { tabId: 4 });
    await until(() => releases.length === 2);
    releases[1]();
    await service.flush();
    releases[0]();
    await new Promise((ok) => setTimeout(ok, 10));
    await service.flush();
    const s = await service.tabState(4);
    expect(s).toMatchObject({ status: 'done', url: original.url, text: original.text });
    expect(s?.result?.duplicates).toEqual([]);
    expect(badges.get(4)?.text).not.toBe('1');
    // The older check's result is still right for its page: a repeat of it is served from the cache.
    await service.checkPage(reprint, { tabId: 5 });
    expect(queries).toBe(2);
    expect((await service.tabState(5))?.result?.related.length).toBeGreaterThan(0);
  });

  it('keeps the answer when finding related stories fails, says why, and tries again next time', async () => {
    const read = index.backend.termPostings.bind(index.backend);
    index.backend.termPostings = async () => {
      throw new Error('term rows unreadable');
    };
    const answer = await service.checkPage(reprint, { tabId: 3 });
    expect(answer.duplicates).toHaveLength(1);
    const s = await service.tabState(3);
    expect(s).toMatchObject({ status: 'done', error: 'related stories: term rows unreadable' });
    expect(s?.result?.duplicates).toHaveLength(1);
    expect(badges.get(3)?.text).toBe('1');
    index.backend.termPostings = read;
    await service.checkPage(reprint, { tabId: 3 });
    expect(queries).toBe(2);
    expect((await service.tabState(3))?.result?.related.length).toBeGreaterThan(0);
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
