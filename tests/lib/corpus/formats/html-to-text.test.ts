import { describe, expect, it } from 'vitest';
import { decodeEntities, fieldText, htmlToText, looksLikeHtml } from '../../../../lib/corpus/formats/html-to-text';

describe('htmlToText', () => {
  it('makes paragraphs of blocks and drops scripts, styles and embeds', () => {
    const html = '<div><h2>Heading</h2><p>First <b>bold</b> para,\n   wrapped.</p><script>alert(1)</script><style>p{}</style><p>Second&nbsp;para &amp; more.</p><iframe src="x">frame</iframe><ul><li>One</li><li>Two</li></ul></div>';
    expect(htmlToText(html)).toBe('Heading\n\nFirst bold para, wrapped.\n\nSecond para & more.\n\nOne\n\nTwo');
  });

  it('reads <br><br> as a paragraph break, a single <br> as a line inside one', () => {
    expect(htmlToText('Line one<br>Line two<br><br>New para')).toBe('Line one Line two\n\nNew para');
    expect(htmlToText('Line one<br>Line two')).toBe('Line one\n\nLine two');
    expect(htmlToText('<p>a</p><pre>x  y</pre>')).toBe('a\n\nx y');
  });

  it('reads a whole page and never returns markup', () => {
    const out = htmlToText('<!doctype html><html><head><title>T</title><script>evil()</script></head><body><p onclick="x()">Body</p></body></html>');
    expect(out).toBe('Body');
  });

  it('handles broken and deeply nested markup without recursion', () => {
    expect(htmlToText('<p>unclosed <b>bold <i>both')).toBe('unclosed bold both');
    const deep = '<div>'.repeat(5_000) + 'bottom' + '</div>'.repeat(5_000);
    expect(htmlToText(deep)).toBe('bottom');
  });
});

describe('looksLikeHtml / fieldText / decodeEntities', () => {
  it('only treats real tags and entities as HTML', () => {
    expect(looksLikeHtml('a < b and c > d')).toBe(false);
    expect(looksLikeHtml('x<y')).toBe(false);
    expect(looksLikeHtml('<p>x</p>')).toBe(true);
    expect(looksLikeHtml('Tom &amp; Jerry')).toBe(true);
    expect(fieldText('a < b and c > d')).toBe('a < b and c > d');
  });

  it('decodes entities but keeps tags literal', () => {
    expect(decodeEntities('Tom &amp; Jerry &#8217;s <b>show</b>')).toBe('Tom & Jerry ’s <b>show</b>');
    expect(decodeEntities('plain')).toBe('plain');
  });
});
