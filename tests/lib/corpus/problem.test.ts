// Import problems are worded from English messages, and a stored reason is worded again in the
// reader's language: every problem message round-trips, and unknown reasons pass through.
import { describe, expect, it } from 'vitest';
import { problemText, rewordProblem, type ProblemCode } from '../../../lib/corpus/problem';
import { placeholderNames } from '../../../lib/i18n/format-message';
import { nodeI18n, readMessages } from '../../../lib/i18n/node-i18n';
import { parseFile } from '../../../lib/corpus/parse-file';

const en = readMessages('en');
const codes = Object.keys(en).filter((k) => k.startsWith('problem_')) as ProblemCode[];

describe('problem wording', () => {
  it('keeps English reasons as parsers wrote them (numbers as plain digits)', () => {
    expect(problemText('problem_more_in_file', 2000).reason).toBe('… and 2000 more problems in this file');
    expect(problemText('problem_csv_fields', 3, 5).reason).toBe('row has 3 fields but the header has 5; row skipped');
  });

  it.each(['ru', 'es'])('rewords every problem message in %s, arguments kept', (locale) => {
    const i18n = nodeI18n(locale);
    for (const code of codes) {
      const n = placeholderNames(en[code]).length;
      const args = Array.from({ length: n }, (_, i) => (i % 2 ? 1200 + i : `arg «${i}»: (x)`));
      const reason = problemText(code, ...args).reason;
      expect(rewordProblem(reason, i18n.t), code).toBe(i18n.t(code, ...args));
    }
  });

  it('rewords what the parsers really say, and leaves unknown reasons alone', () => {
    const ru = nodeI18n('ru').t;
    const [p] = parseFile('empty.json', new Uint8Array()).problems;
    expect(rewordProblem(p.reason, ru)).toBe('пустой файл');
    const [csv] = parseFile('a.csv', new TextEncoder().encode('title,foo\nA,b\n')).problems;
    expect(rewordProblem(csv.reason, ru)).toMatch(/^в заголовке нет столбца с текстом \(найдены: title, foo;/);
    expect(rewordProblem('something a future version says', ru)).toBe('something a future version says');
  });
});
