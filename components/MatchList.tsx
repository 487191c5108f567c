// The popup's "Duplicated coverage" list: corpus stories this page copies or reuses in part.
import type { ReuseMatch } from '../lib/index/types';
import { useI18n } from './I18nProvider';
import { StoryLink } from './StoryLink';
import { StoryMeta } from './StoryMeta';

export interface MatchListProps {
  /** Copies first, then partial reuse, each best first. */
  matches: ReuseMatch[];
  /** Opens the stored story beside this page in the viewer. */
  onOpenViewer: (storyId: string) => void;
}

export function MatchList({ matches, onOpenViewer }: MatchListProps) {
  const { t, plural } = useI18n();
  return (
    <ul class="match-list">
      {matches.map((m) => (
        <li key={m.id} class="match" data-kind={m.kind}>
          <div class="match-head">
            <span class={`kind kind-${m.kind}`}>{m.kind === 'duplicate' ? t('kind_copy') : t('kind_partial')}</span>
            {m.translation && <TranslationMark pair={m.translation} />}
            <StoryLink title={m.title} url={m.url} onOpenViewer={() => onOpenViewer(m.id)} />
          </div>
          <StoryMeta source={m.source} date={m.date} author={m.author} team={m.team} />
          <div class="shares-row">
            <Share which="share_of_page" value={m.pageShare} />
            <Share which="share_of_story" value={m.storyShare} />
            <span class="passages">{plural('count_passages', m.passages.length)}</span>
            <button type="button" class="link-button compare" onClick={() => onOpenViewer(m.id)}>
              {t('match_compare')}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** "Translation · Russian → English": the story's language first, as the page translates it. */
function TranslationMark({ pair }: { pair: NonNullable<ReuseMatch['translation']> }) {
  const { t, locale } = useI18n();
  const name = languageName(pair.storyLanguage, locale);
  const into = languageName(pair.pageLanguage, locale);
  return (
    <span class="kind kind-translation" title={t('translation_title', name, into)}>
      {t('translation_mark', name, into)}
    </span>
  );
}

function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale, 'en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function Share({ which, value }: { which: 'share_of_page' | 'share_of_story'; value: number }) {
  const { t, share } = useI18n();
  const label = t(which, share(value));
  return (
    <span class="share" title={label}>
      <span class="share-bar" aria-hidden="true">
        <span class="share-fill" style={{ width: `${Math.round(Math.min(1, Math.max(0, value)) * 100)}%` }} />
      </span>
      {label}
    </span>
  );
}
