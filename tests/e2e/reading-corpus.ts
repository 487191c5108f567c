// Puts a corpus into the extension under test the way a user does: the options page's file picker,
// then waits for the import job to finish (the import runs in the options page's worker).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { waitUntil, type Bridge } from './reading-helpers';

export const SEEDS_DIR = join(import.meta.dirname, '../fixtures/seeds');

/** Anything that can open an extension page (an ExtensionSession, or the demo's own launch). */
export interface CorpusTarget {
  openExtensionPage(path: string): Promise<Page>;
}

interface JobView {
  collectionName: string;
  state: string;
  added: number;
  alreadyPresent: number;
  error?: string;
  startedAt: number;
}

/** Imports `files` as one collection named `name`; returns the stories stored (new or present). */
export async function importFiles(t: CorpusTarget, bg: Bridge, files: string[], name: string, timeoutMs = 120_000): Promise<number> {
  const started = Date.now();
  const options = await t.openExtensionPage('options.html');
  try {
    await options.waitForSelector('#import-files', { state: 'attached' });
    await options.fill('#collection-name', name);
    await options.setInputFiles('#import-files', files);
    let job: JobView | undefined;
    await waitUntil(
      async () => {
        const jobs = await bg.call<JobView[]>('listImportJobs', null);
        job = jobs.find((j) => j.collectionName === name && j.startedAt >= started - 1000 && j.state !== 'running');
        return !!job;
      },
      `the import of "${name}"`,
      timeoutMs,
    );
    if (job!.state !== 'done') throw new Error(`Import of "${name}" ended ${job!.state}: ${job!.error ?? ''}`);
    return job!.added + job!.alreadyPresent;
  } finally {
    await options.close();
  }
}

/** Imports tests/fixtures/seeds as the collection "Seeds" (once per browser profile). */
export async function importSeedCorpus(t: CorpusTarget, bg: Bridge): Promise<number> {
  const have = await bg.call<{ name: string; stories: number }[]>('listCollections', null);
  const seeds = have.find((c) => c.name === 'Seeds');
  if (seeds && seeds.stories > 0) return seeds.stories;
  const files = readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(SEEDS_DIR, f));
  return importFiles(t, bg, files, 'Seeds');
}
