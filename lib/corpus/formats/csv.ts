// CSV/TSV corpora with a header row → stories. papaparse does the RFC 4180 quoting (multi-line
// fields, doubled quotes); an unterminated quote is reported and reading resumes on the next line.
import Papa from 'papaparse';
import type { ParseProblem, ParseResult, Story } from '../story';
import { cleanLine } from './clean';
import { foldKey, isStoryLike, recordToStory } from './record';
import { problemText } from '../problem';

/** Restarts after broken quoting before the rest of the file is reported as one problem. */
const MAX_RESTARTS = 1000;
/** Each restart re-reads the rest of the file; all runs together may read it this many times. */
const MAX_WORK_FACTOR = 8;

/** Parses comma-, semicolon- or tab-separated text with a header; the delimiter is sniffed unless given. */
export function parseCsv(name: string, text: string, delimiter?: string): ParseResult {
  const stories: Story[] = [];
  const problems: ParseProblem[] = [];
  const delim = delimiter ?? sniffDelimiter(text);
  let header: string[] | undefined;
  let record = 0;
  // Line bookkeeping: newlines counted incrementally up to each row's start.
  let countedTo = 0;
  let lineAt = 1;
  const lineOf = (offset: number) => {
    for (let i = text.indexOf('\n', countedTo); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) lineAt++;
    countedTo = Math.max(countedTo, offset);
    return lineAt;
  };

  let segment = 0; // offset the current papaparse run starts at
  let work = 0; // characters handed to papaparse over all runs: restarts must not go quadratic
  for (let restarts = 0; segment < text.length; restarts++) {
    work += text.length - segment;
    if (restarts > MAX_RESTARTS || work > MAX_WORK_FACTOR * text.length + (1 << 20)) {
      problems.push({ file: name, line: lineOf(segment), ...problemText('problem_csv_broken_rows') });
      break;
    }
    let resumeAt = -1;
    let rowStart = segment;
    Papa.parse<string[]>(text.slice(segment), {
      delimiter: delim,
      header: false,
      skipEmptyLines: false,
      step(result, parser) {
        const start = rowStart;
        rowStart = segment + result.meta.cursor;
        const row = result.data;
        const line = lineOf(start);
        if (result.errors.some((e) => e.type === 'Quotes')) {
          record += header ? 1 : 0;
          problems.push({
            file: name,
            ...(header ? { record } : {}),
            line,
            ...problemText('problem_csv_broken_row'),
          });
          // Resume on the line after this row's first line, so one stray quote costs one row.
          const nl = text.indexOf('\n', start);
          resumeAt = nl < 0 ? text.length : nl + 1;
          parser.abort();
          return;
        }
        if (row.every((cell) => cell.trim() === '')) return;
        if (!header) {
          header = row.map((h) => h.trim());
          return;
        }
        record++;
        const at = { file: name, record, line };
        const extra = row.slice(header.length);
        if (extra.some((cell) => cell.trim() !== '')) {
          problems.push({ ...at, ...problemText('problem_csv_fields', row.length, header.length) });
          return;
        }
        const obj: Record<string, string> = {};
        header.forEach((h, j) => {
          const cell = row[j];
          if (h && cell !== undefined && cell.trim() !== '' && !(h in obj)) obj[h] = cell;
        });
        const out = recordToStory(obj);
        if ('story' in out) stories.push(out.story);
        else problems.push({ ...at, ...out });
      },
    });
    if (header && !hasTextColumn(header)) {
      return {
        stories: [],
        problems: [
          {
            file: name,
            line: 1,
            ...problemText('problem_csv_no_text_column', cleanLine(header.join(', '), 200)),
          },
        ],
      };
    }
    if (resumeAt < 0) break;
    segment = resumeAt;
  }
  return { stories, problems };
}

/** The delimiter the header line uses most (outside quotes): comma, semicolon or tab. */
export function sniffDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 65536; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n') break;
    else if (!quoted && c in counts) counts[c]++;
  }
  let best = ',';
  for (const d of [';', '\t']) if (counts[d] > counts[best]) best = d;
  return best;
}

function hasTextColumn(header: string[]): boolean {
  const probe: Record<string, string> = {};
  for (const h of header) if (h) probe[h] = 'x';
  if (isStoryLike(probe)) return true;
  // Columns such as "article_text" or "story_body" are read as text too (see record.ts).
  return header.some((h) => /text|body/.test(foldKey(h)));
}
