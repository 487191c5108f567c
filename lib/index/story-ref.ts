// The public fields of a stored story that results carry (never its text).
import { withOptionalFields } from '../corpus/plain-story';
import { parseDate } from '../provenance/dates';
import type { StoryRef } from './types';

/** Copies only the fields a result shows; optional fields are left out when empty. `published` is
 *  read from `date` when the backend kept only the date as given (IndexedDB rows store that alone). */
export function storyRef(s: StoryRef): StoryRef {
  const ref = withOptionalFields({ id: s.id, title: s.title, collection: s.collection }, s);
  if (!ref.published && ref.date) {
    const published = parseDate(ref.date);
    if (published) ref.published = published;
  }
  return ref;
}
