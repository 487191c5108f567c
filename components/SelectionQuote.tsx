// The text a selection check is about, quoted on the selection page: plain text (it comes from a
// web page, so it is never markup), its beginning only when long, and a note when it was cut.
import { excerpt } from '../lib/page/format';
import { useI18n } from './I18nProvider';

export interface SelectionQuoteProps {
  /** The selected text, as checked. */
  text: string;
  /** Whether the selection was longer than the check's limit (only its beginning was checked). */
  truncated?: boolean;
}

export function SelectionQuote({ text, truncated }: SelectionQuoteProps) {
  const { t, number } = useI18n();
  return (
    <section class="selection" aria-labelledby="selection-heading">
      <h2 id="selection-heading">{t('selection_heading')}</h2>
      <blockquote class="selection-text">{excerpt(text, 400)}</blockquote>
      {truncated && <p class="notice selection-cut">{t('selection_truncated', number(text.length))}</p>}
    </section>
  );
}
