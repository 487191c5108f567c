// The collections: name, stories, size, date; enable/disable for matching, export, delete.
import { useState } from 'preact/hooks';
import type { CollectionView } from '../lib/index/dexie/backend';
import { formatBytes, formatCount, formatDate } from '../lib/import/display';
import { useI18n } from './I18nProvider';

export interface CollectionTableProps {
  /** Collections, oldest first. */
  collections: CollectionView[];
  /** Ids with an action under way (their buttons are disabled). */
  busy: string[];
  /** Include in matching, or leave out. */
  onToggle: (id: string, enabled: boolean) => void;
  /** Downloads the collection as JSON Lines. */
  onExport: (id: string) => void;
  /** Deletes it (after the user confirmed in the row). */
  onDelete: (id: string) => void;
}

export function CollectionTable({ collections, busy, onToggle, onExport, onDelete }: CollectionTableProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [confirming, setConfirming] = useState<string | null>(null);
  if (collections.length === 0) return <p class="empty">{t('collections_empty')}</p>;
  return (
    <table class="collections">
      <thead>
        <tr>
          <th scope="col">{t('collections_name')}</th>
          <th scope="col" class="num">
            {t('collections_stories')}
          </th>
          <th scope="col" class="num">
            {t('collections_text')}
          </th>
          <th scope="col">{t('collections_imported')}</th>
          <th scope="col">{t('collections_matching')}</th>
          <th scope="col">
            <span class="visually-hidden">{t('collections_actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {collections.map((c) => {
          const deleting = c.state === 'deleting';
          const isBusy = busy.includes(c.id) || deleting;
          return (
            <tr key={c.id} data-collection={c.id} class={deleting ? 'deleting' : c.enabled ? '' : 'disabled'}>
              <th scope="row" class="name">
                {c.name}
              </th>
              <td class="num" data-testid="story-count">
                {formatCount(c.stories, i18n)}
              </td>
              <td class="num">{formatBytes(c.bytes, i18n)}</td>
              <td>{formatDate(c.importedAt, i18n)}</td>
              <td>
                {deleting ? (
                  <span class="note">{t('collections_deleting')}</span>
                ) : (
                  <label class="toggle">
                    <input type="checkbox" checked={c.enabled} disabled={isBusy} onChange={(e) => onToggle(c.id, (e.target as HTMLInputElement).checked)} />
                    <span>{c.enabled ? t('collections_enabled') : t('collections_disabled')}</span>
                    <span class="visually-hidden"> {t('collections_for', c.name)}</span>
                  </label>
                )}
              </td>
              <td class="actions">
                {confirming === c.id ? (
                  <span class="confirm" role="group" aria-label={t('collections_confirm_label', c.name)}>
                    <span>{i18n.plural('collections_confirm', c.stories)}</span>
                    <button
                      type="button"
                      class="button danger"
                      onClick={() => {
                        setConfirming(null);
                        onDelete(c.id);
                      }}
                    >
                      {t('collections_delete')}
                    </button>
                    <button type="button" class="button" onClick={() => setConfirming(null)}>
                      {t('collections_keep')}
                    </button>
                  </span>
                ) : (
                  <>
                    <button type="button" class="button" disabled={isBusy} onClick={() => onExport(c.id)} aria-label={t('collections_export_label', c.name)}>
                      {t('collections_export')}
                    </button>
                    <button type="button" class="button" disabled={isBusy} onClick={() => setConfirming(c.id)} aria-label={t('collections_delete_label', c.name)}>
                      {t('collections_delete')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
