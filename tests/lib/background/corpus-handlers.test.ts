// The corpus handlers on a real IndexedDB backend (fake-indexeddb): collections, delete with
// background purge, export pages, abandoned import jobs, storage figures and hostile settings.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { corpusHandlers } from '../../../lib/background/corpus-handlers';
import { SettingsStore } from '../../../lib/background/settings-store';
import { Upkeep } from '../../../lib/background/upkeep';
import { DexieBackend } from '../../../lib/index/dexie/backend';
import { StoryIndex } from '../../../lib/index/story-index';
import { newJob } from '../../../lib/import/import-runner';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import { GERMANY, SMART_GUN_REUTERS, TESLA } from '../../support/seeds';

let n = 0;
async function setup(live: string[] = []) {
  const backend = await DexieBackend.open(`handlers-${process.pid}-${n++}`);
  const upkeep = new Upkeep(async () => backend);
  const changed = vi.fn();
  let lastUpkeep: Promise<void> = Promise.resolve();
  const h = corpusHandlers({
    backend: async () => backend,
    settings: new SettingsStore(async () => backend.db),
    estimate: async () => ({ usage: 12345, quota: 10 ** 9 }),
    liveJobs: async () => new Set(live),
    changed,
    upkeep: () => void (lastUpkeep = upkeep.run()),
  });
  const index = new StoryIndex(backend);
  await index.addStories({ id: 'wire', name: 'Wire' }, [
    { id: 'tesla', title: 'Tesla', text: TESLA().join('\n\n'), url: 'https://example.com/t' },
    { id: 'gun', title: 'Gun', text: SMART_GUN_REUTERS().join('\n\n') },
    { id: 'de', title: 'Germany', text: GERMANY().join('\n\n'), author: 'A. Writer' },
  ]);
  const sender = {};
  return { backend, h, changed, sender, index, upkeepDone: () => lastUpkeep };
}

describe('corpus handlers', () => {
  it('lists, disables and re-enables a collection', async () => {
    const { h, changed, sender, index } = await setup();
    expect(await h.listCollections(null, sender)).toMatchObject([{ id: 'wire', name: 'Wire', stories: 3, enabled: true, state: 'ready' }]);
    await h.setCollectionEnabled({ id: 'wire', enabled: false }, sender);
    expect(changed).toHaveBeenCalled();
    expect((await index.query({ text: TESLA().join('\n\n') })).duplicates).toEqual([]);
    await h.setCollectionEnabled({ id: 'wire', enabled: true }, sender);
    expect((await index.query({ text: TESLA().join('\n\n') })).duplicates.map((m) => m.id)).toEqual(['tesla']);
  });

  it.each([null, {}, { id: 5, enabled: true }, { id: 'wire', enabled: 'no' }, { id: 'x'.repeat(500), enabled: true }])('refuses setCollectionEnabled(%j)', async (payload) => {
    const { h, sender } = await setup();
    await expect(h.setCollectionEnabled(payload as never, sender)).rejects.toThrow();
  });

  it('deletes: gone from queries at once, purged in the background', async () => {
    const { backend, h, sender, index, upkeepDone } = await setup();
    await h.deleteCollection({ id: 'wire' }, sender);
    expect(await backend.storyCount()).toBe(0);
    expect((await index.query({ text: TESLA().join('\n\n') })).duplicates).toEqual([]);
    await upkeepDone();
    expect(await backend.db.stories.count()).toBe(0);
    expect(await backend.db.fpBuckets.count()).toBe(0);
    expect(await backend.db.termBuckets.count()).toBe(0);
    expect(await h.listCollections(null, sender)).toEqual([]);
    await expect(h.deleteCollection({ id: 'wire' }, sender)).rejects.toThrow('No such collection');
  });

  it('exports a collection page by page, text only, every story once', async () => {
    const { h, sender } = await setup();
    const seen: string[] = [];
    let after = -1;
    for (let pages = 0; pages < 10; pages++) {
      const page = await h.exportCollectionPage({ id: 'wire', after, limit: 2 }, sender);
      seen.push(...page.stories.map((s) => s.id));
      for (const s of page.stories) expect(Object.keys(s).sort()).toEqual(expect.arrayContaining(['id', 'text', 'title']));
      expect(page.stories.every((s) => !('fingerprints' in s) && !('terms' in s))).toBe(true);
      if (page.last === null) break;
      after = page.last;
    }
    expect(seen).toEqual(['tesla', 'gun', 'de']);
    const one = await h.exportCollectionPage({ id: 'wire', after: -1, limit: 10_000_000 }, sender);
    expect(one.stories).toHaveLength(3);
    expect(one.stories[2]).toEqual({ id: 'de', title: 'Germany', text: GERMANY().join('\n\n'), author: 'A. Writer' });
  });

  it('reports a running job whose worker is gone as interrupted, and leaves a live one alone', async () => {
    const { backend, h, sender } = await setup(['live']);
    const base = newJob('x', { id: 'c', name: 'C' }, [], 1000);
    await backend.db.jobs.bulkPut([
      { ...base, id: 'live', startedAt: 3000, added: 5 },
      { ...base, id: 'dead', startedAt: 2000, added: 7, updatedAt: 2500 },
      { ...base, id: 'old', startedAt: 1000, state: 'done' },
    ]);
    const jobs = await h.listImportJobs(null, sender);
    expect(jobs.map((j) => [j.id, j.state])).toEqual([
      ['live', 'running'],
      ['dead', 'interrupted'],
      ['old', 'done'],
    ]);
    expect(jobs[1]).toMatchObject({ added: 7, finishedAt: 2500, error: expect.stringContaining('page was closed') });
    expect((await backend.db.jobs.get('dead'))?.state).toBe('interrupted');
    await h.clearImportJobs(null, sender);
    expect((await h.listImportJobs(null, sender)).map((j) => j.id)).toEqual(['live']);
  });

  it('reports storage figures', async () => {
    const { h, sender } = await setup();
    const u = await h.storageUsage(null, sender);
    expect(u).toMatchObject({ usage: 12345, quota: 10 ** 9, stories: 3, collections: 1 });
    expect(u.textChars).toBe(['Tesla', TESLA().join('\n\n'), 'Gun', SMART_GUN_REUTERS().join('\n\n'), 'Germany', GERMANY().join('\n\n')].join('').length);
  });

  it('stores valid settings and refuses hostile ones without changing anything', async () => {
    const { h, sender } = await setup();
    expect(await h.getSettings(null, sender)).toEqual(DEFAULT_SETTINGS);
    const next = await h.setSettings({ sensitivity: 'strict', neverCheckSites: ['https://www.Example.com/path', 'news.example.org'] }, sender);
    expect(next).toEqual({ ...DEFAULT_SETTINGS, sensitivity: 'strict', neverCheckSites: ['example.com', 'news.example.org'] });
    for (const bad of [
      { sensitivity: 'paranoid' },
      { mode: 'always' },
      { neverCheckSites: 'example.com' },
      { neverCheckSites: ['<script>alert(1)</script>'] },
      { hiddenBadgeSites: Array.from({ length: 5000 }, (_, i) => `s${i}.example`) },
      { __proto__: { mode: 'click' }, evil: 1 },
      null,
      ['mode'],
    ])
      await expect(h.setSettings(bad as never, sender)).rejects.toThrow();
    expect(await h.getSettings(null, sender)).toEqual(next);
  });
});
