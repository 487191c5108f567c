// Analysis of `storytrace index` on worker threads: on one thread, analysis (1,863 stories/s at
// 100k) shared the CLI's core with parsing and building the COPY text, and held the import at about
// 820 stories/s. The threads speak the import worker's protocol (lib/import/analyse-pool.ts).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Story } from '../corpus/story';
import { analysePool, type AnalyseHelper, type AnalyseReply, type AnalyseRequest } from '../import/analyse-pool';
import type { AnalysedStory } from '../index/types';

export interface AnalyseThreads {
  analyse: (stories: Story[]) => Promise<AnalysedStory[]>;
  close: () => Promise<void>;
}

/** One thread fewer than the cores by default: the main thread (reading, COPY text) and the
 *  database need the rest. On this 2-core machine (`npm run bench:pg-import -- 30000`), one thread
 *  imports at 1,049 stories/s with a peak RSS of 861 MB, two at 1,045 with 1,242 MB (each thread's
 *  heap holds its share of a batch), analysis on the main thread 611 with 773 MB. */
export function defaultAnalyseThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

export function openAnalyseThreads(count = defaultAnalyseThreads()): AnalyseThreads {
  const workers: Worker[] = [];
  const helpers = Array.from({ length: Math.max(1, count) }, () => {
    const w = new Worker(new URL('./analyse-thread.mjs', import.meta.url));
    workers.push(w);
    // An idle thread must not keep the process alive.
    w.unref();
    return helperOf(w);
  });
  return {
    analyse: analysePool(helpers),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** The pool's helper over a Node worker; a thread that dies fails what it was given instead of
 *  leaving it waiting forever. */
function helperOf(w: Worker): AnalyseHelper {
  const pending = new Set<number>();
  const listeners: ((e: { data: AnalyseReply }) => void)[] = [];
  const deliver = (data: AnalyseReply) => {
    pending.delete(data.id);
    if (pending.size === 0) w.unref();
    for (const fn of listeners) fn({ data });
  };
  let dead: string | undefined;
  const die = (why: string) => {
    dead ??= why;
    for (const id of [...pending]) deliver({ id, error: `analysis thread stopped: ${why}` });
  };
  w.on('message', deliver);
  w.on('error', (e) => die(e.message));
  w.on('exit', (code) => die(`exit code ${code}`));
  return {
    postMessage(m: AnalyseRequest) {
      if (dead !== undefined) {
        queueMicrotask(() => deliver({ id: m.id, error: `analysis thread stopped: ${dead}` }));
        return;
      }
      pending.add(m.id);
      w.ref();
      w.postMessage(m);
    },
    addEventListener(_type, fn) {
      listeners.push(fn);
    },
  };
}
