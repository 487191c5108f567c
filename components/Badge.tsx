// The inline badge drawn at the end of a page paragraph that shares passages with the corpus.
import { useI18n } from './I18nProvider';

export interface BadgeProps {
  /** Number of corpus stories sharing passages with the paragraph. */
  count: number;
  /** Paragraphs the badge stands for: more than one for a run of paragraphs shared with the same
   *  stories (one mark over the run); 1 or absent for a single paragraph. */
  paragraphs?: number;
  /** Source (or, without one, title) of the strongest of those stories. */
  source: string;
  /** Kind of the strongest story: a copy of the whole story or a reuse of part of it. */
  kind: 'duplicate' | 'partial';
  /** Whether the card listing the stories is open. */
  expanded: boolean;
  /** Id of the card element, for aria-controls. */
  cardId?: string;
  /** Opens or closes the card (click, Enter, Space). */
  onToggle: () => void;
  /** Highlight the shared words while hovered or focused (true), stop (false). */
  onHighlight: (on: boolean) => void;
}

function shorten(s: string, max = 22): string {
  return s.length > max ? s.slice(0, max - 1).trimEnd() + '…' : s;
}

export function Badge({ count, paragraphs = 1, source, kind, expanded, cardId, onToggle, onHighlight }: BadgeProps) {
  const { t, plural } = useI18n();
  const stories = plural('badge_stories', count);
  const what = paragraphs > 1 ? plural('badge_paragraphs_shared', paragraphs, stories) : t('badge_shared', stories);
  const label = t('badge_label', source ? t('badge_strongest', what, source) : what, expanded ? t('badge_hide') : t('badge_show'));
  const countText = count > 99 ? '99+' : String(count);
  const short = source ? shorten(source) : '';
  // The name starts with what the badge shows (WCAG 2.5.3 label in name: a speech user says "1
  // Sputnik" to press it), then says what it means.
  const name = `${countText}${short ? ` ${short}` : ''} · ${label}`;
  return (
    <button
      type="button"
      class={`badge badge-${kind}`}
      aria-label={name}
      aria-expanded={expanded}
      aria-haspopup="dialog"
      aria-controls={cardId}
      title={label}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        onToggle();
      }}
      onMouseEnter={() => onHighlight(true)}
      onMouseLeave={() => onHighlight(false)}
      onFocus={() => onHighlight(true)}
      onBlur={() => onHighlight(false)}
    >
      <span class="badge-count" aria-hidden="true">{countText}</span>
      {/* A space between the two in the text (the flex gap draws it): the name's "1 Sputnik". */}
      {short && ' '}
      {short && (
        <span class="badge-source" aria-hidden="true">
          {short}
        </span>
      )}
    </button>
  );
}
