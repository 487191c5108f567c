import { describe, expect, it } from 'vitest';
import { lineIndex, scanJsonObjects } from '../../../../lib/corpus/formats/json-scan';

describe('scanJsonObjects', () => {
  it('finds the object elements of the biggest array, skipping strings with brackets', () => {
    const text = '{"meta":[{"a":1}],"items":[{"t":"x}{"},{"t":"\\"]"},\n{"t":3}]}';
    const { spans, topLevel } = scanJsonObjects(text);
    expect(topLevel).toBe(false);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['{"t":"x}{"}', '{"t":"\\"]"}', '{"t":3}']);
  });

  it('marks a cut-off last object and sees objects side by side at the top level', () => {
    const cut = scanJsonObjects('[{"a":1},{"b":');
    expect(cut.spans.map((s) => s.complete)).toEqual([true, false]);
    const lines = scanJsonObjects('{"a":1}\n{"b":2}\n');
    expect(lines.topLevel).toBe(true);
    expect(lines.spans).toHaveLength(2);
  });

  it('survives mismatched brackets and extreme depth', () => {
    expect(() => scanJsonObjects(']]]}}}{{{[[[')).not.toThrow();
    expect(() => scanJsonObjects('['.repeat(200_000))).not.toThrow();
  });
});

describe('lineIndex', () => {
  it('maps offsets to 1-based lines', () => {
    const line = lineIndex('a\nbb\n\nc');
    expect([0, 1, 2, 4, 5, 6].map(line)).toEqual([1, 1, 2, 2, 3, 4]);
  });
});
