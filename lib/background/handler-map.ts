// The background's one handler map, keyed by message name: the reading handlers and the corpus
// handlers side by side. The type makes a missing handler a compile error.
import { corpusHandlers, type CorpusDeps } from './corpus-handlers';
import { readingHandlers, type ReadingDeps } from './check-handlers';
import type { HandlerMap } from './dispatch';

export function createHandlerMap(reading: ReadingDeps, corpus: CorpusDeps): HandlerMap {
  return { ...readingHandlers(reading), ...corpusHandlers(corpus) };
}
