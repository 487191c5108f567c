// Background upkeep of the index, one run at a time: finish deleting collections marked
// 'deleting', and merge postings an import left pending (it was cancelled, or its page closed).
// Resumable after the worker stops (everything it needs is in the database), so it also runs at
// start-up.
import type { DexieBackend } from '../index/dexie/backend';

export interface UpkeepOptions {
  /** True while an import runs: it merges its own pending postings, so upkeep leaves them. */
  importing?: () => Promise<boolean>;
  onError?: (e: unknown) => void;
}

export class Upkeep {
  private running?: Promise<void>;
  private again = false;
  private readonly onError: (e: unknown) => void;

  constructor(
    private readonly backend: () => Promise<DexieBackend>,
    private readonly opts: UpkeepOptions = {},
  ) {
    this.onError = opts.onError ?? ((e) => console.warn('StoryTrace upkeep:', e));
  }

  /** Starts a run, or asks the current one to go round again; resolves when all is done. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          const b = await this.backend();
          while (await b.purgeStep()) {
            /* one transaction per step */
          }
          if (!(await this.opts.importing?.())) await b.mergePending();
        } while (this.again);
      } catch (e) {
        this.onError(e);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
