// A Node worker thread of `storytrace index` that analyses stories (lib/cli/analyse-threads.ts).
// Plain JavaScript so the thread can start tsx itself before loading the TypeScript engine.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { serveAnalysis } = await import('../import/analyse-pool.ts');
const { analyseStory } = await import('../match/analyse.ts');
const serve = serveAnalysis(analyseStory, (m, transfer) => parentPort.postMessage(m, transfer));
parentPort.on('message', serve);
