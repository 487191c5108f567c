// Schema upgrade: a database written with the previous schema version (v1) opens under the current
// one with every story, collection and posting still there, and the v2 changes in effect.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DexieBackend } from '../../../lib/index/dexie/backend';
import { SCHEMA, SCHEMA_VERSION, openDb } from '../../../lib/index/dexie/db';
import { type StoryRowV1 } from '../../../lib/index/dexie/rows';
import { analyseStory } from '../../../lib/match/analyse';
import { StoryIndex } from '../../../lib/index/story-index';
import { GERMANY, SMART_GUN_REUTERS, TESLA } from '../../support/seeds';

describe('schema upgrade', () => {
  it('keeps every story of a v1 database, rebuilds its postings, and answers queries', async () => {
    const name = `upgrade-${process.pid}`;
    // Real stories analysed by the engine, stored the v1 way (unpacked analysis, posting chunks);
    // the scratch database holds the same stories written by the current code, for comparison.
    const scratch = await DexieBackend.open(`${name}-scratch`);
    const stories = [
      { id: 'tesla', title: 'Tesla trial', text: TESLA().join('\n\n'), source: 'Reuters' },
      { id: 'gun', title: 'Smart gun', text: SMART_GUN_REUTERS().join('\n\n'), url: 'https://example.com/gun' },
      { id: 'de', title: 'Germany expels diplomats', text: GERMANY().join('\n\n') },
    ];
    await new StoryIndex(scratch).addStories({ id: 'wire', name: 'Wire' }, stories);
    const v1 = openDb(name, 1);
    await v1.open();
    expect(v1.verno).toBe(1);
    expect(v1.tables.map((t) => t.name).sort()).toEqual(Object.keys(SCHEMA[1]).sort());
    // The rows exactly as v1 wrote them (its story row, collection row, counters and a chunk).
    const analysed = stories.map(analyseStory);
    const v1Rows: StoryRowV1[] = analysed.map((a, i) => ({
      key: 2 ** 24 + i,
      id: a.id,
      title: a.title,
      text: a.text,
      words: a.words,
      fp: Uint32Array.from(a.fingerprints),
      sig: Uint32Array.from(a.signature),
      terms: a.terms,
      ...(a.url ? { url: a.url } : {}),
      ...(a.source ? { source: a.source } : {}),
    }));
    await v1.table('stories').bulkAdd(v1Rows);
    await v1.table('collections').add({ ...(await scratch.db.collections.get('wire')), number: 1 });
    await v1.table('meta').add({ key: 'counters', nextCollection: 2, nextChunkSeq: 3, batchesSinceCompaction: 1 });
    await v1.table('fpChunks').add({ k: 4294967296, colls: [1], base: 0, hs: new Uint32Array(0), ks: new Uint32Array(0) });
    // v1's unique id index refuses a second copy of an id.
    const row = v1Rows[1];
    await expect(v1.table('stories').add({ ...row, key: row.key + 1000 })).rejects.toThrow();
    const fpBefore = await scratch.db.fpBuckets.toArray();
    v1.close();
    scratch.close();
    const scratch2 = await DexieBackend.open(`${name}-scratch`);

    const upgraded = await DexieBackend.open(name);
    expect(upgraded.db.verno).toBe(SCHEMA_VERSION);
    // Every story is there, converted: the same as the current code stores it.
    for (const s of stories) {
      const got = await upgraded.getStoryById(s.id);
      expect(got).toEqual(await scratch2.getStoryById(s.id));
      expect(got?.text).toBe(s.text);
    }
    expect(await upgraded.storyCount()).toBe(3);
    expect(await upgraded.listCollections()).toMatchObject([{ id: 'wire', stories: 3 }]);
    // The rebuilt postings are those the current code writes.
    expect(await upgraded.db.fpBuckets.toArray()).toEqual(fpBefore);
    expect(upgraded.db.tables.map((t) => t.name)).not.toContain('fpChunks');
    const r = await new StoryIndex(upgraded).query({ text: SMART_GUN_REUTERS().join('\n\n') });
    expect(r.duplicates.map((m) => m.id)).toEqual(['gun']);
    // v2 tables exist and the id index is no longer unique.
    await upgraded.db.jobs.put({ id: 'j' } as never);
    await upgraded.db.stories.add({ ...(await upgraded.db.stories.get(row.key))!, key: row.key + 1000 });
    expect(await upgraded.db.stories.where('id').equals('gun').count()).toBe(2);
    upgraded.close();
    scratch2.close();
  });

  it('v3 → v4 rebuilds the term rows from the stored stories (string rows gone, answers unchanged)', async () => {
    const name = `upgrade-v4-${process.pid}`;
    const stories = [
      { id: 'tesla', title: 'Tesla trial', text: TESLA().join('\n\n'), source: 'Reuters' },
      { id: 'gun', title: 'Smart gun', text: SMART_GUN_REUTERS().join('\n\n') },
      { id: 'de', title: 'Germany expels diplomats', text: GERMANY().join('\n\n') },
    ];
    const scratch = await DexieBackend.open(`${name}-scratch`);
    await new StoryIndex(scratch).addStories({ id: 'wire', name: 'Wire' }, stories);
    const terms = [...new Set(analyseStoryTerms(stories))];
    const want = await scratch.termPostings(terms);
    expect(want.size).toBeGreaterThan(20);
    // A v3 database: the same stories, collection and fingerprint rows, and a term row of v3's shape.
    const v3 = openDb(name, 3);
    await v3.open();
    await v3.table('stories').bulkAdd(await scratch.db.stories.toArray());
    await v3.table('collections').bulkAdd(await scratch.db.collections.toArray());
    await v3.table('meta').bulkAdd((await scratch.db.meta.toArray()).filter((r) => r.key !== 'termLayout'));
    await v3.table('fpBuckets').bulkAdd(await scratch.db.fpBuckets.toArray());
    await v3
      .table('termBuckets')
      .add({
        b: 7,
        colls: [1],
        ts: ['tesla'],
        dfo: new Uint32Array(2),
        dfs: new Uint32Array(0),
        ko: new Uint32Array(2),
        base: 0,
        ks: new Uint32Array(0),
        ws: new Uint32Array(0),
      });
    v3.close();

    const upgraded = await DexieBackend.open(name);
    expect(upgraded.db.verno).toBe(SCHEMA_VERSION);
    for (const row of await upgraded.db.termBuckets.toArray()) expect(row.data).toBeInstanceOf(Uint8Array);
    expect(await upgraded.termPostings(terms)).toEqual(want);
    const r = await new StoryIndex(upgraded).query({ text: SMART_GUN_REUTERS().join('\n\n') });
    expect(r.duplicates.map((m) => m.id)).toEqual(['gun']);
    upgraded.close();
    scratch.close();
  });
});

function analyseStoryTerms(stories: { id: string; title: string; text: string }[]): string[] {
  return stories.flatMap((s) => analyseStory(s).terms.map(([t]) => t));
}
