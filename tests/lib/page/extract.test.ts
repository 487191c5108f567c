import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { extractArticle, type ExtractedPage } from '../../../lib/page/extract';
import { isArticlePage } from '../../../lib/page/readerable';
import { fold, loadPage, pageSlugs } from '../../fixtures/pages/pages';

function dom(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

/** The paragraph texts of an extraction. */
function paragraphTexts(page: ExtractedPage): string[] {
  return page.paragraphs.map((p) => page.text.slice(p.start, p.end));
}

/** Page text rebuilt from the live nodes the map points at, without white space. */
function fromMap(page: ExtractedPage, start: number, end: number): string {
  return squeeze(page.map.spans(start, end).map((s) => s.node.data.slice(s.start, s.end)).join(''));
}

function squeeze(s: string): string {
  return s.replace(/\s+/gu, '');
}

const staticPages = pageSlugs().filter((s) => s !== 'spa');

describe('extractArticle on the fixture pages', () => {
  it('has fixture pages to test', () => {
    expect(staticPages.length).toBeGreaterThanOrEqual(5);
  });

  for (const slug of staticPages) {
    const page = loadPage(slug);
    const exp = page.expected;

    it(`${slug}: article detection says ${exp.article}`, () => {
      expect(isArticlePage(dom(page.html))).toBe(exp.article);
    });

    if (!exp.article) continue;

    it(`${slug}: extracts the article paragraphs, in order, one paragraph each`, () => {
      const r = extractArticle(dom(page.html))!;
      expect(r).not.toBeNull();
      const texts = paragraphTexts(r).map(fold);
      let at = -1;
      for (const want of exp.paragraphs ?? []) {
        const i = texts.indexOf(fold(want));
        expect(i, `paragraph not extracted as one: ${want.slice(0, 60)}`).toBeGreaterThan(at);
        at = i;
      }
      if (exp.title) expect(r.title).toContain(exp.title);
    });

    it(`${slug}: leaves site chrome out`, () => {
      const r = extractArticle(dom(page.html))!;
      for (const bad of exp.excluded ?? []) expect(r.text).not.toContain(bad);
    });

    it(`${slug}: every character maps back to the live paragraph it came from`, () => {
      const doc = dom(page.html);
      const r = extractArticle(doc)!;
      for (const p of r.paragraphs) {
        expect(fromMap(r, p.start, p.end)).toBe(squeeze(r.text.slice(p.start, p.end)));
        for (const s of r.map.spans(p.start, p.end)) {
          expect(p.element.contains(s.node)).toBe(true);
          expect(s.node.ownerDocument).toBe(doc);
        }
      }
    });

    it(`${slug}: does not change the live document`, () => {
      const doc = dom(page.html);
      const before = doc.documentElement.outerHTML;
      extractArticle(doc);
      expect(doc.documentElement.outerHTML).toBe(before);
    });
  }
});

const filler = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    `<p>Sentence ${i} of the story is long enough to look like real article prose, with commas, clauses and a full stop at the end of it.</p>`,
  ).join('');

describe('extractArticle on tricky markup', () => {
  it('keeps a sentence split by links and emphasis in one paragraph, in order', () => {
    const doc = dom(`<html><body><article>${filler(4)}<p>The <a href="/m">minister <em>said</em></a> on <b>Friday</b> that talks would resume.</p>${filler(3)}</article></body></html>`);
    const r = extractArticle(doc)!;
    expect(paragraphTexts(r)).toContain('The minister said on Friday that talks would resume.');
  });

  it('reads <br> as a space, never gluing words', () => {
    const doc = dom(`<html><body><article>${filler(4)}<div class="t">First line ends here<br>second line starts here and goes on for a while so it counts as text.</div>${filler(3)}</article></body></html>`);
    const r = extractArticle(doc)!;
    expect(r.text).toContain('First line ends here second line starts here');
  });

  it('folds runs of white space, NBSP included, and maps offsets through them', () => {
    const doc = dom(`<html><body><article>${filler(4)}<p id="ws"></p>${filler(3)}</article></body></html>`);
    doc.getElementById('ws')!.textContent = 'Spaces   and\n\ttabs\u00a0\u00a0fold here.';
    const r = extractArticle(doc)!;
    const i = r.text.indexOf('and tabs fold');
    expect(i).toBeGreaterThan(0);
    const spans = r.map.spans(i, i + 'and tabs fold'.length);
    expect(spans).toHaveLength(1);
    expect(spans[0].node.data.slice(spans[0].start, spans[0].end)).toBe('and\n\ttabs\u00a0\u00a0fold');
  });

  it('maps text Readability re-creates (javascript: links) to the live nodes', () => {
    const doc = dom(`<html><body><article>${filler(4)}<p>Click <a href="javascript:void(0)">this strange link</a> to see that text is still mapped.</p>${filler(3)}</article></body></html>`);
    const r = extractArticle(doc)!;
    const i = r.text.indexOf('this strange link');
    expect(i).toBeGreaterThan(0);
    const [span] = r.map.spans(i, i + 17);
    expect(span.node.parentElement?.tagName).toBe('A');
    expect(span.node.ownerDocument).toBe(doc);
  });

  it('maps a short article Readability had to parse several times (its innerHTML retry)', () => {
    // Under the 500-character threshold Readability restores the page from HTML and retries, so
    // every clone node is re-created: the index attributes must carry the mapping.
    const doc = dom('<html><body><div class="content"><p>A short note of some eighty characters, that is all it has to say.</p><p>And a second line.</p></div></body></html>');
    const r = extractArticle(doc);
    expect(r).not.toBeNull();
    for (const p of r!.paragraphs) expect(fromMap(r!, p.start, p.end)).toBe(squeeze(r!.text.slice(p.start, p.end)));
    expect(r!.text).toContain('A short note');
  });

  it('leaves out paragraphs the visibility check rejects', () => {
    const doc = dom(`<html><body><article>${filler(5)}<p class="hidden-by-css">This paragraph is hidden by the page's stylesheet and must not be read.</p></article></body></html>`);
    const r = extractArticle(doc, { isVisible: (el) => !el.classList.contains('hidden-by-css') })!;
    expect(r.text).not.toContain('hidden by the page');
    expect(r.paragraphs.length).toBe(5);
  });

  it('never reads its own badge hosts', () => {
    const doc = dom(`<html><body><article>${filler(5)}</article></body></html>`);
    const host = doc.createElement('storytrace-badge');
    host.textContent = 'BADGE TEXT';
    doc.querySelector('p')!.append(host);
    const r = extractArticle(doc)!;
    expect(r.text).not.toContain('BADGE TEXT');
  });

  it('survives deep nesting inside one paragraph', () => {
    const depth = 3000;
    const doc = dom(`<html><body><article>${filler(4)}<p>${'<span>'.repeat(depth)}deep words here${'</span>'.repeat(depth)}</p></article></body></html>`);
    const r = extractArticle(doc);
    expect(r?.text ?? '').toContain('Sentence 3');
  });

  it('returns null, never throws, on empty, bodiless and garbage documents', () => {
    const inputs = ['', '<html></html>', '<html><head><title>x</title></head></html>', '\u0000\u0001\u0002<<<>>>&&&;;', '<p>hi</p>'];
    for (const html of inputs) {
      expect(() => extractArticle(dom(html))).not.toThrow();
      expect(isArticlePage(dom(html))).toBe(false);
    }
  });
});
