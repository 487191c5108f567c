// A key term's 52-bit id: how the IndexedDB term rows key a term, and how a page's terms are named
// to the team server, which never receives the terms themselves (lib/server/, README "Team index").
import { hashString } from '../text/hash';

const ID_LOW = 2 ** 20;

/** 32 bits of one hash (they place the id in a row, as a fingerprint hash does) and 20 of another. */
export function termId(term: string): number {
  return hashString(term) * ID_LOW + (hashString(term, 0x9747b28c) >>> 12);
}

/** The 32-bit hash that places a term id in a row. */
export const termRowHash = (id: number): number => Math.floor(id / ID_LOW);
