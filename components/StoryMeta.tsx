// One line of story metadata: source, date and author, as text.
import { formatDate } from '../lib/page/format';
import { useI18n } from './I18nProvider';

export interface StoryMetaProps {
  source?: string;
  /** As stored (ISO days are shown in the reader's locale, "22 Apr 2023"; others as given). */
  date?: string;
  author?: string;
  /** Found by the team index (a server), not the local corpus. */
  team?: boolean;
  /** Extra class names for the line. */
  class?: string;
}

export function StoryMeta({ source, date, author, team, class: cls }: StoryMetaProps) {
  const { t, day } = useI18n();
  const parts = [team ? t('meta_team') : undefined, source?.trim(), day(date) || formatDate(date), author?.trim()].filter((p): p is string => !!p);
  if (parts.length === 0) return null;
  return <div class={`story-meta ${cls ?? ''}`.trim()}>{parts.join(' · ')}</div>;
}
