import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../../../lib/page/extract';

const word = fc.stringMatching(/^[a-zà-ÿ]{1,9}$/u);
const space = fc.constantFrom(' ', '  ', '\n', ' \t ', '\u00a0');
const inline = fc.constantFrom('', 'a', 'em', 'strong', 'span');

/** A paragraph as HTML whose words may sit in inline elements and be separated by odd spaces. */
const paragraph = fc.array(fc.tuple(word, space, inline), { minLength: 12, maxLength: 40 });

function render(words: [string, string, string][]): string {
  return words.map(([w, s, tag]) => (tag ? `<${tag}>${w}</${tag}>${s}` : `${w}${s}`)).join('');
}

describe('extraction text map (property)', () => {
  it('gives each paragraph its words once, in order, and maps any range back to exactly those characters', () => {
    let extracted = 0;
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 6, maxLength: 12 }), fc.nat(), fc.nat(), (paras, x, y) => {
        const html = `<html><body><article>${paras.map((p) => `<p>${render(p)}</p>`).join('')}</article></body></html>`;
        const doc = parseHTML(html).document as unknown as Document;
        const r = extractArticle(doc);
        if (!r) return; // Readability may judge tiny random pages not to be articles
        extracted++;
        const want = paras.map((p) => p.map(([w]) => w).join(' '));
        expect(r.paragraphs.map((p) => r.text.slice(p.start, p.end))).toEqual(want);
        // Any range of the text maps to live characters that read the same, spaces aside.
        const a = x % r.text.length;
        const b = a + (y % (r.text.length - a + 1));
        const live = r.map.spans(a, b).map((s) => s.node.data.slice(s.start, s.end)).join('');
        expect(live.replace(/\s+/gu, '')).toBe(r.text.slice(a, b).replace(/\s+/gu, ''));
      }),
      { numRuns: 60 },
    );
    expect(extracted).toBeGreaterThan(40);
  });

  it('maps single characters and skips the inserted paragraph breaks', () => {
    const doc = parseHTML(
      `<html><body><article>${Array.from({ length: 6 }, (_, i) => `<p>Paragraph number ${i} carries <b>enough</b> words to be kept by the extraction as part of the article body text.</p>`).join('')}</article></body></html>`,
    ).document as unknown as Document;
    const r = extractArticle(doc)!;
    const brk = r.text.indexOf('\n\n');
    expect(r.map.position(brk)).toBeNull();
    expect(r.map.spans(brk, brk + 2)).toEqual([]);
    const e = r.text.indexOf('enough');
    const pos = r.map.position(e)!;
    expect(pos.node.parentElement?.tagName).toBe('B');
    expect(pos.offset).toBe(0);
    expect(r.map.spans(5, 5)).toEqual([]);
    expect(r.map.spans(-10, -1)).toEqual([]);
    expect(r.map.spans(r.text.length, r.text.length + 50)).toEqual([]);
  });
});
