// The story viewer's body: the page and a stored story side by side, shared passages aligned in
// rows (with the words a rewrite changed marked) and highlighted in both full texts.
import type { Passage } from '../lib/index/types';
import { diffWords, textPieces, type TextPiece } from '../lib/page/text-pieces';
import { useI18n } from './I18nProvider';

export interface PassageViewProps {
  /** The page text the passages index into (null when the tab's check is no longer known). */
  pageText: string | null;
  storyText: string;
  /** Shared passages, page order; empty for a related story. */
  passages: Passage[];
  /** For related stories: ranges of shared terms in the page and in the story. */
  pageTerms?: [number, number][];
  storyTerms?: [number, number][];
  pageLabel: string;
  storyLabel: string;
}

export function PassageView(p: PassageViewProps) {
  const { t, plural } = useI18n();
  const passages = p.pageText ? p.passages : [];
  const scrollTo = (n: number) => {
    for (const side of ['page', 'story']) {
      const el = document.getElementById(`${side}-passage-${n}`);
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      el?.classList.add('flash');
      setTimeout(() => el?.classList.remove('flash'), 1200);
    }
  };
  return (
    <div class="passage-view">
      {passages.length > 0 && (
        <section class="aligned" aria-labelledby="aligned-heading">
          <h2 id="aligned-heading">
            {plural('viewer_aligned_heading', passages.length)}
          </h2>
          <table class="aligned-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{p.pageLabel}</th>
                <th scope="col">{p.storyLabel}</th>
              </tr>
            </thead>
            <tbody>
              {passages.map((q, n) => {
                const d = diffWords(p.pageText!.slice(q.pageStart, q.pageEnd), p.storyText.slice(q.storyStart, q.storyEnd));
                return (
                  <tr key={n} class="aligned-row">
                    <th scope="row">
                      <button type="button" class="passage-number" title={t('viewer_show_in_texts')} onClick={() => scrollTo(n)}>
                        {n + 1}
                      </button>
                    </th>
                    <td class="aligned-page">{d.a.map((w, i) => (w.changed ? <del key={i}>{w.text}</del> : w.text))}</td>
                    <td class="aligned-story">{d.b.map((w, i) => (w.changed ? <ins key={i}>{w.text}</ins> : w.text))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      <section class="full-texts" aria-label={t('viewer_full_texts')}>
        <div class="column">
          <h2>{p.pageLabel}</h2>
          {p.pageText === null ? (
            <p class="muted">{t('viewer_page_gone')}</p>
          ) : (
            <div class="text" lang="">
              <Pieces
                side="page"
                pieces={textPieces(p.pageText, passages.length ? passages.map((q) => [q.pageStart, q.pageEnd]) : (p.pageTerms ?? []))}
                terms={passages.length === 0}
              />
            </div>
          )}
        </div>
        <div class="column">
          <h2>{p.storyLabel}</h2>
          <div class="text">
            <Pieces
              side="story"
              pieces={textPieces(p.storyText, passages.length ? passages.map((q) => [q.storyStart, q.storyEnd]) : (p.storyTerms ?? []))}
              terms={passages.length === 0}
            />
          </div>
        </div>
      </section>
    </div>
  );
}

function Pieces({ side, pieces, terms }: { side: string; pieces: TextPiece[]; terms: boolean }) {
  const seen = new Set<number>();
  return (
    <>
      {pieces.map((piece) => {
        if (piece.mark === undefined) return piece.text;
        // The first piece of each passage carries the anchor the aligned rows scroll to.
        const first = !terms && !seen.has(piece.mark);
        seen.add(piece.mark);
        return (
          <mark
            key={piece.start}
            id={first ? `${side}-passage-${piece.mark}` : undefined}
            class={terms ? 'term-mark' : 'passage-mark'}
            data-passage={terms ? undefined : piece.mark + 1}
          >
            {piece.text}
          </mark>
        );
      })}
    </>
  );
}
