// The card a badge opens: the corpus stories sharing passages with one paragraph, each with the
// shared passage, links onward, and the actions to hide badges.
import { useEffect, useRef } from 'preact/hooks';
import { excerpt } from '../lib/page/format';
import type { FirstSeenRef } from '../lib/provenance/paragraph-first-seen';
import { useI18n } from './I18nProvider';
import { StoryLink } from './StoryLink';
import { StoryMeta } from './StoryMeta';

/** One story as the card lists it. */
export interface CardStory {
  id: string;
  title: string;
  url?: string;
  source?: string;
  date?: string;
  kind: 'duplicate' | 'partial';
  /** Share of the page's words in passages shared with this story (0..1). */
  pageShare: number;
  /** Share of the story's words in those passages (0..1). */
  storyShare: number;
  /** The shared words of this paragraph (page text), shown as a quote. */
  passage: string;
}

export interface MatchCardProps {
  /** Element id (the badge's aria-controls). */
  id: string;
  stories: CardStory[];
  /** The page's site, for "hide on this site". */
  site: string;
  /** Opens a story in the side-by-side viewer. */
  onOpenViewer: (storyId: string) => void;
  /** Highlight only this story's passages while its entry is hovered (null: all of them). */
  onFocusStory: (index: number | null) => void;
  onClose: () => void;
  /** Remove every badge from this page until it is reloaded (absent: no such action, e.g. the side panel). */
  onHidePage?: () => void;
  /** Never draw badges on this site again. */
  onHideSite: () => void;
  /** Where this paragraph's shared words were first seen (lib/provenance/paragraph-first-seen.ts);
   *  absent when no story holding them is dated. */
  firstSeen?: FirstSeenRef;
}

/** Inline: the card's stylesheet (entrypoints/content/badges.css) is the overlay's; the line sits
 *  in the card's padding like its items. */
const FIRST_SEEN_STYLE = { margin: '6px 14px 0', fontWeight: 600 } as const;

const KIND_LABEL = { duplicate: 'kind_copy', partial: 'timeline_kind_partial' } as const;

export function MatchCard({ id, stories, site, onOpenViewer, onFocusStory, onClose, onHidePage, onHideSite, firstSeen }: MatchCardProps) {
  const { t, plural, share, day } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Focus the card itself so screen readers announce it and Tab goes on to its links.
    ref.current?.focus();
  }, []);
  const heading = plural('card_heading', stories.length);
  return (
    <div
      id={id}
      ref={ref}
      class="card"
      role="dialog"
      aria-label={heading}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div class="card-head">
        <span class="card-heading">{heading}</span>
        <button type="button" class="icon-button" aria-label={t('card_close')} title={t('card_close_title')} onClick={onClose}>
          ×
        </button>
      </div>
      {firstSeen && (
        <p class="first-seen story-meta" style={FIRST_SEEN_STYLE} title={t('card_first_seen_title', firstSeen.title)}>
          {t('card_first_seen', firstSeen.outlet, day(firstSeen.published))}
        </p>
      )}
      <ul class="card-list">
        {stories.map((s, i) => (
          <li
            key={s.id}
            class="card-item"
            onMouseEnter={() => onFocusStory(i)}
            onMouseLeave={() => onFocusStory(null)}
          >
            <div class="card-title-row">
              <span class={`kind kind-${s.kind}`}>{t(KIND_LABEL[s.kind])}</span>
              <StoryLink title={s.title} url={s.url} onOpenViewer={() => onOpenViewer(s.id)} />
            </div>
            <StoryMeta source={s.source} date={s.date} />
            <blockquote class="passage">{t('card_quote', excerpt(s.passage, 260))}</blockquote>
            <div class="card-foot">
              <span class="shares" title={t('card_shares_title')}>
                {t('share_of_page', share(s.pageShare))} · {t('share_of_story', share(s.storyShare))}
              </span>
              <button type="button" class="link-button compare" onClick={() => onOpenViewer(s.id)}>
                {t('card_side_by_side')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <div class="card-actions">
        {onHidePage && (
          <button type="button" class="link-button" onClick={onHidePage}>
            {t('card_hide_page')}
          </button>
        )}
        {site && (
          <button type="button" class="link-button" onClick={onHideSite}>
            {t('card_hide_site', site)}
          </button>
        )}
      </div>
    </div>
  );
}
