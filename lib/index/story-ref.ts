// The public fields of a stored story that results carry (never its text).
import type { StoryRef } from './types';

/** Copies only the fields a result shows; optional fields are left out when empty. */
export function storyRef(s: StoryRef): StoryRef {
  const ref: StoryRef = { id: s.id, title: s.title, collection: s.collection };
  if (s.url) ref.url = s.url;
  if (s.source) ref.source = s.source;
  if (s.date) ref.date = s.date;
  if (s.author) ref.author = s.author;
  return ref;
}
