// The side panel: the checked article's paragraphs, in the extension's own page where no page
// script reaches, with the same badges, cards, highlights and side-by-side links as the overlay.
// Presentational: the tab's state comes in as a prop; only which card is open and what is
// highlighted live here.
import { useState } from 'preact/hooks';
import type { TabState } from '../lib/background/check-state';
import { panelParagraphs, paragraphPieces } from '../lib/page/panel-paragraphs';
import { groupByParagraph, merge, type ParagraphMatches } from '../lib/page/paragraph-matches';
import { Badge } from './Badge';
import { MatchCard, type CardStory } from './MatchCard';
import { paragraphFirstSeen } from '../lib/provenance/paragraph-first-seen';
import type { MessageKey } from '../lib/i18n/i18n';
import { useI18n } from './I18nProvider';

export interface SidePanelViewProps {
  /** The reading state of the tab shown (null: no tab or nothing known; undefined: loading). */
  state: TabState | null | undefined;
  /** Whether that tab's site is read privately (nothing drawn in the page). */
  privately: boolean;
  /** Opens a story beside the page in the side-by-side viewer. */
  onOpenViewer: (storyId: string) => void;
}

const STATUS: Record<string, MessageKey> = {
  idle: 'panel_waiting',
  checking: 'popup_checking',
  'not-article': 'popup_not_article',
  'site-disabled': 'popup_site_disabled_unnamed',
  'waiting-click': 'panel_waiting_click',
  'empty-corpus': 'panel_empty_corpus',
  error: 'panel_check_failed',
};

function cardStories(text: string, g: ParagraphMatches): CardStory[] {
  return g.stories.map((s) => ({
    id: s.match.id,
    title: s.match.title,
    url: s.match.url,
    source: s.match.source,
    date: s.match.date,
    kind: s.match.kind,
    pageShare: s.match.pageShare,
    storyShare: s.match.storyShare,
    passage: merge(s.passages.map((q) => [q.pageStart, q.pageEnd]))
      .map(([a, b]) => text.slice(a, b))
      .join(' … '),
  }));
}

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname.replace(/^www\./, '') : '';
  } catch {
    return '';
  }
}

export function SidePanelView({ state, privately, onOpenViewer }: SidePanelViewProps) {
  const { t, plural } = useI18n();
  const [open, setOpen] = useState<number | null>(null);
  const [lit, setLit] = useState<{ paragraph: number; ranges: [number, number][] } | null>(null);
  const text = state?.text ?? '';
  const result = state?.status === 'done' ? state.result : undefined;
  const paragraphs = result ? panelParagraphs(text) : [];
  const groups = new Map<number, ParagraphMatches>();
  if (result) for (const g of groupByParagraph(text, paragraphs, result)) groups.set(g.paragraph, g);
  const status =
    state === undefined
      ? t('loading')
      : state === null
        ? t('panel_open_article')
        : result
          ? groups.size === 0
            ? t('panel_no_paragraph')
            : plural('panel_paragraphs_share', groups.size)
          : STATUS[state.status]
            ? t(STATUS[state.status])
            : '';

  return (
    <main class="panel">
      <header class="panel-head">
        <span class="logo" aria-hidden="true">
          ST
        </span>
        <div class="panel-title">
          <h1>{t('ext_name')}</h1>
          {state?.title && <div class="page-title">{state.title}</div>}
        </div>
      </header>
      <p class={`status${groups.size ? ' status-dup' : ''}`} role="status">
        {status}
      </p>
      {privately && (
        <p class="private-note">{t('panel_private_note')}</p>
      )}
      {paragraphs.length > 0 && (
        <ol class="paragraphs" aria-label={t('panel_paragraphs_label')}>
          {paragraphs.map((p) => {
            const g = groups.get(p.index);
            const ranges = lit?.paragraph === p.index ? lit.ranges : [];
            return (
              <li key={p.index} class={`para${g ? ' para-shared' : ''}`}>
                <p class="para-text">
                  {paragraphPieces(text, p, ranges).map((piece, i) =>
                    piece.shared ? (
                      <mark key={i} class="shared-mark">
                        {piece.text}
                      </mark>
                    ) : (
                      piece.text
                    ),
                  )}
                  {g && (
                    <span class="badge-slot">
                      <Badge
                        count={g.stories.length}
                        source={g.stories[0].match.source?.trim() || hostOf(g.stories[0].match.url) || g.stories[0].match.title}
                        kind={g.stories[0].match.kind}
                        expanded={open === p.index}
                        cardId={`card-${p.index}`}
                        onToggle={() => {
                          setOpen(open === p.index ? null : p.index);
                          setLit(open === p.index ? null : { paragraph: p.index, ranges: g.ranges });
                        }}
                        onHighlight={(on) => {
                          if (open !== null) return;
                          setLit(on ? { paragraph: p.index, ranges: g.ranges } : null);
                        }}
                      />
                    </span>
                  )}
                </p>
                {g && open === p.index && (
                  <MatchCard
                    id={`card-${p.index}`}
                    stories={cardStories(text, g)}
                    firstSeen={paragraphFirstSeen(g)}
                    site=""
                    onOpenViewer={onOpenViewer}
                    onFocusStory={(i) =>
                      setLit({
                        paragraph: p.index,
                        ranges: i === null ? g.ranges : merge(g.stories[i].passages.map((q) => [q.pageStart, q.pageEnd])),
                      })
                    }
                    onClose={() => {
                      setOpen(null);
                      setLit(null);
                    }}
                    onHideSite={() => {}}
                  />
                )}
              </li>
            );
          })}
        </ol>
      )}
    </main>
  );
}
