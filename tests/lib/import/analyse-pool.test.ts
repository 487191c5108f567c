// The analysis pool: a batch split over helpers comes back whole, in order, and errors surface.
import { describe, expect, it } from 'vitest';
import { analysePool, serveAnalysis, type AnalyseHelper, type AnalyseReply } from '../../../lib/import/analyse-pool';
import { analyseStory } from '../../../lib/match/analyse';
import { GERMANY, SMART_GUN_REUTERS, TESLA } from '../../support/seeds';

/** A helper that answers asynchronously, like a worker, after `delay` ms. */
function helper(delay: number, fail = false): AnalyseHelper {
  let listener: ((e: { data: AnalyseReply }) => void) | undefined;
  const serve = serveAnalysis(
    (s) => {
      if (fail) throw new Error('helper crashed');
      return analyseStory(s);
    },
    (m) => setTimeout(() => listener?.({ data: structuredClone(m) }), delay),
  );
  return { postMessage: (m) => serve(structuredClone(m)), addEventListener: (_t, fn) => void (listener = fn) };
}

const stories = [TESLA(), SMART_GUN_REUTERS(), GERMANY(), TESLA().slice(2), GERMANY().slice(1)].map((p, i) => ({ id: `s${i}`, title: `T${i}`, text: p.join('\n\n') }));

describe('analysePool', () => {
  it('returns the same analysis as analyseStory, in order, whatever helper answers first', async () => {
    const pool = analysePool([helper(30), helper(1), helper(10)]);
    expect(await pool(stories)).toEqual(stories.map(analyseStory));
    expect(await pool([])).toEqual([]);
  });

  it('rejects when a helper fails', async () => {
    await expect(analysePool([helper(1), helper(1, true)])(stories)).rejects.toThrow('helper crashed');
  });
});
