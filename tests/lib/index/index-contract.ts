// Behaviour every IndexBackend must show through StoryIndex; run against the memory backend, the
// IndexedDB backend and the PostgreSQL backend alike (describeIndexContract(name, makeBackend)):
// memory-backend.test.ts, dexie-backend.test.ts, postgres-backend.test.ts (a real server).
import { describe, expect, it } from 'vitest';
import type { Story } from '../../../lib/corpus/story';
import { StoryIndex } from '../../../lib/index/story-index';
import type { IndexBackend } from '../../../lib/index/types';

// Real wire copy (from the seed pages) so the tests exercise real sentence shapes.
const GUN = [
  'Colorado-based Biofire Tech is taking orders for a smart gun enabled by facial-recognition technology, the latest development in personalized weapons that can only be fired by verified users.',
  'But in a sign of the long, challenging road that smart guns have faced, a prototype twice failed to fire when demonstrated for Reuters this week. Company founder and Chief Executive Kai Kloepfer said the software and electronics have been fully tested.',
  "Biofire's gun can also be enabled by a fingerprint reader, one of several smart gun features designed to avoid accidental shootings by children, reduce suicides, protect police from gun grabs, or render lost and stolen guns useless.",
  'That could make it the first commercially available smart gun in the U.S. since the Armatix briefly went on sale in 2014. At least two other American companies, LodeStar Works and Free State Firearms, are also attempting to get a smart gun to market.',
].join('\n\n');
const GERMANY = [
  'The German authorities have decided to massively expel Russian diplomats, thus Berlin continues to destroy Russian-German relations, the Russian Foreign Ministry said in a statement on Saturday.',
  "In April 2022, Berlin declared 40 Russian diplomats persona non grata. The Russian side responded to Berlin's move in a mirror image, sending 40 employees of the German diplomatic mission at the end of April.",
  'It is indicative that the German side, despite its repeated assurances of unwillingness to escalate, continues to take steps that destroy what remains of bilateral relations, the ministry said.',
].join('\n\n');
const CRIMEA = [
  'Air defense systems worked out in the skies over Crimea, there are no casualties or damage, the head of the region Sergey Aksyonov said on his Telegram channel on Saturday night.',
  'Our air defense forces worked in the skies over Crimea. There is no damage or casualties. Please stay calm and trust only official sources of information, he wrote.',
].join('\n\n');

const story = (id: string, title: string, text: string, extra: Partial<Story> = {}): Story => ({ id, title, text, ...extra });

