// A browser profile kept between benchmark runs: the import benchmark fills it once (a large corpus
// takes long to import), later runs measure checks on it. What a run must do to use one safely.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR } from '../e2e/support/extension';

/** What the import benchmark records in a kept profile about the corpus it imported. */
export interface KeptCorpus {
  stories: number;
  seed: string;
}

const RECORD = 'storytrace-bench.json';

/** The record of the corpus a kept profile holds, or undefined when it holds none yet. */
export function keptCorpus<T extends KeptCorpus>(profile: string): T | undefined {
  const file = join(profile, RECORD);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

export function recordKeptCorpus(profile: string, corpus: KeptCorpus): void {
  writeFileSync(join(profile, RECORD), JSON.stringify(corpus));
}

/**
 * Readies a kept profile for a run of the current build; returns the extension directory to load.
 * The profile runs its own copy of the build at a fixed path (same extension id, so the same
 * database), safe from rebuilds while a long run goes on; and the previous build's cached service
 * worker script is dropped, or Chromium would run it again.
 */
export function prepareKeptProfile(profile: string): string {
  for (const cache of ['Service Worker', 'Code Cache']) rmSync(join(profile, 'Default', cache), { recursive: true, force: true });
  const extensionDir = `${profile}-extension`;
  rmSync(extensionDir, { recursive: true, force: true });
  cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
  return extensionDir;
}
