// The site a story comes from, for telling a site's own chrome from reuse across sites.

/** Its source (case-folded) or, without one, its URL's host without "www."; undefined when neither. */
export function siteOf(story: { source?: string; url?: string }): string | undefined {
  const source = story.source?.trim().toLowerCase();
  if (source) return source;
  if (!story.url) return undefined;
  try {
    return new URL(story.url).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}
