// The whole popup: status, duplicated and related lists, and actions, for one tab's state.
import type { TabState } from '../lib/background/check-state';
import { MatchList } from './MatchList';
import { PopupActions } from './PopupActions';
import { PopupStatus } from './PopupStatus';
import { RelatedList } from './RelatedList';

export interface PopupViewProps {
  state: TabState | null;
  /** The page's site ('' for pages that are not on the web). */
  site: string;
  notice?: string;
  onOpenViewer: (storyId: string) => void;
  onImport: () => void;
  onCheckAgain: (force?: boolean) => void;
  onAddPage: () => void;
  onNeverCheckSite: () => void;
  onAllowSite: () => void;
}

export function PopupView(p: PopupViewProps) {
  const r = p.state?.status === 'done' ? p.state.result : undefined;
  const reuse = r ? [...r.duplicates, ...r.partial] : [];
  return (
    <main class="popup">
      <header class="popup-head">
        <span class="logo" aria-hidden="true">
          ST
        </span>
        <div class="popup-title">
          <h1>StoryTrace</h1>
          {p.state?.title && <div class="page-title">{p.state.title}</div>}
        </div>
      </header>
      <PopupStatus
        state={p.state}
        site={p.site}
        onImport={p.onImport}
        onCheckAnyway={() => p.onCheckAgain(true)}
        onAllowSite={p.onAllowSite}
      />
      {reuse.length > 0 && (
        <section aria-labelledby="dup-heading">
          <h2 id="dup-heading">
            Duplicated coverage <span class="count">{reuse.length}</span>
          </h2>
          <MatchList matches={reuse} onOpenViewer={p.onOpenViewer} />
        </section>
      )}
      {r && r.related.length > 0 && (
        <section aria-labelledby="rel-heading">
          <h2 id="rel-heading">
            Related coverage <span class="count">{r.related.length}</span>
          </h2>
          <RelatedList matches={r.related} onOpenViewer={p.onOpenViewer} />
        </section>
      )}
      <PopupActions
        canAdd={!!p.state?.text && (p.state.status === 'done' || p.state.status === 'empty-corpus')}
        site={p.site}
        notice={p.notice}
        onCheckAgain={() => p.onCheckAgain(false)}
        onAddPage={p.onAddPage}
        onNeverCheckSite={p.onNeverCheckSite}
      />
    </main>
  );
}
