// One line naming where the page's story was first published: the earliest-dated corpus story it
// reuses, or that the page is dated earlier than every match and may be the origin.
import type { OriginRef } from '../lib/index/types';
import { formatPublished } from '../lib/provenance/display-date';
import { useI18n } from './I18nProvider';

export interface OriginNoteProps {
  /** QueryResult.origin: undefined when provenance was not worked out, null when nothing is dated. */
  origin: OriginRef | null | undefined;
  /** QueryResult.pageMayBeOrigin. */
  pageMayBeOrigin?: boolean;
  /** Opens the origin story in the viewer. */
  onOpenViewer: (storyId: string) => void;
  /** Dates in this locale (undefined: the reader's, from the I18nProvider). */
  locale?: string;
}

export function OriginNote({ origin, pageMayBeOrigin, onOpenViewer, locale }: OriginNoteProps) {
  const { t, locale: reader } = useI18n();
  if (pageMayBeOrigin) {
    return <p class="origin-note origin-page">{t('origin_page_may_be')}</p>;
  }
  if (!origin) return null;
  const when = formatPublished(origin.date, locale ?? reader);
  return (
    <p class="origin-note">
      <span class="origin-label">{t('origin_label')}</span> {origin.source?.trim() || t('outlet_unknown')}
      {when && ` · ${when}`} ·{' '}
      <button type="button" class="link-button origin-title" onClick={() => onOpenViewer(origin.id)}>
        {origin.title}
      </button>
    </p>
  );
}
