// Summary statistics for benchmark samples: median, percentiles (linear interpolation), spread.

/** The q-quantile (0..1) of the samples, interpolating linearly between order statistics. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile must be within 0..1, got ${q}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

export function p95(samples: readonly number[]): number {
  return quantile(samples, 0.95);
}

/** How much a measurement moved between repetitions. */
export interface Spread {
  min_ms: number;
  max_ms: number;
  /** Interquartile range (p75 − p25). */
  iqr_ms: number;
}

export interface Summary {
  n: number;
  median_ms: number;
  p95_ms: number;
  spread: Spread;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarize');
  return {
    n: samples.length,
    median_ms: median(samples),
    p95_ms: p95(samples),
    spread: {
      min_ms: samples.reduce((a, b) => Math.min(a, b), Infinity),
      max_ms: samples.reduce((a, b) => Math.max(a, b), -Infinity),
      iqr_ms: quantile(samples, 0.75) - quantile(samples, 0.25),
    },
  };
}

/** Rounds to a few significant digits for printing and JSON (figures drift more than that anyway). */
export function roundSig(x: number, digits = 3): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const scale = Math.pow(10, digits - 1 - Math.floor(Math.log10(Math.abs(x))));
  return Math.round(x * scale) / scale;
}
