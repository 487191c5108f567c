import { describe, expect, it } from 'vitest';
import { parseCsv, sniffDelimiter } from '../../../../lib/corpus/formats/csv';
import { parseTsv } from '../../../../lib/corpus/formats/tsv';
import { parseFile } from '../../../../lib/corpus/parse-file';
import { fixture, fixtureText, firstHalf } from './fixtures';

describe('parseCsv', () => {
  it('reads quoted multi-line fields with doubled quotes (RFC 4180, CRLF)', () => {
    const { stories, problems } = parseCsv('stories.csv', fixtureText('stories.csv'));
    expect(problems).toEqual([]);
    expect(stories.map((s) => s.title)).toEqual([
      'Putin will not run the Trump gauntlet around Cuba',
      'In their 70th telephone call of 2016 Lavrov warns Kerry on Syria and misusing the Security Council',
      'Top Chinese officials visit Putin in Moscow as China reaffirms its alliance with Russia',
    ]);
    expect(stories[0]).toMatchObject({ url: 'https://johnhelmer.example/cuba', source: 'Dances with Bears', date: '2026-02-02', author: 'John Helmer' });
    expect(stories[0].text.split('\n\n')).toHaveLength(3);
    expect(stories[1].text).toContain('had their "70th" telephone conversation');
  });

  it('sniffs semicolons and maps header aliases (Headline, Body, Link, Outlet)', () => {
    const { stories, problems } = parseCsv('semicolon.csv', fixtureText('semicolon.csv'));
    expect(problems).toEqual([]);
    expect(stories).toHaveLength(3);
    expect(stories[2]).toMatchObject({ title: 'Top Chinese officials visit Putin in Moscow as China reaffirms its alliance with Russia', source: 'The Duran' });
  });

  it('reads TSV', () => {
    const { stories, problems } = parseTsv('stories.tsv', fixtureText('stories.tsv'));
    expect(problems).toEqual([]);
    expect(stories.map((s) => s.date)).toEqual(['2026-02-02', '2016-12-28', '2017-04-21']);
  });

  it('reports bad rows with line numbers and keeps the good ones', () => {
    const { stories, problems } = parseCsv('bad-rows.csv', fixtureText('bad-rows.csv'));
    expect(stories.map((s) => s.title)).toEqual([
      'Putin will not run the Trump gauntlet around Cuba',
      'Top Chinese officials visit Putin in Moscow as China reaffirms its alliance with Russia',
    ]);
    // the first good row spans lines 2–6 (two blank lines inside its quoted text)
    expect(problems.map((p) => p.line)).toEqual([7, 8, 9]);
    expect(problems[0].reason).toMatch(/8 fields but the header has 6/);
    expect(problems[1].reason).toMatch(/no text/);
    expect(problems[2].reason).toMatch(/broken quoting/);
  });

  it('says which columns it found when none holds text', () => {
    const { stories, problems } = parseCsv('no-text-column.csv', fixtureText('no-text-column.csv'));
    expect(stories).toEqual([]);
    expect(problems).toEqual([{ file: 'no-text-column.csv', line: 1, reason: expect.stringMatching(/no text column.*name, age, city/) }]);
  });

  it('keeps the rows before the cut of a file cut in half', () => {
    const half = new TextDecoder().decode(firstHalf(fixture('stories.csv')));
    const { stories } = parseCsv('cut.csv', half);
    expect(stories.length).toBeGreaterThanOrEqual(1);
    expect(stories[0].title).toBe('Putin will not run the Trump gauntlet around Cuba');
  });

  it('reads a UTF-8 BOM header (Excel exports)', () => {
    const { stories, problems } = parseFile('utf8-bom.csv', fixture('utf8-bom.csv'));
    expect(problems).toEqual([]);
    expect(stories[0].title).toMatch(/^In their 70th telephone call/);
  });

  it('turns HTML in cells into text and leaves formulas as literal text', () => {
    const text = 'title,text\n"=HYPERLINK(""http://evil"")","<p>First para.</p><script>alert(1)</script><p>Second para.</p>"\n';
    const { stories } = parseCsv('x.csv', text);
    expect(stories[0].text).toBe('First para.\n\nSecond para.');
    expect(stories[0].title).toBe('=HYPERLINK("http://evil")');
  });
});

describe('sniffDelimiter', () => {
  it('counts the header line outside quotes', () => {
    expect(sniffDelimiter('a,b;c,d\n1;2;3;4')).toBe(',');
    expect(sniffDelimiter('"a,b";c;d\n')).toBe(';');
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('')).toBe(',');
  });
});
