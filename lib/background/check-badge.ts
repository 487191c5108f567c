// The toolbar badge of a tab as a pure function of its reading state.
import { duplicatedCount, type TabState } from './check-state';
import type { I18n } from '../i18n/i18n';
import { english } from '../i18n/english';

/** What the toolbar button shows for one tab. */
export interface ToolbarBadge {
  /** At most 4 characters; '' hides the badge. */
  text: string;
  /** Background colour, CSS hex. */
  color: string;
  /** Tooltip of the toolbar button. */
  title: string;
}

/** Red: this page reprints or reuses corpus stories. */
export const DUPLICATE_COLOR = '#b3261e';
/** Slate blue with a "~" mark: only related coverage, nothing copied. */
export const RELATED_COLOR = '#4a6585';
/** Grey: a check is running. */
export const PENDING_COLOR = '#6b6b6b';

function count(n: number): string {
  return n > 99 ? '99+' : String(n);
}

/** Badge for a tab: duplicated stories in red, related-only as "~n" in blue, nothing otherwise. */
export function toolbarBadge(state: TabState | undefined, i18n: I18n = english): ToolbarBadge {
  const { t, plural } = i18n;
  const NAME = t('ext_name');
  if (!state) return { text: '', color: PENDING_COLOR, title: NAME };
  switch (state.status) {
    case 'checking':
      return { text: '…', color: PENDING_COLOR, title: t('toolbar_checking') };
    case 'not-article':
      return { text: '', color: PENDING_COLOR, title: t('toolbar_not_article') };
    case 'site-disabled':
      return { text: '', color: PENDING_COLOR, title: t('toolbar_site_disabled') };
    case 'waiting-click':
      return { text: '', color: PENDING_COLOR, title: t('toolbar_waiting_click') };
    case 'empty-corpus':
      return { text: '', color: PENDING_COLOR, title: t('toolbar_empty_corpus') };
    case 'error':
      return { text: '!', color: PENDING_COLOR, title: t('toolbar_error', state.error ?? t('error_unknown')) };
    case 'done': {
      const r = state.result;
      const dup = duplicatedCount(r);
      const rel = r?.related.length ?? 0;
      if (dup > 0) {
        const parts = [plural('toolbar_duplicated', dup)];
        if (rel > 0) parts.push(plural('toolbar_related', rel));
        return { text: count(dup), color: DUPLICATE_COLOR, title: t('toolbar_summary', parts.join(', ')) };
      }
      if (rel > 0) {
        return {
          text: '~' + (rel > 9 ? '9+' : String(rel)),
          color: RELATED_COLOR,
          title: t('toolbar_related_only', plural('toolbar_related', rel)),
        };
      }
      return { text: '', color: PENDING_COLOR, title: t('toolbar_none') };
    }
    default:
      return { text: '', color: PENDING_COLOR, title: NAME };
  }
}
