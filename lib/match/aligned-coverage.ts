// Structure of a resemblance: how much of the shorter text lies in regions aligned with the other,
// where a region is a chain of shared content words close together in both texts (gaps of a few
// words allowed). A rewrite changes words scattered evenly through the whole text, so its shared
// words chain into regions spanning nearly all of it; stories of the same event share islands
// (quoted wire paragraphs) inside different text, and the names and places they also share lie
// scattered, too far apart in the other text to chain. Counting words in order (resemblance.ts)
// cannot tell the two apart; the span of chained regions can.
import { STOPWORDS } from '../text/stopwords';

/** Content words skipped at most, on either side, between two chained matches: a heavy rewrite
 *  (a word in four changed) leaves runs of three or four changed content words here and there. */
const MAX_GAP = 5;
/** How far two chained matches may leave each other's diagonal (words dropped or inserted on one
 *  side only): a rewrite keeps its words in step, names scattered through another story do not. */
const MAX_DRIFT = 2;
/** Shorter texts above this many content words are not compared (as in resemblance.ts): the
 *  matches followed grow with the text. */
const MAX_CONTENT_WORDS = 4000;
/** Matches a region needs to count: two or three shared words close together are a phrase or a name
 *  ("Prime Minister Macmillan said"), not an aligned region. */
const MIN_REGION_MATCHES = 4;
/** Occurrences of one word followed in the longer text: a word repeated more often is formula, and
 *  following every copy would make the pass quadratic. */
const MAX_POSITIONS = 48;

function contentWords(words: readonly string[]): string[] {
  return words.filter((w) => !STOPWORDS.has(w));
}

/** Share (0..1) of the shorter text's content words lying inside aligned regions with the other. */
export function alignedCoverage(a: readonly string[], b: readonly string[]): number {
  let x = contentWords(a);
  let y = contentWords(b);
  if (x.length === 0 || y.length === 0) return 0;
  if (x.length > y.length) [x, y] = [y, x];
  if (x.length > MAX_CONTENT_WORDS) return 0;
  const where = new Map<string, number[]>();
  for (let j = 0; j < y.length; j++) {
    const list = where.get(y[j]);
    if (!list) where.set(y[j], [j]);
    else if (list.length < MAX_POSITIONS) list.push(j);
  }
  // Union-find over matches; each region keeps its match count and its span in x.
  const parent: number[] = [];
  const count: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  const find = (m: number): number => {
    while (parent[m] !== m) m = parent[m] = parent[parent[m]];
    return m;
  };
  const union = (m: number, n: number) => {
    const a = find(m);
    const b = find(n);
    if (a === b) return;
    parent[b] = a;
    count[a] += count[b];
    lo[a] = Math.min(lo[a], lo[b]);
    hi[a] = Math.max(hi[a], hi[b]);
  };
  // Per diagonal (j - i): the latest match on it, as [i, j, match id].
  const last = new Map<number, [number, number, number]>();
  for (let i = 0; i < x.length; i++) {
    const list = where.get(x[i]);
    if (!list) continue;
    for (const j of list) {
      const m = parent.length;
      parent.push(m);
      count.push(1);
      lo.push(i);
      hi.push(i);
      const d = j - i;
      for (let e = d - MAX_DRIFT; e <= d + MAX_DRIFT; e++) {
        const prev = last.get(e);
        if (!prev) continue;
        const [pi, pj, pm] = prev;
        if (pi < i && i - pi <= MAX_GAP + 1 && pj < j && j - pj <= MAX_GAP + 1) union(pm, m);
      }
      last.set(d, [i, j, m]);
    }
  }
  const covered = new Uint8Array(x.length);
  for (let m = 0; m < parent.length; m++) if (parent[m] === m && count[m] >= MIN_REGION_MATCHES) covered.fill(1, lo[m], hi[m] + 1);
  let n = 0;
  for (const c of covered) n += c;
  return n / x.length;
}
