import { describe, expect, it } from 'vitest';
import { parseJsonl } from '../../../../lib/corpus/formats/jsonl';
import { fixture, fixtureText, firstHalf } from './fixtures';

describe('parseJsonl', () => {
  it('reads one story per line with the JSON aliases', () => {
    const { stories, problems } = parseJsonl('stories.jsonl', fixtureText('stories.jsonl'));
    expect(problems).toEqual([]);
    expect(stories.map((s) => s.id)).toEqual(['sputnik-20230422-lavrov', '5863c1f2a1b2c3d4e5f60718', '42']);
    expect(stories[2]).toMatchObject({ source: 'The Duran', author: 'Alexander Mercouris', date: '2017-04-21T09:30:00.000Z' });
  });

  it('reports each bad line with its line number and keeps the rest', () => {
    const { stories, problems } = parseJsonl('bad-lines.jsonl', fixtureText('bad-lines.jsonl'));
    expect(stories.map((s) => s.id)).toEqual(['sputnik-20230422-lavrov', '5863c1f2a1b2c3d4e5f60718']);
    expect(problems.map((p) => [p.line, p.record])).toEqual([
      [2, 2],
      [4, 3],
      [5, 4],
    ]);
    expect(problems[0].reason).toMatch(/invalid JSON/);
    expect(problems[1].reason).toMatch(/no text/);
    expect(problems[2].reason).toMatch(/not an object/);
  });

  it('keeps the whole lines of a file cut in half and calls the last one truncated', () => {
    const half = new TextDecoder().decode(firstHalf(fixture('stories.jsonl')));
    const { stories, problems } = parseJsonl('cut.jsonl', half);
    const complete = half.split('\n').length - 1;
    expect(stories).toHaveLength(complete);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: complete + 1 });
    expect(problems[0].reason).toMatch(/^truncated line/);
  });

  it('strips NUL bytes inside fields', () => {
    const { stories } = parseJsonl('nul.jsonl', fixtureText('nul-bytes.jsonl'));
    expect(stories).toHaveLength(1);
    expect(stories[0].title).toBe('Lavrov tour');
    expect(stories[0].text).not.toContain('\u0000');
    expect(stories[0].text).toContain('wrapped up a four-day');
  });

  it('handles CRLF line ends and blank lines', () => {
    const text = '{"title":"A","text":"Body A."}\r\n\r\n{"title":"B","text":"Body B."}\r\n';
    const { stories, problems } = parseJsonl('x.jsonl', text);
    expect(stories.map((s) => s.title)).toEqual(['A', 'B']);
    expect(problems).toEqual([]);
  });

  it('reads pretty-printed objects one after another', () => {
    const text = '{\n  "title": "A",\n  "text": "Body A."\n}\n{\n  "title": "B",\n  "text": "Body B."\n}\n';
    expect(parseJsonl('x.jsonl', text).stories.map((s) => s.title)).toEqual(['A', 'B']);
  });
});
