import { MemoryBackend } from '../../../lib/index/memory/backend';
import { describeIndexContract } from './index-contract';

describeIndexContract('the memory backend', async () => new MemoryBackend());

import { describe, expect, it } from 'vitest';
import { StoryIndex } from '../../../lib/index/story-index';

describe('MemoryBackend removal', () => {
  it('removes a collection whose stories share terms and fingerprints only among themselves', async () => {
    const index = new StoryIndex(new MemoryBackend());
    const text =
      'Air defense systems worked in the skies over Crimea overnight, the head of the region said on Saturday, adding there was no damage.';
    await index.addStories({ id: 'a', name: 'A' }, [
      { id: '1', title: 'Crimea alert', text },
      { id: '2', title: 'Crimea alert again', text: text + ' Officials urged calm.' },
    ]);
    await index.removeCollection('a');
    expect(await index.backend.storyCount()).toBe(0);
    expect((await index.backend.termPostings(['crimea'])).size).toBe(0);
    expect((await index.query({ text })).duplicates).toEqual([]);
  });
});
