// Everything derived from a story at import time (fingerprints, signature, key terms), and the
// same analysis of a page at query time.
import type { Story } from '../corpus/story';
import { parseDate } from '../provenance/dates';
import type { AnalysedStory } from '../index/types';
import { tokenize, type Tokens } from '../text/normalize';
import { fingerprintSet, hashWords, shingleHashes, winnow, type Fingerprint } from './fingerprint';
import { MAX_QUERY_FINGERPRINTS, PAGE_TERMS, WINDOW } from './params';
import { minhashSignature } from './signature';
import { extractTerms } from './terms';
import { anchorTerms } from '../translation/anchor-terms';

/** Fingerprints, signature and key terms of one story. CPU only; no storage. */
export function analyseStory(story: Story): AnalysedStory {
  const tokens = tokenize(story.text);
  const wordHashes = hashWords(tokens.words);
  // The publication time as ISO 8601 whenever the story's date says it (never a guess): provenance
  // orders stories by it.
  const published = story.published ?? (story.date ? parseDate(story.date) : undefined);
  return {
    ...story,
    ...(published ? { published } : {}),
    fingerprints: fingerprintSet(wordHashes),
    signature: minhashSignature(shingleHashes(wordHashes)),
    // Key terms, then the anchors a translation of the story keeps (lib/translation/anchor-terms.ts).
    terms: [...extractTerms(story.title, story.text, tokens), ...anchorTerms(story.title, story.text)],
    words: tokens.words.length,
  };
}

/** A page prepared for a query. */
export interface PageAnalysis {
  text: string;
  tokens: Tokens;
  wordHashes: Uint32Array;
  /** The fingerprints looked up (winnowed with the page-side window), with their word positions. */
  fingerprints: Fingerprint[];
  /** The same hashes, unique. */
  uniqueHashes: number[];
  terms: [string, number][];
}

/** Analyses a page; `window` is the page-side winnowing window (see QUERY_WINDOW in params.ts). */
export function analysePage(text: string, title = '', window: number = WINDOW): PageAnalysis {
  const tokens = tokenize(text);
  const wordHashes = hashWords(tokens.words);
  const shingles = shingleHashes(wordHashes);
  // Winnowing keeps about 2/(w+1) of the shingles: widen the window for very long pages.
  const w = Math.max(window, Math.ceil((2 * shingles.length) / MAX_QUERY_FINGERPRINTS) - 1);
  const fingerprints = winnow(shingles, w);
  const uniqueHashes = [...new Set(fingerprints.map((f) => f.hash))];
  return { text, tokens, wordHashes, fingerprints, uniqueHashes, terms: extractTerms(title, text, tokens, PAGE_TERMS) };
}
