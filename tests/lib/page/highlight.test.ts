import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { highlightSpans } from '../../../lib/page/highlight';
import { extractArticle } from '../../../lib/page/extract';

const html = `<html><body><article>${Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i} tells how the <a href="/x">minister said</a> on Friday that the talks would resume after the holiday season ends.</p>`).join('')}</article></body></html>`;

describe('highlightSpans without the Custom Highlight API (linkedom)', () => {
  it('marks exactly the spans and restores the page, nodes and offsets included', () => {
    const doc = parseHTML(html).document as unknown as Document;
    const before = doc.body.innerHTML;
    const page = extractArticle(doc)!;
    const a = page.text.indexOf('Paragraph 2 tells');
    const b = page.text.indexOf('resume', a) + 'resume'.length;
    const c = page.text.indexOf('holiday', a);
    const spans = [...page.map.spans(a, b), ...page.map.spans(c, c + 'holiday'.length)];
    const nodes = spans.map((s) => s.node);
    const undo = highlightSpans(doc, spans);
    const marks = Array.from(doc.querySelectorAll('mark[data-storytrace-mark]')).map((m) => m.textContent);
    expect(marks.join('|')).toBe('Paragraph 2 tells how the |minister said| on Friday that the talks would resume|holiday');
    undo();
    expect(doc.body.innerHTML).toBe(before);
    // The same node objects hold the text again, so the extraction's map is still valid.
    for (const n of nodes) expect(n.isConnected).toBe(true);
    const again = page.map.spans(a, b).map((s) => s.node.data.slice(s.start, s.end)).join('');
    expect(again).toBe('Paragraph 2 tells how the minister said on Friday that the talks would resume');
  });

  it('does nothing for empty or detached spans', () => {
    const doc = parseHTML(html).document as unknown as Document;
    const before = doc.body.innerHTML;
    const t = doc.createTextNode('detached');
    highlightSpans(doc, [{ node: t, start: 0, end: 3 }])();
    highlightSpans(doc, [])();
    expect(doc.body.innerHTML).toBe(before);
  });
});
