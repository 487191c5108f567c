// The problems an import met, file by file and record by record (the rest was imported).
import type { ParseProblem } from '../lib/corpus/story';
import { useI18n } from './I18nProvider';
import { rewordProblem } from '../lib/corpus/problem';

export interface ImportProblemsProps {
  /** The problems kept (the first few hundred). */
  problems: ParseProblem[];
  /** How many there were in all. */
  total: number;
}

export function ImportProblems({ problems, total }: ImportProblemsProps) {
  const i18n = useI18n();
  const { t } = i18n;
  if (total === 0) return null;
  return (
    <details class="import-problems" open={total <= 20}>
      <summary>
        {i18n.plural('problems_summary', total)}
      </summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('problems_file')}</th>
            <th scope="col">{t('problems_where')}</th>
            <th scope="col">{t('problems_reason')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td class="file">{p.file}</td>
              <td class="where">{[p.record ? t('problems_record', p.record) : '', p.line ? t('problems_line', p.line) : ''].filter(Boolean).join(', ') || t('problems_whole_file')}</td>
              <td>{rewordProblem(p.reason, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > problems.length && <p class="hint">{i18n.plural('problems_more', total - problems.length)}</p>}
    </details>
  );
}
