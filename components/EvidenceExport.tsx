// "Export evidence": the page's matches as JSON, CSV or a Markdown report, saved through a Blob URL
// and an <a download> (no downloads permission needed). The formatting is lib/provenance/export.ts.
import { useState } from 'preact/hooks';
import { evidenceCsv, evidenceFileName, evidenceJson, evidenceMarkdown, type EvidenceInput } from '../lib/provenance/export';
import type { MessageKey } from '../lib/i18n/i18n';
import { useI18n } from './I18nProvider';

export interface EvidenceExportProps {
  /** What to export; built when a button is pressed (the page text may be large). */
  evidence: () => EvidenceInput;
}

const FORMATS: readonly { ext: 'json' | 'csv' | 'md'; label: MessageKey; type: string; make: (input: EvidenceInput) => string }[] = [
  { ext: 'json', label: 'export_json', type: 'application/json', make: evidenceJson },
  { ext: 'csv', label: 'export_csv', type: 'text/csv', make: evidenceCsv },
  { ext: 'md', label: 'export_markdown', type: 'text/markdown', make: evidenceMarkdown },
];

function save(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken its copy by the next tasks; revoke so the text does not stay in memory.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function EvidenceExport({ evidence }: EvidenceExportProps) {
  const { t } = useI18n();
  const [error, setError] = useState<string>();
  return (
    <div class="evidence-export" role="group" aria-label={t('export_group')}>
      <span class="evidence-label">{t('export_label')}</span>
      {FORMATS.map((f) => (
        <button
          key={f.ext}
          type="button"
          class="button"
          data-export={f.ext}
          onClick={() => {
            try {
              setError(undefined);
              const input = evidence();
              save(evidenceFileName(input, f.ext), f.make(input), f.type);
            } catch (e) {
              setError(e instanceof Error ? e.message : String(e));
            }
          }}
        >
          {t(f.label)}
        </button>
      ))}
      {error && <p class="notice">{t('export_failed', error)}</p>}
    </div>
  );
}
