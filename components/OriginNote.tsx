// One line naming where the page's story was first published: the earliest-dated corpus story it
// reuses, or that the page is dated earlier than every match and may be the origin.
import type { OriginRef } from '../lib/index/types';
import { formatPublished } from '../lib/provenance/display-date';

export interface OriginNoteProps {
  /** QueryResult.origin: undefined when provenance was not worked out, null when nothing is dated. */
  origin: OriginRef | null | undefined;
  /** QueryResult.pageMayBeOrigin. */
  pageMayBeOrigin?: boolean;
  /** Opens the origin story in the viewer. */
  onOpenViewer: (storyId: string) => void;
  /** Dates in the reader's locale (undefined: the browser's). */
  locale?: string;
}

export function OriginNote({ origin, pageMayBeOrigin, onOpenViewer, locale }: OriginNoteProps) {
  if (pageMayBeOrigin) {
    return <p class="origin-note origin-page">This page is dated earlier than every match: it may be the origin.</p>;
  }
  if (!origin) return null;
  const when = formatPublished(origin.date, locale);
  return (
    <p class="origin-note">
      <span class="origin-label">Origin:</span> {origin.source?.trim() || 'Unknown outlet'}
      {when && ` · ${when}`} ·{' '}
      <button type="button" class="link-button origin-title" onClick={() => onOpenViewer(origin.id)}>
        {origin.title}
      </button>
    </p>
  );
}
