import { describe, expect, it } from 'vitest';
import { toDate, toId, toNames, toUrl } from '../../../../lib/corpus/formats/field-values';

describe('toDate', () => {
  it('turns epoch seconds and milliseconds into ISO', () => {
    expect(toDate(1682151300)).toBe('2023-04-22T08:15:00.000Z');
    expect(toDate(1682151300000)).toBe('2023-04-22T08:15:00.000Z');
    expect(toDate('1682151300')).toBe('2023-04-22T08:15:00.000Z');
  });

  it('keeps ISO strings as written and converts other readable dates', () => {
    expect(toDate('2023-04-22')).toBe('2023-04-22');
    expect(toDate(' 2023-04-22T08:15:00+03:00 ')).toBe('2023-04-22T08:15:00+03:00');
    expect(toDate('Sat, 22 Apr 2023 08:15:00 GMT')).toBe('2023-04-22T08:15:00.000Z');
    expect(toDate('April 22, 2023')).toBe('2023-04-22');
  });

  it('keeps unreadable dates as given and ignores junk', () => {
    expect(toDate('22.04.2023')).toBe('22.04.2023');
    expect(toDate('yesterday')).toBe('yesterday');
    expect(toDate('2')).toBe('2');
    expect(toDate(0)).toBeUndefined();
    expect(toDate(Number.NaN)).toBeUndefined();
    expect(toDate(1e300)).toBeUndefined();
    expect(toDate({})).toBeUndefined();
    expect(toDate('')).toBeUndefined();
  });
});

describe('toUrl', () => {
  it('accepts http(s), completes scheme-less URLs, rejects other schemes', () => {
    expect(toUrl('https://x.example/a?b=1')).toBe('https://x.example/a?b=1');
    expect(toUrl('//x.example/a')).toBe('https://x.example/a');
    expect(toUrl('www.x.example/a')).toBe('https://www.x.example/a');
    expect(toUrl({ href: 'http://x.example/' })).toBe('http://x.example/');
    expect(toUrl('javascript:alert(1)')).toBeUndefined();
    expect(toUrl('data:text/html,<script>')).toBeUndefined();
    expect(toUrl('not a url')).toBeUndefined();
    expect(toUrl(42)).toBeUndefined();
  });
});

describe('toNames / toId', () => {
  it('joins names from strings, objects and arrays', () => {
    expect(toNames(['A', { name: 'B' }, 'A', null])).toBe('A, B');
    expect(toNames({ id: 'bbc', name: 'BBC News' })).toBe('BBC News');
    expect(toNames('  Jane \n Doe ')).toBe('Jane Doe');
    expect(toNames([])).toBeUndefined();
  });

  it('stringifies ids and unwraps {$oid}', () => {
    expect(toId(42)).toBe('42');
    expect(toId({ $oid: 'abc' })).toBe('abc');
    expect(toId('  x ')).toBe('x');
    expect(toId(true)).toBeUndefined();
    expect(toId(['a'])).toBeUndefined();
  });
});
