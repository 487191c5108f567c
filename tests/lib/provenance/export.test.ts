import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../../../lib/index/types';
import {
  CSV_COLUMNS,
  csvCell,
  evidenceCsv,
  evidenceFileName,
  evidenceJson,
  evidenceMarkdown,
  evidenceOf,
  mdText,
  type EvidenceInput,
} from '../../../lib/provenance/export';

const PAGE = 'Intro line. Sergei Lavrov visited Brazil, Venezuela, Nicaragua and Cuba this week. =HYPERLINK("http://x") said "someone", then left.';
const at = (s: string) => [PAGE.indexOf(s), PAGE.indexOf(s) + s.length] as const;

function input(overrides: Partial<QueryResult> = {}): EvidenceInput {
  const [a, b] = at('Sergei Lavrov visited Brazil, Venezuela, Nicaragua and Cuba this week.');
  const [c, d] = at('=HYPERLINK("http://x") said "someone"');
  const result: QueryResult = {
    pageWords: 20,
    duplicates: [
      {
        kind: 'duplicate',
        id: 'tass-1',
        title: 'Lavrov tours Latin America',
        url: 'https://tass.com/politics/1',
        source: 'TASS',
        date: 'Saturday, 22 April 2023',
        published: '2023-04-22',
        collection: 'c',
        pageShare: 0.81,
        storyShare: 0.74,
        passages: [
          { pageStart: a, pageEnd: b, storyStart: 10, storyEnd: 80, firstSeen: 'tass-1' },
          { pageStart: c, pageEnd: d, storyStart: 90, storyEnd: 120, firstSeen: 'tass-1' },
        ],
      },
    ],
    partial: [
      {
        kind: 'partial',
        id: 'blog-2',
        title: '@SUM(A1) *bold* [link](javascript:alert(1)) <img src=x onerror=alert(1)>',
        url: 'javascript:alert(1)',
        source: '+Blog, "quoted"',
        date: '24.04.2023',
        published: '2023-04-24T08:00:00+03:00',
        collection: 'c',
        pageShare: 0.3,
        storyShare: 0.1,
        passages: [{ pageStart: a, pageEnd: b, storyStart: 0, storyEnd: 70, firstSeen: 'tass-1' }],
      },
    ],
    related: [{ id: 'rel-3', title: 'Cuba and Russia', source: 'Granma', collection: 'c', score: 0.42, terms: ['cuba', 'lavrov'] }],
    origin: { id: 'tass-1', title: 'Lavrov tours Latin America', source: 'TASS', date: '2023-04-22' },
    pageMayBeOrigin: false,
    ...overrides,
  };
  return { page: { url: 'https://www.example.org/news/1', title: 'A reprint', text: PAGE }, result, generatedAt: '2026-12-03T12:00:00.000Z' };
}

describe('evidence document', () => {
  it('carries every match with ids, sources, dates, shares, and passages with their page text and first-seen story', () => {
    const ev = evidenceOf(input());
    expect(ev.matches.map((m) => [m.kind, m.id])).toEqual([
      ['duplicate', 'tass-1'],
      ['partial', 'blog-2'],
      ['related', 'rel-3'],
    ]);
    const [dup, part, rel] = ev.matches;
    expect(dup).toMatchObject({ title: 'Lavrov tours Latin America', url: 'https://tass.com/politics/1', source: 'TASS', published: '2023-04-22', pageShare: 0.81, storyShare: 0.74 });
    expect(dup.passages[0]).toEqual({
      pageStart: at('Sergei')[0],
      pageEnd: at('Sergei Lavrov visited Brazil, Venezuela, Nicaragua and Cuba this week.')[1],
      storyStart: 10,
      storyEnd: 80,
      text: 'Sergei Lavrov visited Brazil, Venezuela, Nicaragua and Cuba this week.',
      firstSeen: 'tass-1',
      firstSeenSource: 'TASS',
      firstSeenDate: '2023-04-22',
    });
    expect(part.passages[0].firstSeenSource).toBe('TASS');
    expect(rel).toMatchObject({ score: 0.42, terms: ['cuba', 'lavrov'], passages: [], pageShare: null });
    expect(ev.origin?.id).toBe('tass-1');
    expect(JSON.parse(evidenceJson(input()))).toEqual(ev);
  });

  it('clamps hostile offsets and leaves firstSeen null when no story holding the passage is dated', () => {
    const i = input();
    i.result.duplicates[0].passages = [{ pageStart: -50, pageEnd: 10 ** 9, storyStart: 0, storyEnd: 1 }];
    const ev = evidenceOf(i);
    expect(ev.matches[0].passages[0]).toMatchObject({ text: PAGE, firstSeen: null, firstSeenSource: null, firstSeenDate: null });
    i.result.duplicates[0].passages = [{ pageStart: 30, pageEnd: 5, storyStart: 0, storyEnd: 1 }];
    expect(evidenceOf(i).matches[0].passages[0].text).toBe('');
  });
});

