import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../../../../lib/corpus/formats/markup-depth';

describe('nestsDeeperThan', () => {
  it('counts real nesting', () => {
    expect(nestsDeeperThan('<a><b><c></c></b></a>', 2, false)).toBe(true);
    expect(nestsDeeperThan('<a><b></b><b></b></a>', 2, false)).toBe(false);
  });

  it('ignores void, self-closing, optional-end and raw-text elements in HTML', () => {
    const html = '<div>' + '<br><img src="x"><p>para<li>item<x/>'.repeat(500) + '<script>' + '<div>'.repeat(500) + '</script></div>';
    expect(nestsDeeperThan(html, 10, true)).toBe(false);
  });

  it('is not fooled by stray end tags, quoted ">" or comments', () => {
    expect(nestsDeeperThan('<div></span>'.repeat(50), 10, true)).toBe(true);
    expect(nestsDeeperThan('<div title="a>b"></div>'.repeat(50), 1, true)).toBe(false);
    expect(nestsDeeperThan('<!-- ' + '<div>'.repeat(50) + ' -->', 10, true)).toBe(false);
    expect(nestsDeeperThan('<![CDATA[' + '<x>'.repeat(50) + ']]>', 10, false)).toBe(false);
  });

  it('stops early on hostile input', () => {
    const t0 = performance.now();
    expect(nestsDeeperThan('<div>'.repeat(1_000_000), 400, true)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
