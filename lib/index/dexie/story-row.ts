// A story's stored row and back: the analysis packed into one Uint32Array and one string.
import type { AnalysedStory, StoredStory } from '../types';
import type { StoryRow } from './rows';

const SEP = '\u0000';

export function packStoryRow(s: AnalysedStory, key: number): StoryRow {
  const sig = s.signature;
  const fp = s.fingerprints;
  const nums = new Uint32Array(2 + sig.length + fp.length + s.terms.length);
  nums[0] = sig.length;
  nums[1] = fp.length;
  nums.set(sig, 2);
  nums.set(fp, 2 + sig.length);
  let i = 2 + sig.length + fp.length;
  for (const [, w] of s.terms) nums[i++] = Math.round(w * 1000);
  const row: StoryRow = { key, id: s.id, title: s.title, text: s.text, words: s.words, nums, terms: s.terms.map(([t]) => t).join(SEP) };
  if (s.url) row.url = s.url;
  if (s.source) row.source = s.source;
  if (s.date) row.date = s.date;
  if (s.author) row.author = s.author;
  return row;
}

/** Signature, fingerprints and weighted terms of a row. */
export function rowAnalysis(r: StoryRow): { signature: Uint32Array; fingerprints: Uint32Array; terms: [string, number][] } {
  const sigLen = r.nums[0];
  const fpLen = r.nums[1];
  const signature = r.nums.subarray(2, 2 + sigLen);
  const fingerprints = r.nums.subarray(2 + sigLen, 2 + sigLen + fpLen);
  const w0 = 2 + sigLen + fpLen;
  const terms: [string, number][] = r.terms ? r.terms.split(SEP).map((t, i) => [t, r.nums[w0 + i] / 1000]) : [];
  return { signature, fingerprints, terms };
}

export function unpackStoryRow(r: StoryRow, collection: string): StoredStory {
  const a = rowAnalysis(r);
  const s: StoredStory = {
    key: r.key,
    collection,
    id: r.id,
    title: r.title,
    text: r.text,
    words: r.words,
    fingerprints: Array.from(a.fingerprints),
    signature: Array.from(a.signature),
    terms: a.terms,
  };
  if (r.url) s.url = r.url;
  if (r.source) s.source = r.source;
  if (r.date) s.date = r.date;
  if (r.author) s.author = r.author;
  return s;
}
