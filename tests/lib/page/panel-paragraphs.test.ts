// The side panel's paragraphs and highlight pieces, from a checked page text.
import { describe, expect, it } from 'vitest';
import { panelParagraphs, paragraphPieces } from '../../../lib/page/panel-paragraphs';

describe('panelParagraphs', () => {
  it('splits at blank lines, keeping offsets into the text', () => {
    const text = 'One two.\n\nThree four five.\n\nSix.';
    const ps = panelParagraphs(text);
    expect(ps.map((p) => text.slice(p.start, p.end))).toEqual(['One two.', 'Three four five.', 'Six.']);
    expect(ps.map((p) => p.index)).toEqual([0, 1, 2]);
  });
  it('gives nothing for an empty text and skips empty pieces', () => {
    expect(panelParagraphs('')).toEqual([]);
    expect(panelParagraphs('a\n\n\n\nb').map((p) => p.start)).toEqual([0, 5]);
  });
});

describe('paragraphPieces', () => {
  const text = 'Intro.\n\nAlpha beta gamma delta.';
  const [, para] = panelParagraphs(text);
  it('cuts a paragraph at the shared ranges', () => {
    expect(paragraphPieces(text, para, [[14, 24]])).toEqual([
      { text: 'Alpha ', shared: false },
      { text: 'beta gamma', shared: true },
      { text: ' delta.', shared: false },
    ]);
  });
  it('clips ranges to the paragraph and keeps the whole text', () => {
    const pieces = paragraphPieces(text, para, [[0, 10], [20, 999]]);
    expect(pieces.map((p) => p.text).join('')).toBe(text.slice(para.start, para.end));
    expect(pieces).toEqual([
      { text: 'Al', shared: true },
      { text: 'pha beta g', shared: false },
      { text: 'amma delta.', shared: true },
    ]);
    expect(paragraphPieces(text, para, [])).toEqual([{ text: 'Alpha beta gamma delta.', shared: false }]);
  });
});
