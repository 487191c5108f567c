// A generated corpus indexed in memory, in batches, for the evals at scale; `each` sees every story
// and its label on the way (to collect the truth the eval judges against).
import type { Story } from '../../lib/corpus/story';
import { MemoryBackend } from '../../lib/index/memory/backend';
import { StoryIndex } from '../../lib/index/story-index';
import { generateCorpus, type StoryLabel } from '../bench/generate-corpus';

export async function indexGenerated(stories: number, seed: number, each: (story: Story, label: StoryLabel) => void): Promise<StoryIndex> {
  const index = new StoryIndex(new MemoryBackend());
  let batch: Story[] = [];
  for (const { story, label } of generateCorpus(stories, { seed })) {
    each(story, label);
    batch.push(story);
    if (batch.length === 2000) {
      await index.addStories({ id: 'gen', name: 'generated' }, batch);
      batch = [];
    }
  }
  if (batch.length) await index.addStories({ id: 'gen', name: 'generated' }, batch);
  return index;
}
