// A story's title as a link: to its http(s) URL, or to the story viewer when it has none.
import type { ComponentChildren } from 'preact';
import { safeHttpUrl } from '../lib/page/format';
import { useI18n } from './I18nProvider';

export interface StoryLinkProps {
  title: string;
  /** The story's original URL (only http(s) URLs become links). */
  url?: string;
  /** Opens the stored story in the viewer (used when there is no usable URL). */
  onOpenViewer: () => void;
  /** Extra content after the title (e.g. a kind label). */
  children?: ComponentChildren;
}

export function StoryLink({ title, url, onOpenViewer, children }: StoryLinkProps) {
  const { t } = useI18n();
  const href = safeHttpUrl(url);
  const text = title.trim() || t('story_untitled');
  if (href) {
    return (
      <a class="story-title" href={href} target="_blank" rel="noopener noreferrer" title={href}>
        {text}
        {children}
      </a>
    );
  }
  return (
    <button type="button" class="story-title link-button" title={t('story_open_stored')} onClick={onOpenViewer}>
      {text}
      {children}
    </button>
  );
}
