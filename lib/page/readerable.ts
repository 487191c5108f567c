// The quick "is this an article?" test run on the live page before any extraction.
import { isProbablyReaderable } from '@mozilla/readability';

/**
 * Whether the page probably holds an article. Reads the live document without changing it and
 * costs a fraction of a full extraction, so non-article pages pay almost nothing.
 */
export function isArticlePage(doc: Document): boolean {
  try {
    if (!doc.documentElement || !doc.body) return false;
    return isProbablyReaderable(doc);
  } catch {
    return false; // a hostile or half-built DOM is simply not an article
  }
}
