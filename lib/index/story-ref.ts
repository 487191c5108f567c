// The public fields of a stored story that results carry (never its text).
import { withOptionalFields } from '../corpus/plain-story';
import type { StoryRef } from './types';

/** Copies only the fields a result shows; optional fields are left out when empty. */
export function storyRef(s: StoryRef): StoryRef {
  return withOptionalFields({ id: s.id, title: s.title, collection: s.collection }, s);
}
