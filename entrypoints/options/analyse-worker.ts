// An analysis helper thread of the import worker: wiring only, see lib/import/analyse-pool.ts.
import { serveAnalysis } from '../../lib/import/analyse-pool';
import { analyseStory } from '../../lib/match/analyse';

const serve = serveAnalysis(analyseStory, (m, transfer) => postMessage(m, { transfer }));
addEventListener('message', (e: MessageEvent) => serve(e.data));
