// The popup's status line: checking, not an article, empty corpus, nothing found, or a summary.
import type { TabState } from '../lib/background/check-state';

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
  if (!state) {
    return <p class="status status-muted">StoryTrace cannot read this page.</p>;
  }
  switch (state.status) {
    case 'idle':
    case 'checking':
    case 'waiting-click':
      return (
        <p class="status status-busy" role="status">
          <span class="spinner" aria-hidden="true" /> Checking this page…
        </p>
      );
    case 'not-article':
      return (
        <p class="status status-muted">
          This page does not look like an article.{' '}
          <button type="button" class="link-button" onClick={onCheckAnyway}>
            Check it anyway
          </button>
        </p>
      );
    case 'site-disabled':
      return (
        <p class="status status-muted">
          StoryTrace never checks {site || 'this site'}.{' '}
          <button type="button" class="link-button" onClick={onAllowSite}>
            Check this site again
          </button>
        </p>
      );
    case 'empty-corpus':
      return (
        <p class="status status-empty">
          Your corpus is empty: there is nothing to compare this page with yet.{' '}
          <button type="button" class="link-button" onClick={onImport}>
            Import stories
          </button>
        </p>
      );
    case 'error':
      return (
        <p class="status status-error" role="alert">
          The check failed: {state.error ?? 'unknown error'}
        </p>
      );
    case 'done': {
      const r = state.result;
      const dup = (r?.duplicates.length ?? 0) + (r?.partial.length ?? 0);
      const rel = r?.related.length ?? 0;
      if (dup === 0 && rel === 0) return <p class="status status-none">No matching coverage in your corpus.</p>;
      const parts: string[] = [];
      if (dup > 0) parts.push(`${dup} duplicated`);
      if (rel > 0) parts.push(`${rel} related`);
      return (
        <p class={`status ${dup > 0 ? 'status-dup' : 'status-rel'}`} role="status">
          {parts.join(' · ')}
        </p>
      );
    }
  }
}
