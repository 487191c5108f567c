// The popup's "Related coverage" list: same-event stories, with the shared terms that explain them.
import type { RelatedMatch } from '../lib/index/types';
import { StoryLink } from './StoryLink';
import { StoryMeta } from './StoryMeta';
import { useI18n } from './I18nProvider';

export interface RelatedListProps {
  /** Best first. */
  matches: RelatedMatch[];
  /** Opens the stored story beside this page in the viewer. */
  onOpenViewer: (storyId: string) => void;
}

export function RelatedList({ matches, onOpenViewer }: RelatedListProps) {
  const { t, number } = useI18n();
  return (
    <ul class="match-list related-list">
      {matches.map((m) => (
        <li key={m.id} class="match related">
          <div class="match-head">
            <span class="score" title={t('related_score_title')}>
              {number(Math.round(Math.max(0, Math.min(1, m.score)) * 100))}
            </span>
            <StoryLink title={m.title} url={m.url} onOpenViewer={() => onOpenViewer(m.id)} />
          </div>
          <StoryMeta source={m.source} date={m.date} author={m.author} team={m.team} />
          {m.terms.length > 0 && (
            <div class="terms" aria-label={t('related_terms_label')}>
              {m.terms.slice(0, 8).map((term) => (
                <span key={term} class="term">
                  {term}
                </span>
              ))}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
