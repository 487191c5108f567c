// A small real-text corpus and query pages for team server tests: generated stories (Brown
// sentences with reprints, rewrites, partial quotes, site chrome and same-event stories) and pages
// made from them, the same generator the benchmarks use.
import type { Story } from '../../../lib/corpus/story';
import type { PageInput } from '../../../lib/index/types';
import { CorpusGenerator } from '../../bench/generate-corpus';

export function testCorpus(stories: number, pages: number, seed = 7): { stories: Story[]; pages: PageInput[] } {
  const gen = new CorpusGenerator({ seed });
  const list = [...gen.stories(stories)].map((g) => g.story);
  const queries = Array.from({ length: pages }, (_, k) => gen.page(k, stories).page);
  return { stories: list, pages: queries.map((p) => ({ text: p.text, title: p.title, url: p.url })) };
}
