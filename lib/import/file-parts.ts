// Big JSON Lines files read in parts cut at line ends, so a file of any size (1 GB and more) is
// imported without ever being held whole: one part's bytes and stories at a time.
import type { ImportFile } from './import-runner';

/** Files above this size are read in parts of about this size. */
export const PART_BYTES = 32 * 1024 * 1024;
/** Bytes read at once while looking for the end of a line. */
const SCAN_BYTES = 1024 * 1024;

/** The part of a Blob the importer needs (File and Blob in every context; a file-backed Blob in Node). */
export interface SliceableBlob {
  size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

// Only formats whose records never span a line end can be cut at one soundly. CSV and TSV can (a
// quoted cell may hold newlines: where a cut falls is only known by reading from the start), and
// text, HTML, JSON, feeds and ZIP are one document each; those stay whole and meet parseFile's limit.
const LINE_FORMATS = /\.(?:jsonl|ndjson|jsonlines)$/i;

/**
 * The import files for one source: itself when small or not line-oriented, otherwise parts of
 * about `partBytes` each, cut just after a newline, named "name (part i of n)". Problems in a part
 * give line numbers counted from the start of that part.
 */
export async function importPartsOf(name: string, blob: SliceableBlob, partBytes = PART_BYTES): Promise<ImportFile[]> {
  const whole: ImportFile = { name, size: blob.size, read: async () => new Uint8Array(await blob.slice().arrayBuffer()) };
  if (blob.size <= partBytes || !LINE_FORMATS.test(name)) return [whole];
  const cuts = [0];
  for (let target = partBytes; target < blob.size;) {
    const cut = await lineStartAtOrAfter(blob, target);
    if (cut >= blob.size) break;
    cuts.push(cut);
    // A line longer than a part moves the next cut past it: parts are never empty.
    target = Math.max(cut + 1, cuts.length * partBytes);
  }
  cuts.push(blob.size);
  const n = cuts.length - 1;
  if (n === 1) return [whole];
  return Array.from({ length: n }, (_, i) => {
    const [start, end] = [cuts[i], cuts[i + 1]];
    return {
      name: `${name} (part ${i + 1} of ${n})`,
      size: end - start,
      read: async () => new Uint8Array(await blob.slice(start, end).arrayBuffer()),
    };
  });
}

/** The first offset ≥ `pos` that starts a line (just after a '\n'), or the blob's size. */
async function lineStartAtOrAfter(blob: SliceableBlob, pos: number): Promise<number> {
  for (let at = pos - 1; at < blob.size; at += SCAN_BYTES) {
    const bytes = new Uint8Array(await blob.slice(at, Math.min(blob.size, at + SCAN_BYTES)).arrayBuffer());
    const nl = bytes.indexOf(0x0a);
    if (nl >= 0) return at + nl + 1;
  }
  return blob.size;
}
