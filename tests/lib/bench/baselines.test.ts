// Naive baselines of the engine benchmark: the same 5-gram resemblance whether kept as strings or
// hashes, found by a scan of every story.
import { describe, expect, it } from 'vitest';
import { baselineKind, HashedShingleIndex, NaiveShingleIndex, naiveShingleSet, naiveWords } from '../../bench/baselines';
import { CorpusGenerator } from '../../bench/generate-corpus';

const gen = new CorpusGenerator({ seed: 5 });
const stories = [...gen.stories(120)];

describe('naive baselines', () => {
  it('splits words on any non-letter, case-folded, in any script', () => {
    expect(naiveWords('The U.S. — «Привет», 1,499 dollars!')).toEqual(['the', 'u', 's', 'привет', '1', '499', 'dollars']);
    expect(naiveShingleSet('a b c d e f').size).toBe(2);
    expect(naiveShingleSet('a b c').size).toBe(0);
  });

  it('agree between string and hashed sets, and find each labelled copy', () => {
    const strings = new NaiveShingleIndex();
    const hashed = new HashedShingleIndex();
    for (const { story } of stories) {
      strings.add(story.id, story.text);
      hashed.add(story.id, story.text);
    }
    expect(strings.size).toBe(120);
    const copies = stories.filter((g) => g.label.kind === 'reprint' || g.label.kind === 'trimmed' || g.label.kind === 'reordered');
    expect(copies.length).toBeGreaterThan(5);
    for (const g of copies) {
      const a = strings.query(g.story.text);
      const b = hashed.query(g.story.text);
      expect(a[0].id).toBe(g.story.id); // itself, Jaccard 1
      expect(a[0].jaccard).toBe(1);
      expect(b.map((m) => m.id)).toEqual(a.map((m) => m.id));
      const source = a.find((m) => m.id === g.label.of)!;
      expect(baselineKind(source)).toBe('duplicate');
    }
  });
});
