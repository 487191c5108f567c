// Aligned coverage tells a rewrite (words changed evenly through the whole text) from a same-event
// story sharing islands of wire copy inside different text; and the index reports them so.
import { describe, expect, it } from 'vitest';
import { MemoryBackend } from '../../../lib/index/memory/backend';
import { StoryIndex } from '../../../lib/index/story-index';
import { alignedCoverage } from '../../../lib/match/aligned-coverage';
import { isRewrite } from '../../../lib/match/classify';
import { tokenize } from '../../../lib/text/normalize';
import { buildSameEventSet } from '../../eval/same-event-set';
import { lightRewrite } from '../../support/rewrite';

const words = (s: string) => tokenize(s).words;
const set = buildSameEventSet();
const story = (id: string) => set.corpus.find((s) => s.id === id)!;
// Press reportage samples only, to keep the test quick.
const pages = set.pages.filter((p) => p.id.includes('-ca'));

describe('alignedCoverage', () => {
  it('is 1 for identical texts and 0 for texts sharing no content word', () => {
    const t = 'The council voted on Tuesday to close the old bridge over the river for repairs next spring.';
    expect(alignedCoverage(words(t), words(t))).toBe(1);
    expect(alignedCoverage(words(t), words('Stock markets in Asia fell sharply after weak export figures.'))).toBe(0);
    expect(alignedCoverage([], words(t))).toBe(0);
  });

  it('is symmetric: the shorter text is the one covered', () => {
    const p = pages.find((x) => x.expect === 'partial')!;
    const a = words(p.text);
    const b = words(story(p.story).text);
    expect(alignedCoverage(a, b)).toBe(alignedCoverage(b, a));
  });

  it('covers nearly all of a text rewritten one word in four, wherever the changes fall', () => {
    for (const p of pages.filter((x) => x.expect === 'duplicate')) {
      const s = story(p.story).text;
      const heavy = lightRewrite(s.split('\n\n'), 7, 4).join('\n\n');
      expect(alignedCoverage(words(heavy), words(s))).toBeGreaterThan(0.7);
    }
  });

  it('scattered shared names do not chain into a region', () => {
    const a = 'Kennedy met Macmillan in Bermuda. ' + 'Weather was mild and the talks ran long into the evening. '.repeat(3);
    const b = 'Crowds in Bermuda cheered. Later Kennedy spoke about trade, and Macmillan left for London the next day.';
    expect(alignedCoverage(words(a), words(b))).toBe(0);
  });
});

describe('rewrite verdict on same-event stories (Brown press reportage)', () => {
  it('same-event short stories sharing wire paragraphs are not rewrites; rewrites of them are', () => {
    for (const p of pages) expect(isRewrite(words(p.text), words(story(p.story).text)), p.id).toBe(p.expect === 'duplicate');
  });

  it('the index calls same-event stories partial reuse and rewrites duplicates', async () => {
    const index = new StoryIndex(new MemoryBackend());
    await index.addStories({ id: 'c', name: 'c' }, set.corpus.filter((s) => s.id.startsWith('ca')));
    for (const p of pages) {
      const r = await index.query({ text: p.text, title: p.title }, { topRelated: 0 });
      const kind = r.duplicates.some((m) => m.id === p.story) ? 'duplicate' : r.partial.some((m) => m.id === p.story) ? 'partial' : 'none';
      expect(kind, p.id).toBe(p.expect);
    }
  });
});
