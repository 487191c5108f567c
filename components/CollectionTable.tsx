// The collections: name, stories, size, date; enable/disable for matching, export, delete.
import { useState } from 'preact/hooks';
import type { CollectionView } from '../lib/index/dexie/backend';
import { formatBytes, formatCount, formatDate } from '../lib/import/display';

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
  const [confirming, setConfirming] = useState<string | null>(null);
  if (collections.length === 0) return <p class="empty">No collections yet: import some files, or load the sample corpus.</p>;
  return (
    <table class="collections">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col" class="num">
            Stories
          </th>
          <th scope="col" class="num">
            Text
          </th>
          <th scope="col">Imported</th>
          <th scope="col">Matching</th>
          <th scope="col">
            <span class="visually-hidden">Actions</span>
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
                {formatCount(c.stories)}
              </td>
              <td class="num">{formatBytes(c.bytes)}</td>
              <td>{formatDate(c.importedAt)}</td>
              <td>
                {deleting ? (
                  <span class="note">Deleting…</span>
                ) : (
                  <label class="toggle">
                    <input type="checkbox" checked={c.enabled} disabled={isBusy} onChange={(e) => onToggle(c.id, (e.target as HTMLInputElement).checked)} />
                    <span>{c.enabled ? 'Enabled' : 'Disabled'}</span>
                    <span class="visually-hidden"> for “{c.name}”</span>
                  </label>
                )}
              </td>
              <td class="actions">
                {confirming === c.id ? (
                  <span class="confirm" role="group" aria-label={`Confirm deleting ${c.name}`}>
                    <span>Delete {formatCount(c.stories)} stories?</span>
                    <button
                      type="button"
                      class="button danger"
                      onClick={() => {
                        setConfirming(null);
                        onDelete(c.id);
                      }}
                    >
                      Delete
                    </button>
                    <button type="button" class="button" onClick={() => setConfirming(null)}>
                      Keep
                    </button>
                  </span>
                ) : (
                  <>
                    <button type="button" class="button" disabled={isBusy} onClick={() => onExport(c.id)} aria-label={`Export “${c.name}” as JSON Lines`}>
                      Export
                    </button>
                    <button type="button" class="button" disabled={isBusy} onClick={() => setConfirming(c.id)} aria-label={`Delete “${c.name}”`}>
                      Delete
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
