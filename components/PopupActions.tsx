// The popup's actions: check again, add this page to the corpus, never check this site.
import { useI18n } from './I18nProvider';

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
  const { t } = useI18n();
  return (
    <div class="actions">
      <div class="action-row">
        <button type="button" class="button" onClick={onCheckAgain} disabled={!site}>
          {t('action_check_again')}
        </button>
        <button type="button" class="button" onClick={onAddPage} disabled={!canAdd}>
          {t('action_add_page')}
        </button>
        <button type="button" class="button button-quiet" onClick={onNeverCheckSite} disabled={!site}>
          {site ? t('action_never_check_site', site) : t('action_never_check_this_site')}
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
