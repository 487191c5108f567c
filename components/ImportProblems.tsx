// The problems an import met, file by file and record by record (the rest was imported).
import type { ParseProblem } from '../lib/corpus/story';
import { formatCount } from '../lib/import/display';

export interface ImportProblemsProps {
  /** The problems kept (the first few hundred). */
  problems: ParseProblem[];
  /** How many there were in all. */
  total: number;
}

export function ImportProblems({ problems, total }: ImportProblemsProps) {
  if (total === 0) return null;
  return (
    <details class="import-problems" open={total <= 20}>
      <summary>
        {formatCount(total)} {total === 1 ? 'problem' : 'problems'} — the rest of each file was imported
      </summary>
      <table>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Where</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td class="file">{p.file}</td>
              <td class="where">{[p.record ? `record ${p.record}` : '', p.line ? `line ${p.line}` : ''].filter(Boolean).join(', ') || 'whole file'}</td>
              <td>{p.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > problems.length && <p class="hint">and {formatCount(total - problems.length)} more not listed.</p>}
    </details>
  );
}
