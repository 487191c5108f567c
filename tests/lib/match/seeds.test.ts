// The acceptance checks on the real seed pages: segmented by the real segmenter, indexed, and each
// story checked against the others.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Story } from '../../../lib/corpus/story';
import { MemoryBackend } from '../../../lib/index/memory/backend';
import { StoryIndex } from '../../../lib/index/story-index';
import type { QueryResult } from '../../../lib/index/types';
import { segmentedSeedStories } from '../../support/seeds';

describe('seed corpus checked against itself', () => {
  let stories: Story[];
  let index: StoryIndex;
  const results = new Map<string, QueryResult>();
  const byTitle = (prefix: string) => stories.filter((s) => s.title.startsWith(prefix));

  beforeAll(async () => {
    stories = segmentedSeedStories();
    index = new StoryIndex(new MemoryBackend());
    await index.addStories({ id: 'seeds', name: 'Seeds' }, stories);
    for (const s of stories) results.set(s.id, await index.query({ text: s.text, title: s.title }, { excludeIds: [s.id] }));
  });

  it('reports each Biofire smart-gun version as a duplicate of the other, with passages', () => {
    const [reuters, reprint] = byTitle('Smart gun operating on facial recognition');
    expect(reprint).toBeDefined();
    expect(reuters.text).toContain('Kloepfer said');
    expect(reprint.text).toContain('Mr Kloepfer');
    for (const [a, b] of [
      [reuters, reprint],
      [reprint, reuters],
    ]) {
      const r = results.get(a.id)!;
      expect(r.duplicates.map((m) => m.id)).toEqual([b.id]);
      const m = r.duplicates[0];
      expect(m.passages.length).toBeGreaterThan(0);
      expect(Math.max(m.pageShare, m.storyShare)).toBeGreaterThan(0.7);
      // The passages hold the same words on both sides.
      const p = m.passages[0];
      const words = (t: string) => t.toLowerCase().match(/[a-z]+/g)!.slice(0, 5).join(' ');
      expect(words(a.text.slice(p.pageStart, p.pageEnd))).toBe(words(b.text.slice(p.storyStart, p.storyEnd)));
    }
  });

  it('finds the Russia–Cuba stories (Lavrov’s tour, 002, 003) related to each other, never duplicates', () => {
    const cluster = [byTitle('Lavrov’s Latin American Tour')[0], stories.find((s) => s.source!.startsWith('002'))!, stories.find((s) => s.source!.startsWith('003'))!];
    for (const a of cluster) {
      const r = results.get(a.id)!;
      const others = cluster.filter((b) => b !== a).map((b) => b.id);
      expect(r.duplicates.map((m) => m.id)).not.toEqual(expect.arrayContaining([others[0]]));
      expect(r.partial).toEqual([]);
      expect(r.related.map((m) => m.id)).toEqual(expect.arrayContaining(others));
      for (const m of r.related) expect(m.terms.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('reports nothing as duplicated but the Biofire pair', () => {
    const flagged = stories.filter((s) => results.get(s.id)!.duplicates.length + results.get(s.id)!.partial.length > 0);
    expect(flagged.map((s) => s.title)).toEqual([
      'Smart gun operating on facial recognition goes on sale in US',
      'Smart gun operating on facial recognition goes on sale in US',
    ]);
  });

  it('does not match stories of one site that share only its chrome, even when the chrome is left in', async () => {
    const chrome = [
      'Liked it? Take a second to support The Duran on Patreon!',
      'Your donations make all the difference. Together we can expose fake news lies and deliver truth.',
      'Amount to donate in USD$:',
      'Validating payment information... Waiting for PayPal...',
      'The Duran Newsletter',
    ].join('\n\n');
    const duran = stories.filter((s) => s.source!.startsWith('001') || s.source!.startsWith('004'));
    expect(duran.length).toBeGreaterThanOrEqual(6);
    const withChrome = new StoryIndex(new MemoryBackend());
    await withChrome.addStories(
      { id: 'duran', name: 'The Duran, unsegmented' },
      duran.map((s) => ({ ...s, text: s.text + '\n\n' + chrome })),
    );
    for (const s of duran) {
      const r = await withChrome.query({ text: s.text + '\n\n' + chrome, title: s.title }, { excludeIds: [s.id] });
      expect(r.duplicates).toEqual([]);
      expect(r.partial).toEqual([]);
    }
  });
});
