// The background's one handler map, keyed by message name: the reading handlers, the corpus
// handlers and the team index handlers side by side. The type makes a missing handler a compile error.
import { corpusHandlers, type CorpusDeps } from './corpus-handlers';
import { readingHandlers, type ReadingDeps } from './check-handlers';
import type { HandlerMap } from './dispatch';
import { teamHandlers, type TeamHandlerDeps } from './team-handlers';

export function createHandlerMap(reading: ReadingDeps, corpus: CorpusDeps, team: TeamHandlerDeps): HandlerMap {
  return { ...readingHandlers(reading), ...corpusHandlers(corpus), ...teamHandlers(team) };
}
