// The toolbar badge of a tab as a pure function of its reading state.
import { duplicatedCount, type TabState } from './check-state';

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

const NAME = 'StoryTrace';

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

function count(n: number): string {
  return n > 99 ? '99+' : String(n);
}

/** Badge for a tab: duplicated stories in red, related-only as "~n" in blue, nothing otherwise. */
export function toolbarBadge(state: TabState | undefined): ToolbarBadge {
  if (!state) return { text: '', color: PENDING_COLOR, title: NAME };
  switch (state.status) {
    case 'checking':
      return { text: '…', color: PENDING_COLOR, title: `${NAME}: checking this page` };
    case 'not-article':
      return { text: '', color: PENDING_COLOR, title: `${NAME}: this page is not an article` };
    case 'site-disabled':
      return { text: '', color: PENDING_COLOR, title: `${NAME}: this site is never checked` };
    case 'waiting-click':
      return { text: '', color: PENDING_COLOR, title: `${NAME}: click to check this page` };
    case 'empty-corpus':
      return { text: '', color: PENDING_COLOR, title: `${NAME}: the corpus is empty; import stories first` };
    case 'error':
      return { text: '!', color: PENDING_COLOR, title: `${NAME}: the check failed (${state.error ?? 'unknown error'})` };
    case 'done': {
      const r = state.result;
      const dup = duplicatedCount(r);
      const rel = r?.related.length ?? 0;
      if (dup > 0) {
        const parts = [plural(dup, 'duplicated story', 'duplicated stories')];
        if (rel > 0) parts.push(plural(rel, 'related story', 'related stories'));
        return { text: count(dup), color: DUPLICATE_COLOR, title: `${NAME}: ${parts.join(', ')}` };
      }
      if (rel > 0) {
        return {
          text: '~' + (rel > 9 ? '9+' : String(rel)),
          color: RELATED_COLOR,
          title: `${NAME}: no duplicated coverage, ${plural(rel, 'related story', 'related stories')}`,
        };
      }
      return { text: '', color: PENDING_COLOR, title: `${NAME}: no matching coverage in your corpus` };
    }
    default:
      return { text: '', color: PENDING_COLOR, title: NAME };
  }
}
