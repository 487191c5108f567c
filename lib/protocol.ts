// Every message that crosses between extension contexts (content script, popup, options, viewer,
// background), one map per direction, and the Result value errors cross as.
import type { PageInput, QueryResult } from './index/types';

/** Errors cross contexts as values: thrown Errors are not structured-cloneable everywhere. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(error: string): Result<T> => ({ ok: false, error });

/**
 * Messages the background answers: name → [request, response value].
 * Sections are owned by features; add a JSDoc line per message.
 */
export interface BackgroundProtocol {
  // --- reading (content script, popup) ---
  /** Check an extracted page against the corpus. */
  checkPage: [PageInput, QueryResult];
}

export type MessageName = keyof BackgroundProtocol;
export type RequestOf<N extends MessageName> = BackgroundProtocol[N][0];
export type ResponseOf<N extends MessageName> = BackgroundProtocol[N][1];

/** The envelope on the wire. */
export interface Envelope<N extends MessageName = MessageName> {
  type: N;
  payload: RequestOf<N>;
}
