// The import worker's host: a job runs under its Web Lock, and "finished" is posted only after the
// lock is released, so the background (which leaves pending postings to a job that holds its lock)
// can merge what a cancelled job left as soon as the page reports the end.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DexieBackend } from '../../../lib/index/dexie/backend';
import { createImportHost } from '../../../lib/import/import-host';
import type { ImportWorkerEvent } from '../../../lib/protocol';

describe('createImportHost', () => {
  it('posts "finished" after the job lock is released', async () => {
    const backend = DexieBackend.open(`host-${process.pid}`);
    const log: string[] = [];
    const run = createImportHost({
      backend: () => backend,
      post: (e: ImportWorkerEvent) => void log.push(`post ${e.type}`),
      withLock: async (name, fn) => {
        log.push(`lock ${name}`);
        try {
          return await fn();
        } finally {
          log.push('unlock');
        }
      },
    });
    const text = 'A ferry carrying 300 passengers ran aground off the northern coast on Sunday, officials said, and all were rescued.';
    const blob = new Blob([JSON.stringify({ id: 'one', title: 'Ferry aground', text })]);
    await run({ type: 'start', jobId: 'j1', collection: { id: 'c1', name: 'One' }, files: [{ name: 'one.jsonl', blob }] });
    const events = log.filter((l) => l !== 'post progress');
    expect(events).toEqual(['lock storytrace-import:j1', 'unlock', 'post finished']);
    (await backend).close();
  });
});
