import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAnalyseThreads } from '../../../lib/cli/analyse-threads';
import { segmentPage } from '../../../lib/corpus/segment';
import type { Story } from '../../../lib/corpus/story';
import { analyseStory } from '../../../lib/match/analyse';

const SEEDS = join(import.meta.dirname, '../../fixtures/seeds');
const loadSeedStories = (): Story[] =>
  readdirSync(SEEDS)
    .sort()
    .flatMap((f) => segmentPage(readFileSync(join(SEEDS, f), 'utf8')).map((s, i) => ({ ...s, id: `${f}-${i}`, source: f })));

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
