// Everything derived from a story at import time (fingerprints, signature, key terms), and the
// same analysis of a page at query time.
import type { Story } from '../corpus/story';
import type { AnalysedStory } from '../index/types';
import { tokenize, type Tokens } from '../text/normalize';
import { fingerprintSet, hashWords, shingleHashes, winnow, type Fingerprint } from './fingerprint';
import { minhashSignature } from './signature';
import { extractTerms } from './terms';

/** Fingerprints, signature and key terms of one story. CPU only; no storage. */
export function analyseStory(story: Story): AnalysedStory {
  const tokens = tokenize(story.text);
  const wordHashes = hashWords(tokens.words);
  return {
    ...story,
    fingerprints: fingerprintSet(wordHashes),
    signature: minhashSignature(shingleHashes(wordHashes)),
    terms: extractTerms(story.title, story.text, tokens),
    words: tokens.words.length,
  };
}

/** A page prepared for a query. */
export interface PageAnalysis {
  text: string;
  tokens: Tokens;
  wordHashes: Uint32Array;
  /** Winnowed fingerprints with their word positions. */
  fingerprints: Fingerprint[];
  /** The same hashes, unique. */
  uniqueHashes: number[];
  terms: [string, number][];
}

export function analysePage(text: string, title = ''): PageAnalysis {
  const tokens = tokenize(text);
  const wordHashes = hashWords(tokens.words);
  const fingerprints = winnow(shingleHashes(wordHashes));
  const uniqueHashes = [...new Set(fingerprints.map((f) => f.hash))];
  return { text, tokens, wordHashes, fingerprints, uniqueHashes, terms: extractTerms(title, text, tokens) };
}
