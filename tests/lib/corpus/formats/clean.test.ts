import { describe, expect, it } from 'vitest';
import { cleanLine, cleanText, storyTitle, stripControls, titleFromText } from '../../../../lib/corpus/formats/clean';

describe('cleanText', () => {
  it('keeps blank-line paragraphs and folds hard-wrapped lines inside them', () => {
    expect(cleanText('  First line\nwraps here.  \n\n\n\nSecond\tpara.\r\n')).toBe('First line wraps here.\n\nSecond para.');
  });

  it('treats each line as a paragraph when the text has no blank lines', () => {
    expect(cleanText('One.\nTwo.\r\nThree.')).toBe('One.\n\nTwo.\n\nThree.');
  });

  it('removes NUL, other controls, BOMs and lone surrogates but keeps real characters', () => {
    expect(cleanText('a\u0000b\u0007c\u001bd\u007fe\u0085f\uFEFFg \ud800h \ud83d\ude00')).toBe('abcdefg h 😀');
  });

  it('folds exotic spaces', () => {
    expect(cleanText('a\u00a0\u2003 b')).toBe('a b');
  });
});

describe('titles', () => {
  it('cleanLine folds all whitespace and clips long values at a word', () => {
    expect(cleanLine('  Lavrov\n\t warns   Kerry ')).toBe('Lavrov warns Kerry');
    const long = cleanLine('word '.repeat(200), 100);
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long.endsWith('word…')).toBe(true);
  });

  it('titleFromText takes the first sentence, at most about 120 chars', () => {
    expect(titleFromText('He meant that solidarity with Cuba is one thing. But not at any risk.')).toBe('He meant that solidarity with Cuba is one thing.');
    const t = titleFromText('a'.repeat(50) + ' ' + 'b'.repeat(50) + ' ' + 'c'.repeat(50));
    expect(t.length).toBeLessThanOrEqual(120);
    expect(t.endsWith('…')).toBe(true);
    // never cuts a surrogate pair in half
    expect(titleFromText('😀'.repeat(100))).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('storyTitle prefers the given title', () => {
    expect(storyTitle('  A   title ', 'Body. More.')).toBe('A title');
    expect(storyTitle(' \u0000 ', 'The body sentence here. More.')).toBe('The body sentence here.');
  });

  it('stripControls keeps newlines and tabs', () => {
    expect(stripControls('a\tb\nc\u0000')).toBe('a\tb\nc');
  });
});
