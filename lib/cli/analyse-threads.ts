// Analysis of `storytrace index` on worker threads: on one thread, analysis (1,863 stories/s at
// 100k) shared the CLI's core with parsing and building the COPY text, and held the import at about
// 820 stories/s. The threads speak the import worker's protocol (lib/import/analyse-pool.ts).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Story } from '../corpus/story';
import { analysePool, type AnalyseHelper, type AnalyseReply, type AnalyseRequest } from '../import/analyse-pool';
import type { AnalysedStory } from '../index/types';
import { analyseStory } from '../match/analyse';

export interface AnalyseThreads {
  analyse: (stories: Story[]) => Promise<AnalysedStory[]>;
  close: () => Promise<void>;
}

/** One thread fewer than the cores by default: the main thread (reading, COPY text) and the
 *  database need the rest. On this 2-core machine, one thread imported 30,000 stories as fast as two
 *  (1,049 and 1,045 stories/s) with less memory (861 and 1,242 MB: each thread's heap holds its
 *  share); at 100,000 one thread gave 1,001 stories/s against 917 on the main thread, peak RSS 963 MB
 *  (`npm run bench:pg-import -- 100000 --threads 1 --baseline-threads 0`, BENCHMARKS.md). */
export function defaultAnalyseThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** `count` 0: on the calling thread (the fewest bytes held, nothing to start). */
export function openAnalyseThreads(count = defaultAnalyseThreads()): AnalyseThreads {
  if (count === 0) return { analyse: async (stories) => stories.map(analyseStory), close: async () => {} };
  const workers: Worker[] = [];
  const helpers = Array.from({ length: count }, () => {
    const w = new Worker(new URL('./analyse-thread.mjs', import.meta.url));
    workers.push(w);
    // An idle thread must not keep the process alive.
    w.unref();
    return helperOf(w);
  });
  const pool = analysePool(helpers);
  return {
    // In parts: a thread given a whole batch at once held all of its analysis garbage at once.
    analyse: async (stories) => (await Promise.all(parts(stories).map(pool))).flat(),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Characters of text in one request to a thread. */
const PART_CHARS = 2 ** 20;

function parts(stories: Story[]): Story[][] {
  const out: Story[][] = [];
  let part: Story[] = [];
  let chars = 0;
  for (const s of stories) {
    part.push(s);
    chars += s.title.length + s.text.length;
    if (chars >= PART_CHARS) {
      out.push(part);
      part = [];
      chars = 0;
    }
  }
  if (part.length) out.push(part);
  return out;
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
