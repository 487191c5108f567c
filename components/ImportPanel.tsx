// Where files come in: a collection name, a file picker, a folder picker, a drop zone, and the
// sample corpus button. Hands the picked files up; knows nothing of the import itself.
import { useRef, useState } from 'preact/hooks';
import type { ImportSource } from '../lib/protocol';
import { defaultCollectionName } from '../lib/import/options-model';
import { useI18n } from './I18nProvider';

export interface ImportPanelProps {
  /** Called with the picked files and the collection name (typed, or derived from the files). */
  onImport: (files: ImportSource[], name: string) => void;
  /** Imports the bundled sample corpus. */
  onSample: () => void;
  /** True while an import runs: pickers are disabled. */
  busy: boolean;
  /** Today's date as shown in default names ("22 Nov 2026"). */
  today: string;
}

/** Formats the picker lists, for the accept attribute and the hint. */
const ACCEPT = '.txt,.md,.markdown,.html,.htm,.json,.jsonl,.ndjson,.csv,.tsv,.rss,.atom,.xml,.zip';

export function ImportPanel({ onImport, onSample, busy, today }: ImportPanelProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [name, setName] = useState('');
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const submit = (picked: { file: File; path?: string }[]) => {
    const files = picked.filter((p) => !p.file.name.startsWith('.'));
    if (files.length === 0) return;
    const sources = files.map((p) => ({ name: p.path || p.file.name, blob: p.file }));
    const chosen = name.trim() || defaultCollectionName(files.map((p) => ({ name: p.file.name, path: p.path })), today, i18n);
    onImport(sources, chosen);
    setName('');
  };

  const fromInput = (input: HTMLInputElement | null) => {
    if (!input?.files) return;
    submit([...input.files].map((file) => ({ file, path: file.webkitRelativePath || undefined })));
    input.value = '';
  };

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (busy || !e.dataTransfer) return;
    submit(await droppedFiles(e.dataTransfer));
  };

  return (
    <div class="import-panel">
      <div class="field">
        <label for="collection-name">{t('import_name_label')}</label>
        <input
          id="collection-name"
          type="text"
          maxLength={200}
          value={name}
          placeholder={t('import_name_placeholder')}
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
          disabled={busy}
        />
      </div>
      <div
        class={`drop-zone${dragging ? ' dragging' : ''}${busy ? ' disabled' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          if (!busy) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => void onDrop(e)}
      >
        <p class="drop-title">{t('import_drop_title')}</p>
        <p class="hint">{t('import_formats_hint')}</p>
        <div class="button-row">
          <button type="button" class="button primary" disabled={busy} onClick={() => fileInput.current?.click()}>
            {t('import_choose_files')}
          </button>
          <button type="button" class="button" disabled={busy} onClick={() => folderInput.current?.click()}>
            {t('import_choose_folder')}
          </button>
          <input
            ref={fileInput}
            id="import-files"
            class="visually-hidden"
            type="file"
            multiple
            accept={ACCEPT}
            tabIndex={-1}
            aria-label={t('import_files_label')}
            onChange={(e) => fromInput(e.target as HTMLInputElement)}
          />
          <input
            ref={folderInput}
            id="import-folder"
            class="visually-hidden"
            type="file"
            multiple
            {...{ webkitdirectory: '' }}
            tabIndex={-1}
            aria-label={t('import_folder_label')}
            onChange={(e) => fromInput(e.target as HTMLInputElement)}
          />
        </div>
      </div>
      <p class="sample-row">
        {t('import_new_here')}{' '}
        <button type="button" class="button" disabled={busy} onClick={onSample}>
          {t('import_load_sample')}
        </button>{' '}
        <span class="hint">{t('import_sample_hint')}</span>
      </p>
    </div>
  );
}

/** Files of a drop, walking dropped folders (webkitGetAsEntry) with their relative paths. */
async function droppedFiles(dt: DataTransfer): Promise<{ file: File; path?: string }[]> {
  const entries = [...dt.items].map((i) => (i.kind === 'file' ? i.webkitGetAsEntry?.() : null)).filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return [...dt.files].map((file) => ({ file }));
  const out: { file: File; path?: string }[] = [];
  const walk = async (entry: FileSystemEntry, path: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((ok, fail) => (entry as FileSystemFileEntry).file(ok, fail));
      out.push({ file, path: path.includes('/') ? path : undefined });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns at most ~100 entries per call: read until empty.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, `${path}/${child.name}`);
      }
    }
  };
  for (const e of entries) await walk(e, e.name);
  return out;
}
