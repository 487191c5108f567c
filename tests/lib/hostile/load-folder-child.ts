// Child process of hostile-folder.test.ts: loads a corpus folder as `storytrace check --corpus`
// does (lib/cli/load-corpus.ts) and prints one JSON line: the ids held, the warnings, and this
// process's peak resident memory. A process of its own, so its peak RSS is the load's alone.
import { readFileSync } from 'node:fs';
import { loadCorpus } from '../../../lib/cli/load-corpus';
import { MemoryBackend } from '../../../lib/index/memory/backend';
import { StoryIndex } from '../../../lib/index/story-index';

const backend = new MemoryBackend();
const index = new StoryIndex(backend);
const warnings: string[] = [];
const started = performance.now();
const added = await loadCorpus(index, [process.argv[2]], (m) => warnings.push(m));
const ids: string[] = [];
for (let after = -1; ; ) {
  const page = await backend.collectionStories(process.argv[2], after, 1000);
  if (page.length === 0) break;
  for (const s of page) ids.push(s.id);
  after = page[page.length - 1].key;
}
// VmHWM, not getrusage's maxRSS: on Linux a spawned child's maxRSS starts at its parent's resident
// size at fork (the test process that has just written a 1 GB bomb), so it reported the parent.
const hwm = /^VmHWM:\s+(\d+) kB/m.exec(safeRead('/proc/self/status'));
const peakRssMb = Math.round((hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS) / 1024);
process.stdout.write(JSON.stringify({ added, ids, warnings, peakRssMb, ms: Math.round(performance.now() - started) }) + '\n');

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
