// A stored record narrowed to the plain story fields, leaving out optional fields that are empty.
import type { Story } from './story';

type OptionalFields = Pick<Story, 'url' | 'source' | 'date' | 'published' | 'author'>;

/** Copies url, source, date, published and author from `from` onto `base`, skipping the empty ones. */
export function withOptionalFields<T extends object>(base: T, from: OptionalFields): T & OptionalFields {
  const out: T & OptionalFields = base;
  if (from.url) out.url = from.url;
  if (from.source) out.source = from.source;
  if (from.date) out.date = from.date;
  if (from.published) out.published = from.published;
  if (from.author) out.author = from.author;
  return out;
}

/** The story as imported (id, title, text and non-empty optional fields), without what an index adds. */
export function plainStory(s: Story): Story {
  return withOptionalFields({ id: s.id, title: s.title, text: s.text }, s);
}
