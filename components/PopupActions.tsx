// The popup's actions: check again, add this page to the corpus, never check this site.

export interface PopupActionsProps {
  /** Whether there is a checked article that can be added to the corpus. */
  canAdd: boolean;
  /** Whether the page is on a web site (the site actions apply). */
  site: string;
  /** A short confirmation or error after the last action. */
  notice?: string;
  onCheckAgain: () => void;
  onAddPage: () => void;
  onNeverCheckSite: () => void;
}

export function PopupActions({ canAdd, site, notice, onCheckAgain, onAddPage, onNeverCheckSite }: PopupActionsProps) {
  return (
    <div class="actions">
      <div class="action-row">
        <button type="button" class="button" onClick={onCheckAgain} disabled={!site}>
          Check again
        </button>
        <button type="button" class="button" onClick={onAddPage} disabled={!canAdd}>
          Add page to corpus
        </button>
        <button type="button" class="button button-quiet" onClick={onNeverCheckSite} disabled={!site}>
          Never check {site || 'this site'}
        </button>
      </div>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
    </div>
  );
}
