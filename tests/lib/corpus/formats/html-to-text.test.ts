import { describe, expect, it } from 'vitest';
import { decodeEntities, fieldText, htmlToText, looksLikeHtml } from '../../../../lib/corpus/formats/html-to-text';

describe('htmlToText', () => {
  it('makes paragraphs of blocks and drops scripts, styles and embeds', () => {
    const html =
      '<div><h2>Heading</h2><p>First <b>bold</b> para,\n   wrapped.</p><script>alert(1)</script><style>p{}</style><p>Second&nbsp;para &amp; more.</p><iframe src="x">frame</iframe><ul><li>One</li><li>Two</li></ul></div>';
    expect(htmlToText(html)).toBe('Heading\n\nFirst bold para, wrapped.\n\nSecond para & more.\n\nOne\n\nTwo');
  });

  it('reads <br><br> as a paragraph break, a single <br> as a line inside one', () => {
    expect(htmlToText('Line one<br>Line two<br><br>New para')).toBe('Line one Line two\n\nNew para');
    expect(htmlToText('Line one<br>Line two')).toBe('Line one\n\nLine two');
    expect(htmlToText('<p>a</p><pre>x  y</pre>')).toBe('a\n\nx y');
  });

  it('reads a whole page and never returns markup', () => {
    const out = htmlToText(
      '<!doctype html><html><head><title>T</title><script>evil()</script></head><body><p onclick="x()">Body</p></body></html>',
    );
    expect(out).toBe('Body');
  });

  it('handles broken and deeply nested markup without recursion', () => {
    expect(htmlToText('<p>unclosed <b>bold <i>both')).toBe('unclosed bold both');
    const deep = '<div>'.repeat(5_000) + 'bottom' + '</div>'.repeat(5_000);
    expect(htmlToText(deep)).toBe('bottom');
  });
});

describe('htmlToText tokenizer edge cases', () => {
  it('finds the end of a tag outside quoted attributes', () => {
    expect(htmlToText('<p title="a > b" data-x=\'<p>\'>Kept</p><a href="x>y">link</a>')).toBe('Kept\n\nlink');
  });

  it('drops comments, doctype and processing instructions; keeps CDATA text', () => {
    expect(htmlToText('<!-- <p>hidden</p> --><!DOCTYPE x><?php echo 1 ?><p>A</p><![CDATA[ raw <b> ]]>')).toBe('A\n\nraw <b>');
    expect(htmlToText('<p>before</p><!-- never closed <p>after</p>')).toBe('before');
  });

  it('skips raw-text elements to their end tag, and an unclosed script to the end', () => {
    expect(htmlToText('<p>a</p><script>if (x < y) { document.write("<p>no</p>") }</script ><p>b</p>')).toBe('a\n\nb');
    expect(htmlToText('<p>a</p><SCRIPT>never closed <p>c</p>')).toBe('a');
    expect(htmlToText('<style>p{}</style><noscript><p>enable js</p></noscript>ok')).toBe('ok');
  });

  it('skips svg and form controls, but an unclosed <option> does not swallow the page', () => {
    expect(htmlToText('<p>x</p><svg><g><text>label</text></g><svg/></svg><p>y</p>')).toBe('x\n\ny');
    expect(htmlToText('<select><option>A<option>B</select><p>after</p>')).toBe('after');
    expect(htmlToText('<option>A<p>visible</p>')).toBe('A\n\nvisible');
  });

  it('keeps a literal "<" that starts no tag', () => {
    expect(htmlToText('<p>a < b and 3<4, x <= y</p>')).toBe('a < b and 3<4, x <= y');
    expect(htmlToText('Profit &amp; loss: 5 <b 10 or more')).toBe('Profit & loss: 5 <b 10 or more');
  });

  it('decodes numeric, hex, legacy C1, accented and rare named references', () => {
    expect(htmlToText('<p>&#8220;Hi&#x201D; &#147;q&#148; caf&eacute; &Ntilde; &hearts; &Omega; &bogus; &amp;amp; &#0; AT&T</p>')).toBe(
      '“Hi” “q” café Ñ ♥ Ω &bogus; &amp; \ufffd AT&T',
    );
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

  it('takes markup escaped twice down to text (found by the mutated-feed property: a broken CDATA end)', () => {
    const twice = '&lt;p&gt;The pace of contacts has intensified.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Next.&lt;/p&gt;';
    expect(fieldText(twice)).toBe('The pace of contacts has intensified.\n\nNext.');
  });

  it('decodes entities but keeps tags literal', () => {
    expect(decodeEntities('Tom &amp; Jerry &#8217;s <b>show</b>')).toBe('Tom & Jerry ’s <b>show</b>');
    expect(decodeEntities('plain')).toBe('plain');
  });
});
