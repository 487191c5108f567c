// TSV corpora with a header row → stories: the CSV reader with the delimiter fixed to tab.
import type { ParseResult } from '../story';
import { parseCsv } from './csv';

/** Parses tab-separated text with a header (quoted fields allowed, as Excel writes them). */
export function parseTsv(name: string, text: string): ParseResult {
  return parseCsv(name, text, '\t');
}
