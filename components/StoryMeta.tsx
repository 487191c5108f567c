// One line of story metadata: source, date and author, as text.
import { formatDate } from '../lib/page/format';

export interface StoryMetaProps {
  source?: string;
  /** As stored (ISO dates are shown as "22 Apr 2023"). */
  date?: string;
  author?: string;
  /** Found by the team index (a server), not the local corpus. */
  team?: boolean;
  /** Extra class names for the line. */
  class?: string;
}

export function StoryMeta({ source, date, author, team, class: cls }: StoryMetaProps) {
  const parts = [team ? 'Team index' : undefined, source?.trim(), formatDate(date), author?.trim()].filter((p): p is string => !!p);
  if (parts.length === 0) return null;
  return <div class={`story-meta ${cls ?? ''}`.trim()}>{parts.join(' · ')}</div>;
}
