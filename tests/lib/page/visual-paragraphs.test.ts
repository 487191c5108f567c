// Visual paragraphs: a block whose paragraphs are text separated by blank lines of <br>s (Blogger,
// old CMSs) is extracted as one paragraph per visual paragraph, each mapped to its own live text.
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../../../lib/page/extract';

const SENTENCE =
  'The council met for the third time this month to discuss the new budget for the harbour district, and the mayor said that no decision would be taken before the spring. ';

function page(body: string): Document {
  const html = `<!DOCTYPE html><html><head><title>Harbour budget</title></head><body><article><h1>Harbour budget</h1>${body}</article></body></html>`;
  return parseHTML(html).document as unknown as Document;
}

const texts = (doc: Document) => {
  const p = extractArticle(doc, { charThreshold: 100 })!;
  return p.paragraphs.map((x) => ({ text: p.text.slice(x.start, x.end), part: !!x.part, tag: x.element.tagName }));
};

describe('visual paragraphs of a <br>-separated block', () => {
  it('splits at two <br>s (white space and &nbsp; between them aside), not at one', () => {
    const doc = page(
      `<div class="post-body">One ${SENTENCE}<br />\n<br />\nTwo ${SENTENCE}<br>&nbsp;<br>Three ${SENTENCE}<br>still three ${SENTENCE}<br><br><br>Four ${SENTENCE}</div>`,
    );
    const got = texts(doc);
    expect(got.map((g) => g.text.split(' ')[0])).toEqual(['One', 'Two', 'Three', 'Four']);
    expect(got[2].text).toContain('still three');
    expect(got.every((g) => g.part && g.tag === 'DIV')).toBe(true);
  });

  it('counts <br>s inside inline elements, and leaves <p> paragraphs as they were', () => {
    const doc = page(`<div><b>One ${SENTENCE}<br></b><br>Two ${SENTENCE}</div><p>Three ${SENTENCE}</p><p>Four ${SENTENCE}<br>more</p>`);
    const got = texts(doc);
    expect(got.map((g) => g.text.split(' ')[0])).toEqual(['One', 'Two', 'Three', 'Four']);
    expect(got.map((g) => g.part)).toEqual([true, true, false, false]);
  });

  it('ignores leading and trailing breaks', () => {
    const got = texts(page(`<div><br><br>One ${SENTENCE}<br><br></div><p>Two ${SENTENCE}</p>`));
    expect(got.map((g) => [g.text.split(' ')[0], g.part])).toEqual([
      ['One', false],
      ['Two', false],
    ]);
  });

  it('maps each visual paragraph to a live range from its first to its last character', () => {
    const doc = page(`<div>One ${SENTENCE}<br><br>Two <em>emphasised</em> ${SENTENCE}</div>`);
    const p = extractArticle(doc, { charThreshold: 100 })!;
    expect(p.paragraphs).toHaveLength(2);
    // linkedom has no Range boundaries: a recording stand-in for document.createRange.
    const calls: [string, string, number][] = [];
    const fake = {
      createRange: () => ({
        setStart: (n: Text, o: number) => calls.push(['start', n.data, o]),
        setEnd: (n: Text, o: number) => calls.push(['end', n.data, o]),
      }),
    } as unknown as Document;
    for (const x of p.paragraphs) {
      calls.length = 0;
      expect(p.map.range(fake, x.start, x.end)).not.toBeNull();
      const [[, startData, startAt], [, endData, endAt]] = calls;
      const text = p.text.slice(x.start, x.end);
      expect(startData.slice(startAt).trimStart().startsWith(text.split(' ')[0])).toBe(true);
      expect(endData.slice(0, endAt).trimEnd().endsWith(text.slice(-10))).toBe(true);
    }
    expect(p.map.range(fake, p.paragraphs[0].end, p.paragraphs[1].start)).toBeNull();
  });
});
