// Content-derived story ids, so re-importing the same record gives the same id (idempotent import).
import { hashHex64 } from '../text/hash';

/** Id for a record that has none: a hash of its whitespace-folded title and text. */
export function deriveStoryId(title: string, text: string): string {
  const fold = (s: string) => s.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
  return 'h' + hashHex64(fold(title) + '\u0000' + fold(text));
}
