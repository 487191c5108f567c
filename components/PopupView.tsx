// The whole popup: status, duplicated and related lists, and actions, for one tab's state.
import type { TabState } from '../lib/background/check-state';
import { timelineItems } from '../lib/provenance/timeline';
import { CoverageTimeline } from './CoverageTimeline';
import { EvidenceExport } from './EvidenceExport';
import { MatchList } from './MatchList';
import { OriginNote } from './OriginNote';
import { PopupActions } from './PopupActions';
import { PopupStatus } from './PopupStatus';
import { TeamStatusLine } from './TeamStatusLine';
import { RelatedList } from './RelatedList';
import { SelectionQuote } from './SelectionQuote';
import { useI18n } from './I18nProvider';

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
  /** Set on the selection page (a check of selected text, not of a tab's page): the text is quoted
   *  under the title, and the page actions (check again, add, never check) are left out. */
  selection?: { text: string; truncated?: boolean };
}

export function PopupView(p: PopupViewProps) {
  const { t } = useI18n();
  const r = p.state?.status === 'done' ? p.state.result : undefined;
  const reuse = r ? [...r.duplicates, ...r.partial] : [];
  return (
    <main class="popup">
      <header class="popup-head">
        <span class="logo" aria-hidden="true">
          ST
        </span>
        <div class="popup-title">
          <h1>{t('ext_name')}</h1>
          {p.state?.title && <div class="page-title">{p.state.title}</div>}
        </div>
      </header>
      {p.selection && <SelectionQuote text={p.selection.text} truncated={p.selection.truncated} />}
      <PopupStatus
        state={p.state}
        site={p.site}
        onImport={p.onImport}
        onCheckAnyway={() => p.onCheckAgain(true)}
        onAllowSite={p.onAllowSite}
      />
      <TeamStatusLine status={p.state?.team} />
      {r && (reuse.length > 0 || r.related.length > 0) && (
        <section aria-labelledby="time-heading" class="provenance">
          <OriginNote origin={r.origin} pageMayBeOrigin={r.pageMayBeOrigin} onOpenViewer={p.onOpenViewer} />
          <h2 id="time-heading">{t('popup_timeline_heading')}</h2>
          <CoverageTimeline
            items={timelineItems({ title: p.state?.title, url: p.state?.url, published: p.state?.published }, r, t)}
            onOpenStory={p.onOpenViewer}
          />
        </section>
      )}
      {reuse.length > 0 && (
        <section aria-labelledby="dup-heading">
          <h2 id="dup-heading">
            {t('popup_duplicated_heading')} <span class="count">{reuse.length}</span>
          </h2>
          <MatchList matches={reuse} onOpenViewer={p.onOpenViewer} />
        </section>
      )}
      {r && r.related.length > 0 && (
        <section aria-labelledby="rel-heading">
          <h2 id="rel-heading">
            {t('popup_related_heading')} <span class="count">{r.related.length}</span>
          </h2>
          <RelatedList matches={r.related} onOpenViewer={p.onOpenViewer} />
        </section>
      )}
      {r && p.state?.text !== undefined && (reuse.length > 0 || r.related.length > 0) && (
        <EvidenceExport
          evidence={() => ({
            page: { url: p.state?.url, title: p.state?.title, text: p.state?.text ?? '', published: p.state?.published },
            result: r,
            generatedAt: new Date().toISOString(),
          })}
        />
      )}
      {!p.selection && <PopupActions
        canAdd={!!p.state?.text && (p.state.status === 'done' || p.state.status === 'empty-corpus')}
        site={p.site}
        notice={p.notice}
        onCheckAgain={() => p.onCheckAgain(false)}
        onAddPage={p.onAddPage}
        onNeverCheckSite={p.onNeverCheckSite}
      />}
    </main>
  );
}
