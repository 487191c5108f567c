// The popup's "Duplicated coverage" list: corpus stories this page copies or reuses in part.
import type { ReuseMatch } from '../lib/index/types';
import { formatShare } from '../lib/page/format';
import { StoryLink } from './StoryLink';
import { StoryMeta } from './StoryMeta';

export interface MatchListProps {
  /** Copies first, then partial reuse, each best first. */
  matches: ReuseMatch[];
  /** Opens the stored story beside this page in the viewer. */
  onOpenViewer: (storyId: string) => void;
}

export function MatchList({ matches, onOpenViewer }: MatchListProps) {
  return (
    <ul class="match-list">
      {matches.map((m) => (
        <li key={m.id} class="match" data-kind={m.kind}>
          <div class="match-head">
            <span class={`kind kind-${m.kind}`}>{m.kind === 'duplicate' ? 'Copy' : 'Partial'}</span>
            {m.translation && <TranslationMark pair={m.translation} />}
            <StoryLink title={m.title} url={m.url} onOpenViewer={() => onOpenViewer(m.id)} />
          </div>
          <StoryMeta source={m.source} date={m.date} author={m.author} team={m.team} />
          <div class="shares-row">
            <Share label="of this page" value={m.pageShare} />
            <Share label="of the story" value={m.storyShare} />
            <span class="passages">
              {m.passages.length} {m.passages.length === 1 ? 'passage' : 'passages'}
            </span>
            <button type="button" class="link-button compare" onClick={() => onOpenViewer(m.id)}>
              Compare
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** "Translation · Russian → English": the story's language first, as the page translates it. */
function TranslationMark({ pair }: { pair: NonNullable<ReuseMatch['translation']> }) {
  const name = languageName(pair.storyLanguage);
  const into = languageName(pair.pageLanguage);
  return (
    <span class="kind kind-translation" title={`This page translates the story from ${name} into ${into}`}>
      Translation · {name} → {into}
    </span>
  );
}

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([navigator.language, 'en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function Share({ label, value }: { label: string; value: number }) {
  const pct = formatShare(value);
  return (
    <span class="share" title={`${pct} ${label}`}>
      <span class="share-bar" aria-hidden="true">
        <span class="share-fill" style={{ width: `${Math.round(Math.min(1, Math.max(0, value)) * 100)}%` }} />
      </span>
      {pct} {label}
    </span>
  );
}
