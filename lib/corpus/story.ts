// The story record every importer produces and every index stores.

/** One news story as imported from a corpus file. */
export interface Story {
  /** The record's own id where it had one, otherwise derived from the content (see story-id.ts). */
  id: string;
  title: string;
  /** Plain text, paragraphs separated by blank lines. Never HTML. */
  text: string;
  url?: string;
  source?: string;
  /** The publication time as the source gave it (the original string, kept for evidence). */
  date?: string;
  /** `date` parsed to ISO 8601 (lib/provenance/dates): `YYYY-MM-DD` for a day, with time and
   *  offset (`2023-04-22T10:15:00+03:00`, `…Z`) when the source gave them. Never a guess: absent
   *  when the date is unknown or ambiguous. */
  published?: string;
  author?: string;
}

/** A problem with one file or one record of it; the rest of the file is still imported. */
export interface ParseProblem {
  file: string;
  /** 1-based record number within the file, where the problem is one record. */
  record?: number;
  /** 1-based line number, where known. */
  line?: number;
  reason: string;
}

/** What a parser returns: the stories it could read and the problems it met. */
export interface ParseResult {
  stories: Story[];
  problems: ParseProblem[];
}