export function describeIndexContract(name: string, makeBackend: () => Promise<IndexBackend>): void {
  describe(`StoryIndex on ${name}`, () => {
    const fresh = async () => new StoryIndex(await makeBackend());

    it('finds a reprint as a duplicate with passages that point at the shared text', async () => {
      const index = await fresh();
      await index.addStories({ id: 'wire', name: 'Wire' }, [
        story('gun', 'Smart gun goes on sale', GUN, { url: 'https://example.com/gun', source: 'Reuters' }),
        story('de', 'Berlin expels diplomats', GERMANY),
      ]);
      const page = 'Smart gun maker takes orders\n\n' + GUN.replace(/U\.S\./g, 'United States').replace(/Biofire's/g, 'Biofire’s');
      const r = await index.query({ text: page });
      expect(r.duplicates.map((m) => m.id)).toEqual(['gun']);
      const m = r.duplicates[0];
      expect(m.url).toBe('https://example.com/gun');
      expect(m.source).toBe('Reuters');
      expect(m.pageShare).toBeGreaterThan(0.8);
      expect(m.storyShare).toBeGreaterThan(0.8);
      for (const p of m.passages) {
        expect(p.pageEnd).toBeGreaterThan(p.pageStart);
        // The page range and the story range hold the same words.
        const a = page.slice(p.pageStart, p.pageEnd).split(/\W+/).slice(0, 4).join(' ');
        const b = GUN.slice(p.storyStart, p.storyEnd).split(/\W+/).slice(0, 4).join(' ');
        expect(a.toLowerCase()).toBe(b.toLowerCase());
      }
      expect(r.partial).toEqual([]);
      expect(r.related.map((x) => x.id)).not.toContain('gun');
    });

    it('reports a page quoting one paragraph as partial reuse, not a duplicate', async () => {
      const index = await fresh();
      await index.addStories({ id: 'c', name: 'C' }, [story('de', 'Berlin expels diplomats', GERMANY), story('gun', 'Smart gun', GUN)]);
      const page = [
        CRIMEA,
        GERMANY.split('\n\n')[1],
        'Meanwhile, officials in the region said traffic on the bridge had resumed and ferries were running to schedule after the overnight alert.',
      ].join('\n\n');
      const r = await index.query({ text: page });
      expect(r.duplicates).toEqual([]);
      expect(r.partial.map((m) => m.id)).toEqual(['de']);
      expect(r.partial[0].pageShare).toBeLessThan(0.5);
      expect(r.partial[0].passages).toHaveLength(1);
    });

    it('ignores stories from disabled collections and forgets removed ones', async () => {
      const index = await fresh();
      await index.addStories({ id: 'a', name: 'A' }, [story('gun', 'Smart gun', GUN)]);
      await index.addStories({ id: 'b', name: 'B' }, [story('de', 'Berlin expels diplomats', GERMANY)]);
      await index.backend.setCollectionEnabled('a', false);
      expect((await index.query({ text: GUN })).duplicates).toEqual([]);
      expect((await index.query({ text: GERMANY })).duplicates.map((m) => m.id)).toEqual(['de']);
      await index.backend.setCollectionEnabled('a', true);
      expect((await index.query({ text: GUN })).duplicates.map((m) => m.id)).toEqual(['gun']);
      await index.removeCollection('a');
      expect((await index.query({ text: GUN })).duplicates).toEqual([]);
      expect(await index.backend.storyCount()).toBe(1);
      expect(await index.backend.getStoryById('gun')).toBeUndefined();
      const cols = await index.backend.listCollections();
      expect(cols.map((c) => c.id)).toEqual(['b']);
      expect(cols[0]).toMatchObject({ name: 'B', stories: 1, enabled: true });
    });

    it('does not store a story twice (idempotent import)', async () => {
      const index = await fresh();
      const stories = [story('gun', 'Smart gun', GUN), story('de', 'Berlin', GERMANY)];
      expect(await index.addStories({ id: 'a', name: 'A' }, stories)).toEqual({ added: 2, alreadyPresent: 0 });
      expect(await index.addStories({ id: 'a2', name: 'A again' }, stories)).toEqual({ added: 0, alreadyPresent: 2 });
      expect(await index.backend.storyCount()).toBe(2);
    });

    it('finds same-event stories told in other words as related, with the shared names', async () => {
      const index = await fresh();
      const other =
        'Crimea head Sergey Aksyonov reported an air defense alert overnight. Air defense units repelled an attack over Crimea, Aksyonov wrote, adding that nobody was hurt.';
      await index.addStories({ id: 'c', name: 'C' }, [
        story('crimea2', 'Aksyonov: air defense repels attack over Crimea', other),
        story('de', 'Berlin expels diplomats', GERMANY),
        story('gun', 'Smart gun', GUN),
      ]);
      const r = await index.query({ text: CRIMEA, title: 'Air defense forces work in skies over Crimea, says governor' });
      expect(r.duplicates).toEqual([]);
      expect(r.related[0]?.id).toBe('crimea2');
      expect(r.related[0].terms).toEqual(expect.arrayContaining(['crimea']));
      expect(r.related.map((x) => x.id)).not.toContain('gun');
    });

    it('pages through a collection in key order for export', async () => {
      const index = await fresh();
      await index.addStories({ id: 'a', name: 'A' }, [story('1', 'One', GUN), story('2', 'Two', GERMANY), story('3', 'Three', CRIMEA)]);
      const first = await index.backend.collectionStories('a', -1, 2);
      expect(first.map((s) => s.id)).toEqual(['1', '2']);
      const rest = await index.backend.collectionStories('a', first[1].key, 2);
      expect(rest.map((s) => s.id)).toEqual(['3']);
      expect(rest[0].text).toBe(CRIMEA);
    });

    it('answers an empty corpus and an empty page with empty results', async () => {
      const index = await fresh();
      expect(await index.query({ text: GUN })).toMatchObject({ duplicates: [], partial: [], related: [] });
      await index.addStories({ id: 'a', name: 'A' }, [story('gun', 'Smart gun', GUN)]);
      expect(await index.query({ text: '' })).toMatchObject({ duplicates: [], partial: [], related: [], pageWords: 0 });
    });
  });
}