describe('CSV export', () => {
  it('parses back to the same cells: one row per passage, quoted where needed', () => {
    const csv = evidenceCsv(input());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(4); // 2 passages + 1 passage + 1 related row without passages
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    expect(rows.map((r) => r[col('kind')])).toEqual(['duplicate', 'duplicate', 'partial', 'related']);
    expect(rows[0][col('passage_text')]).toBe('Sergei Lavrov visited Brazil, Venezuela, Nicaragua and Cuba this week.');
    expect(rows[0][col('first_seen_date')]).toBe('2023-04-22');
    expect(rows[0][col('page_share')]).toBe('0.81');
    expect(rows[3][col('terms')]).toBe('cuba; lavrov');
    expect(rows[3][col('passage')]).toBe('');
  });

  it('neutralises formula injection in every cell a spreadsheet would evaluate', () => {
    const parsed = Papa.parse<string[]>(evidenceCsv(input()).slice(1), { skipEmptyLines: true }).data.slice(1);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    expect(parsed[1][col('passage_text')]).toBe(`'=HYPERLINK("http://x") said "someone"`);
    expect(parsed[2][col('title')]).toBe(`'@SUM(A1) *bold* [link](javascript:alert(1)) <img src=x onerror=alert(1)>`);
    expect(parsed[2][col('source')]).toBe(`'+Blog, "quoted"`);
    for (const row of parsed) for (const cell of row) expect(cell).not.toMatch(/^\s*[=+\-@\t\r]/);
  });

  it('quotes and escapes single cells as RFC 4180 says', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('  =1+1')).toBe("'  =1+1");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell('\rX')).toBe("\"'\rX\"");
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
  });
});

describe('Markdown report', () => {
  it('names the page, the origin, each copy with its shares and quotes with their first-seen source', () => {
    const md = evidenceMarkdown(input());
    expect(md).toContain('## StoryTrace evidence: A reprint');
    expect(md).toContain('- Page: <https://www.example.org/news/1>, no publication date found');
    expect(md).toContain('- Found in the corpus: 1 copy, 1 partial reuse, 1 related');
    expect(md).toContain('- Earliest dated source: TASS, 2023-04-22: “Lavrov tours Latin America” (id tass-1)');
    expect(md).toContain('1. **Copy**: [Lavrov tours Latin America](https://tass.com/politics/1), TASS, 2023-04-22. 81% of the page, 74% of the story, 2 shared passages.');
    expect(md).toContain('   > Sergei Lavrov visited Brazil, Venezuela, Nicaragua and Cuba this week. (first seen: TASS, 2023-04-22)');
    // The partial reuse's date keeps its own day (+03:00), and its javascript: URL is no link.
    expect(md).toContain('2. **Partial reuse**: @SUM(A1) \\*bold\\* \\[link\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\>, +Blog, "quoted", 2023-04-24.');
    expect(md).not.toMatch(/[^\\]\]\(javascript:/);
    expect(md).toContain('### Related coverage');
    expect(md).toContain('- Cuba and Russia, Granma, undated');
  });

  it('says when the page may be the origin', () => {
    const md = evidenceMarkdown(input({ origin: null, pageMayBeOrigin: true }));
    expect(md).toContain('it may be the origin');
    expect(md).not.toContain('Earliest dated source');
  });

  it('makes corpus text inert: no heading, list, HTML or link opens from it', () => {
    expect(mdText('# Title', true)).toBe('\\# Title');
    expect(mdText('- item', true)).toBe('\\- item');
    expect(mdText('1. first', true)).toBe('1\\. first');
    expect(mdText('- item')).toBe('- item');
    expect(mdText('<script>x</script>')).toBe('\\<script\\>x\\</script\\>');
    expect(mdText('![img](http://x)')).toBe('\\!\\[img\\](http://x)');
    expect(mdText('a\n\n# b')).toBe('a # b');
  });

  it('names files after the site and the day', () => {
    expect(evidenceFileName(input(), 'csv')).toBe('storytrace-example.org-2026-12-03.csv');
    expect(evidenceFileName({ page: { text: '' }, generatedAt: 'x' }, 'md')).toBe('storytrace-page-undated.md');
  });
});
