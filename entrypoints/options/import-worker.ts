// The import worker (a dedicated worker of the options page): wiring only, see lib/import/import-host.ts.
//
// Why here: parsing, analysis and IndexedDB writes run off the page's UI thread, and apart from
// the background service worker, which must stay free to answer page checks (it cannot start
// workers itself and Chromium may stop it at any time). The worker writes the same database the
// background reads; every batch and its job row are one transaction, so closing the options tab
// (which ends this worker) stops the import at a batch boundary with the collection exact, and the
// reopened page shows the job as interrupted (its Web Lock is gone) with how far it got.
import { DexieBackend } from '../../lib/index/dexie/backend';
import { createImportHost } from '../../lib/import/import-host';
import { analysePool } from '../../lib/import/analyse-pool';
import type { ImportWorkerEvent } from '../../lib/protocol';
import AnalyseWorker from './analyse-worker?worker';

// Analysis runs in helper threads (all cores but the one this worker and IndexedDB keep busy),
// overlapping the merge and commit of the previous batch here.
const helpers = Math.max(1, Math.min(3, (navigator.hardwareConcurrency || 2) - 1));
let analyse: ReturnType<typeof analysePool> | undefined;

let backend: Promise<DexieBackend> | undefined;
const host = createImportHost({
  analyse: (stories) => (analyse ??= analysePool(Array.from({ length: helpers }, () => new AnalyseWorker())))(stories),
  backend: () => (backend ??= DexieBackend.open()),
  post: (event: ImportWorkerEvent) => postMessage(event),
  withLock: navigator.locks ? <T,>(name: string, run: () => Promise<T>) => navigator.locks.request(name, run) as Promise<T> : undefined,
});
addEventListener('message', (e: MessageEvent) => void host(e.data));
