// Benchmark statistics: percentiles by linear interpolation, spread, rounding.
import { describe, expect, it } from 'vitest';
import { median, p95, quantile, roundSig, summarize } from '../../bench/stats';

describe('stats', () => {
  it('interpolates quantiles between order statistics, whatever the input order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(p95(Array.from({ length: 101 }, (_, i) => 100 - i))).toBe(95);
    expect(quantile([7], 0.95)).toBe(7);
    expect(Number.isNaN(median([]))).toBe(true);
    expect(() => quantile([1], 1.5)).toThrow(/0\.\.1/u);
  });

  it('summarizes samples with their spread, and does not reorder the input', () => {
    const xs = [9, 1, 5, 3, 7];
    const s = summarize(xs);
    expect(s).toEqual({ n: 5, median_ms: 5, p95_ms: 8.6, spread: { min_ms: 1, max_ms: 9, iqr_ms: 4 } });
    expect(xs).toEqual([9, 1, 5, 3, 7]);
    expect(() => summarize([])).toThrow();
    // Large sample arrays must not overflow the stack (no Math.min(...xs)).
    expect(summarize(Array.from({ length: 300_000 }, (_, i) => i)).spread.max_ms).toBe(299_999);
  });

  it('rounds to significant digits', () => {
    expect(roundSig(0.012345)).toBe(0.0123);
    expect(roundSig(123456)).toBe(123000);
    expect(roundSig(-2.718, 2)).toBe(-2.7);
    expect(roundSig(0)).toBe(0);
  });
});
