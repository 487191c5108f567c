// Times the steps of a query: each lap() charges the time since the previous lap to one step.
import type { QueryTimings } from './types';

type Step = Exclude<keyof QueryTimings, 'total'>;

export class PhaseClock {
  private readonly start = performance.now();
  private last = this.start;
  private readonly spent: QueryTimings = { analyse: 0, postings: 0, boilerplate: 0, candidates: 0, align: 0, related: 0, total: 0 };

  lap(step: Step): void {
    const now = performance.now();
    this.spent[step] += now - this.last;
    this.last = now;
  }

  timings(): QueryTimings {
    const out = { ...this.spent, total: this.last - this.start };
    for (const k of Object.keys(out) as (keyof QueryTimings)[]) out[k] = Math.round(out[k] * 10) / 10;
    return out;
  }
}
