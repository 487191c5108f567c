// The popup's status line: checking, not an article, empty corpus, nothing found, or a summary.
import type { TabState } from '../lib/background/check-state';
import { useI18n } from './I18nProvider';

export interface PopupStatusProps {
  /** The tab's reading state; null when the page cannot be read (browser pages, the web store). */
  state: TabState | null;
  /** The page's site, named in the "never checked" status. */
  site: string;
  /** Opens the options page at the import section. */
  onImport: () => void;
  /** Checks the page even though it does not look like an article. */
  onCheckAnyway: () => void;
  /** Removes the site from "never check". */
  onAllowSite: () => void;
}

export function PopupStatus({ state, site, onImport, onCheckAnyway, onAllowSite }: PopupStatusProps) {
  const { t, plural } = useI18n();
  if (!state) {
    return <p class="status status-muted">{t('popup_cannot_read')}</p>;
  }
  switch (state.status) {
    case 'idle':
    case 'checking':
    case 'waiting-click':
      return (
        <p class="status status-busy" role="status">
          <span class="spinner" aria-hidden="true" /> {t('popup_checking')}
        </p>
      );
    case 'not-article':
      return (
        <p class="status status-muted">
          {t('popup_not_article')}{' '}
          <button type="button" class="link-button" onClick={onCheckAnyway}>
            {t('popup_check_anyway')}
          </button>
        </p>
      );
    case 'site-disabled':
      return (
        <p class="status status-muted">
          {site ? t('popup_site_disabled', site) : t('popup_site_disabled_unnamed')}{' '}
          <button type="button" class="link-button" onClick={onAllowSite}>
            {t('popup_check_site_again')}
          </button>
        </p>
      );
    case 'empty-corpus':
      return (
        <p class="status status-empty">
          {t('popup_empty_corpus')}{' '}
          <button type="button" class="link-button" onClick={onImport}>
            {t('popup_import_stories')}
          </button>
        </p>
      );
    case 'error':
      return (
        <p class="status status-error" role="alert">
          {t('popup_check_failed', state.error ?? t('error_unknown'))}
        </p>
      );
    case 'done': {
      const r = state.result;
      const dup = (r?.duplicates.length ?? 0) + (r?.partial.length ?? 0);
      const rel = r?.related.length ?? 0;
      if (dup === 0 && rel === 0) return <p class="status status-none">{t('popup_no_matches')}</p>;
      const parts: string[] = [];
      if (dup > 0) parts.push(plural('popup_summary_duplicated', dup));
      if (rel > 0) parts.push(plural('popup_summary_related', rel));
      return (
        <p class={`status ${dup > 0 ? 'status-dup' : 'status-rel'}`} role="status">
          {parts.join(' · ')}
        </p>
      );
    }
  }
}
