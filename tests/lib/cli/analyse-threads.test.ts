import { describe, expect, it } from 'vitest';
import { openAnalyseThreads } from '../../../lib/cli/analyse-threads';
import { analyseStory } from '../../../lib/match/analyse';
import { segmentedSeedStories as loadSeedStories } from '../../support/seeds';

describe('analysis on worker threads (storytrace index)', () => {
  it('gives each story exactly the analysis of the main thread, in order', async () => {
    const stories = loadSeedStories();
    expect(stories.length).toBeGreaterThan(10);
    const threads = openAnalyseThreads(2);
    try {
      const analysed = await threads.analyse(stories);
      expect(analysed.map((s) => s.id)).toEqual(stories.map((s) => s.id));
      expect(analysed).toEqual(stories.map(analyseStory));
    } finally {
      await threads.close();
    }
  });

  it('fails a batch given to a stopped thread instead of waiting forever', async () => {
    const threads = openAnalyseThreads(1);
    await threads.close();
    await expect(threads.analyse(loadSeedStories().slice(0, 3))).rejects.toThrow(/analysis thread stopped/);
  });
});
