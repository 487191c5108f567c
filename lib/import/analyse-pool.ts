// Spreads the analysis of a batch over helper threads (dedicated workers of the import worker), so
// fingerprinting overlaps the import worker's own work of merging postings and committing batches.
// Browser-free: the helpers come in as message ports.
//
// Only what the helper computes travels back (not the story text again), with fingerprints and
// signatures as transferable typed arrays: structured clones are a real share of import time.
import type { Story } from '../corpus/story';
import type { AnalysedStory } from '../index/types';

/** The analysis of one story, as a helper sends it back. */
export interface Analysis {
  fp: Uint32Array;
  sig: Uint32Array;
  terms: [string, number][];
  words: number;
  /** The publication time read from the story's date (analyseStory), when it says one. */
  published?: string;
}

export interface AnalyseRequest {
  id: number;
  stories: Story[];
}
export interface AnalyseReply {
  id: number;
  analysed?: Analysis[];
  error?: string;
}

/** A helper thread: takes stories, answers with their analysis in the same order. */
export interface AnalyseHelper {
  postMessage(message: AnalyseRequest): void;
  addEventListener(type: 'message', fn: (e: { data: AnalyseReply }) => void): void;
}

export function analysePool(helpers: AnalyseHelper[]): (stories: Story[]) => Promise<AnalysedStory[]> {
  if (helpers.length === 0) throw new Error('no analysis helpers');
  let next = 1;
  const waiting = new Map<number, { ok: (a: Analysis[]) => void; fail: (e: Error) => void }>();
  for (const h of helpers)
    h.addEventListener('message', (e) => {
      const w = waiting.get(e.data.id);
      if (!w) return;
      waiting.delete(e.data.id);
      if (e.data.analysed) w.ok(e.data.analysed);
      else w.fail(new Error(e.data.error ?? 'analysis failed'));
    });
  const run = (h: AnalyseHelper, stories: Story[]) =>
    new Promise<Analysis[]>((ok, fail) => {
      const id = next++;
      waiting.set(id, { ok, fail });
      h.postMessage({ id, stories });
    });
  return async (stories) => {
    const per = Math.ceil(stories.length / helpers.length);
    const parts = await Promise.all(helpers.map((h, i) => run(h, stories.slice(i * per, (i + 1) * per))));
    const analyses = parts.flat();
    if (analyses.length !== stories.length) throw new Error('analysis lost stories');
    return stories.map((s, i) => {
      const a = analyses[i];
      const published = a.published ?? s.published;
      return {
        ...s,
        ...(published ? { published } : {}),
        fingerprints: Array.from(a.fp),
        signature: Array.from(a.sig),
        terms: a.terms,
        words: a.words,
      };
    });
  };
}

/** The helper side: answers analysis requests with `analyse`; `post` may transfer the buffers. */
export function serveAnalysis(
  analyse: (s: Story) => AnalysedStory,
  post: (m: AnalyseReply, transfer: ArrayBuffer[]) => void,
): (data: AnalyseRequest) => void {
  return ({ id, stories }) => {
    try {
      const analysed = stories.map((s): Analysis => {
        const a = analyse(s);
        const out: Analysis = { fp: Uint32Array.from(a.fingerprints), sig: Uint32Array.from(a.signature), terms: a.terms, words: a.words };
        if (a.published) out.published = a.published;
        return out;
      });
      post(
        { id, analysed },
        analysed.flatMap((a) => [a.fp.buffer as ArrayBuffer, a.sig.buffer as ArrayBuffer]),
      );
    } catch (e) {
      post({ id, error: e instanceof Error ? e.message : String(e) }, []);
    }
  };
}
