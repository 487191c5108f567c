// Spreads the analysis of a batch over helper threads (dedicated workers of the import worker), so
// fingerprinting overlaps the import worker's own work of merging postings and committing batches.
// Browser-free: the helpers come in as message ports.
import type { Story } from '../corpus/story';
import type { AnalysedStory } from '../index/types';

/** A helper thread: takes stories, answers with their analysis in the same order. */
export interface AnalyseHelper {
  postMessage(message: { id: number; stories: Story[] }): void;
  addEventListener(type: 'message', fn: (e: { data: { id: number; analysed?: AnalysedStory[]; error?: string } }) => void): void;
}

export function analysePool(helpers: AnalyseHelper[]): (stories: Story[]) => Promise<AnalysedStory[]> {
  if (helpers.length === 0) throw new Error('no analysis helpers');
  let next = 1;
  const waiting = new Map<number, { ok: (a: AnalysedStory[]) => void; fail: (e: Error) => void }>();
  for (const h of helpers)
    h.addEventListener('message', (e) => {
      const w = waiting.get(e.data.id);
      if (!w) return;
      waiting.delete(e.data.id);
      if (e.data.analysed) w.ok(e.data.analysed);
      else w.fail(new Error(e.data.error ?? 'analysis failed'));
    });
  const run = (h: AnalyseHelper, stories: Story[]) =>
    new Promise<AnalysedStory[]>((ok, fail) => {
      const id = next++;
      waiting.set(id, { ok, fail });
      h.postMessage({ id, stories });
    });
  return async (stories) => {
    const per = Math.ceil(stories.length / helpers.length);
    const parts = await Promise.all(helpers.map((h, i) => run(h, stories.slice(i * per, (i + 1) * per))));
    return parts.flat();
  };
}

/** The helper side: answers analysis requests with `analyse`. */
export function serveAnalysis(
  analyse: (s: Story) => AnalysedStory,
  post: (m: { id: number; analysed?: AnalysedStory[]; error?: string }) => void,
): (data: { id: number; stories: Story[] }) => void {
  return ({ id, stories }) => {
    try {
      post({ id, analysed: stories.map(analyse) });
    } catch (e) {
      post({ id, error: e instanceof Error ? e.message : String(e) });
    }
  };
}
