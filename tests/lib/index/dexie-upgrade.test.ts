// Schema upgrade: a database written with the previous schema version (v1) opens under the current
// one with every story, collection and posting still there, and the v2 changes in effect.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DexieBackend } from '../../../lib/index/dexie-backend';
import { SCHEMA, SCHEMA_VERSION, openDb } from '../../../lib/index/dexie-db';
import { StoryIndex } from '../../../lib/index/story-index';
import { GERMANY, SMART_GUN_REUTERS, TESLA } from '../../support/seeds';

describe('schema upgrade', () => {
  it('keeps every story of a v1 database and answers queries after the upgrade', async () => {
    const name = `upgrade-${process.pid}`;
    // Real rows, written by the current code into a scratch database, copied into a v1 database
    // table by table (the v1 tables hold the same rows; v2 only added tables and relaxed an index).
    const scratch = await DexieBackend.open(`${name}-scratch`);
    const index = new StoryIndex(scratch);
    const stories = [
      { id: 'tesla', title: 'Tesla trial', text: TESLA().join('\n\n'), source: 'Reuters' },
      { id: 'gun', title: 'Smart gun', text: SMART_GUN_REUTERS().join('\n\n'), url: 'https://example.com/gun' },
      { id: 'de', title: 'Germany expels diplomats', text: GERMANY().join('\n\n') },
    ];
    await index.addStories({ id: 'wire', name: 'Wire' }, stories);
    const v1 = openDb(name, 1);
    await v1.open();
    expect(v1.verno).toBe(1);
    expect(v1.tables.map((t) => t.name).sort()).toEqual(Object.keys(SCHEMA[1]).sort());
    for (const table of Object.keys(SCHEMA[1])) {
      const rows = await scratch.db.table(table).toArray();
      await v1.table(table).bulkAdd(rows);
    }
    // v1's unique id index refuses a second copy of an id.
    const row = await v1.table('stories').get((await scratch.getStoryById('gun'))!.key);
    await expect(v1.table('stories').add({ ...row, key: row.key + 1000 })).rejects.toThrow();
    v1.close();
    scratch.close();

    const upgraded = await DexieBackend.open(name);
    expect(upgraded.db.verno).toBe(SCHEMA_VERSION);
    for (const s of stories) {
      const got = await upgraded.getStoryById(s.id);
      expect(got?.text).toBe(s.text);
      expect(got?.collection).toBe('wire');
    }
    expect(await upgraded.storyCount()).toBe(3);
    expect(await upgraded.listCollections()).toMatchObject([{ id: 'wire', stories: 3 }]);
    const r = await new StoryIndex(upgraded).query({ text: SMART_GUN_REUTERS().join('\n\n') });
    expect(r.duplicates.map((m) => m.id)).toEqual(['gun']);
    // v2 tables exist and the id index is no longer unique.
    await upgraded.db.jobs.put({ id: 'j' } as never);
    await upgraded.db.stories.add({ ...row, key: row.key + 1000 });
    expect(await upgraded.db.stories.where('id').equals('gun').count()).toBe(2);
    upgraded.close();
  });
});
