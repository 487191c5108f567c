// The browser benchmark's result as measurement rows: one JSON object per measurement (--json), or
// a table for humans. Fields (absent where they do not apply):
//   what            import | check-warm | check-cold | sw-heap | disk | options-long-tasks
//                   (checks time the checkPage round trip: the answer badges are drawn from, with
//                   duplicates and partial reuse; related stories are found after it, for the popup)
//                   (import: from the file input to the job's end, the final merge of pending
//                   postings included: every imported story is searchable when it ends)
//   corpus_stories  stories in the corpus measured
//   median_ms, p95_ms, spread {min_ms, max_ms, iqr_ms}, n   over the repeated samples
//   per_second      stories imported per second (import)
//   baseline, baseline_median_ms | baseline_per_second, ratio   the same-process baseline and our
//                   figure ÷ the baseline's (time ratio for checks: below 1 is faster; rate ratio
//                   for import: the share of the storage ceiling reached)
//   rows_read       story rows the linear-scan baseline read (checks; scaled to the corpus)
//   steps_ms        where the time went (import: ImportTimings; checks: medians of QueryTimings)
//   value, unit     a single figure (heap MB, disk bytes per story, long tasks)
import type { Summary } from './stats';

export interface BrowserRow {
  what: string;
  corpus_stories: number;
  n?: number;
  median_ms?: number;
  p95_ms?: number;
  spread?: Summary['spread'];
  per_second?: number;
  baseline?: string;
  baseline_median_ms?: number;
  baseline_per_second?: number;
  ratio?: number;
  rows_read?: number;
  steps_ms?: Record<string, number> | object;
  value?: number | null;
  unit?: string;
  note?: string;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

export function printRows(rows: BrowserRow[], json: boolean): void {
  if (json) {
    for (const r of rows) process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  const head = ['what', 'stories', 'median ms', 'p95 ms', 'rate /s', 'value', 'baseline', 'ratio'];
  const lines = rows.map((r) => [
    r.what,
    r.corpus_stories.toLocaleString('en'),
    r.median_ms === undefined ? '' : String(r1(r.median_ms)),
    r.p95_ms === undefined ? '' : String(r1(r.p95_ms)),
    r.per_second === undefined ? '' : String(r.per_second),
    r.value === undefined || r.value === null ? '' : `${r.value} ${r.unit ?? ''}`.trim(),
    r.baseline === undefined
      ? ''
      : `${r.baseline}: ${r.baseline_median_ms !== undefined ? `${r.baseline_median_ms} ms` : `${r.baseline_per_second} /s`}`,
    r.ratio === undefined ? '' : String(r.ratio),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
  for (const l of [head, ...lines]) process.stdout.write(l.map((cell, c) => cell.padEnd(widths[c])).join(' | ') + '\n');
}
