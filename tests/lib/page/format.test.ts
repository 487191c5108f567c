import { describe, expect, it } from 'vitest';
import { excerpt, formatDate, formatShare, onSites, safeHttpUrl, siteOf } from '../../../lib/page/format';

describe('format helpers', () => {
  it('only lets http(s) URLs become links', () => {
    expect(safeHttpUrl('https://tass.com/politics/1')).toBe('https://tass.com/politics/1');
    expect(safeHttpUrl('http://example.org')).toBe('http://example.org/');
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'chrome://settings', '/relative', '', undefined, 'https://' + 'a'.repeat(5000)]) {
      expect(safeHttpUrl(bad)).toBeUndefined();
    }
  });

  it('formats ISO dates and keeps other dates as given', () => {
    expect(formatDate('2023-04-22')).toBe('22 Apr 2023');
    expect(formatDate('2023-04-22T10:00:00Z')).toBe('22 Apr 2023');
    expect(formatDate('2023-11')).toBe('Nov 2023');
    expect(formatDate('Saturday, 22 April 2023')).toBe('Saturday, 22 April 2023');
    expect(formatDate('2023-13-01')).toBe('2023-13-01');
    expect(formatDate(undefined)).toBe('');
  });

  it('formats shares as percentages', () => {
    expect(formatShare(0.824)).toBe('82%');
    expect(formatShare(1.4)).toBe('100%');
    expect(formatShare(0.004)).toBe('<1%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(Number.NaN)).toBe('0%');
  });

  it('cuts excerpts at a word boundary', () => {
    const t = 'word '.repeat(100);
    const e = excerpt(t, 50);
    expect(e.endsWith('…')).toBe(true);
    expect(e.length).toBeLessThanOrEqual(51);
    expect(e).not.toMatch(/wor…$/);
    expect(excerpt('  short\n text ')).toBe('short text');
  });

  it('matches sites and their subdomains only', () => {
    expect(siteOf('https://www.Example.org/a')).toBe('example.org');
    expect(siteOf('chrome://extensions')).toBe('');
    expect(onSites('https://news.example.org/x', ['example.org'])).toBe(true);
    expect(onSites('https://example.org/x', ['www.example.org'])).toBe(true);
    expect(onSites('https://badexample.org/x', ['example.org'])).toBe(false);
    expect(onSites('https://example.org/x', ['', ' '])).toBe(false);
    expect(onSites('not a url', ['example.org'])).toBe(false);
  });
});
