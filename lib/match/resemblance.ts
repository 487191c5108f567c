// Ordered content-word overlap: how much of the shorter text's content words appear, in order, in
// the other. Catches heavier rewrites (a word in four changed) whose identical runs are too short to
// seed passages, while function words ("of the", "in a") cannot make two unrelated texts look alike.
import { STOPWORDS } from '../text/stopwords';

/** Longest texts compared, in content words: the dynamic programme is quadratic. */
const MAX_CONTENT_WORDS = 4000;

function contentWords(words: readonly string[]): string[] {
  return words.filter((w) => !STOPWORDS.has(w));
}

/** Length of the longest common subsequence of content words ÷ the shorter content length (0..1). */
export function orderedOverlap(a: readonly string[], b: readonly string[]): number {
  let x = contentWords(a);
  let y = contentWords(b);
  if (x.length === 0 || y.length === 0) return 0;
  if (x.length > MAX_CONTENT_WORDS || y.length > MAX_CONTENT_WORDS) return 0;
  if (x.length > y.length) [x, y] = [y, x];
  // Words as small integers make the inner loop a numeric compare.
  const ids = new Map<string, number>();
  const idOf = (w: string) => ids.get(w) ?? (ids.set(w, ids.size), ids.size - 1);
  const xs = Int32Array.from(x, idOf);
  const ys = Int32Array.from(y, idOf);
  let prev = new Int32Array(xs.length + 1);
  let cur = new Int32Array(xs.length + 1);
  for (let j = 0; j < ys.length; j++) {
    const yj = ys[j];
    for (let i = 0; i < xs.length; i++) cur[i + 1] = xs[i] === yj ? prev[i] + 1 : Math.max(prev[i + 1], cur[i]);
    [prev, cur] = [cur, prev];
  }
  return prev[xs.length] / xs.length;
}
