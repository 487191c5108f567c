// ZIP archives → the stories of every file inside, each parsed by its own name. Bounded against zip
// bombs: declared sizes and ratios are checked before anything is expanded, and expansion streams
// through fflate's Inflate and stops as soon as an entry outgrows what its header declared.
import { Inflate } from 'fflate';
import type { ParseProblem, ParseResult, Story } from '../story';
import { decodeText } from '../decode';
import { problemText } from '../problem';

/** Limits for one archive. */
export interface ZipLimits {
  /** Bytes all entries may expand to, together. */
  maxBytes: number;
  /** Largest expanded/compressed ratio accepted for entries (and archives) over 1 MiB expanded. */
  maxZipRatio: number;
  /** Bytes one entry may expand to (it is then parsed whole); default maxBytes. */
  maxEntryBytes?: number;
}

/** Parses one extracted entry; `budget` is what is left of the expansion allowance (nested archives). */
export type EntryParser = (path: string, bytes: Uint8Array, budget: number) => ParseResult;

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  csize: number;
  usize: number;
  /** False when the size is unknown (salvaged entry written with a data descriptor). */
  sizeKnown: boolean;
  /** Offset of the local header, or of the data itself for salvaged entries. */
  offset: number;
  salvaged: boolean;
}

/** Below this expanded size an entry cannot be a bomb, whatever its ratio (1 KB of spaces is 100:1). */
const RATIO_FLOOR = 1 << 20;
/** Compressed bytes fed to the inflater at once: bounds one step's output to ~16 MB. */
const INFLATE_STEP = 16 * 1024;
const MAX_ENTRIES = 1_000_000;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_LOCATOR64 = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;

/** Parses a ZIP archive; never throws, every refusal is a problem naming the archive or entry. */
export function parseZip(name: string, bytes: Uint8Array, limits: ZipLimits, parseEntry: EntryParser): ParseResult {
  const stories: Story[] = [];
  const problems: ParseProblem[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let listing: { entries: ZipEntry[]; problem?: string };
  try {
    listing = readCentralDirectory(bytes, view) ?? salvageLocalHeaders(bytes, view);
  } catch (e) {
    return { stories, problems: [{ file: name, ...problemText('problem_zip_corrupt', e instanceof Error ? e.message : String(e)) }] };
  }
  if (listing.problem) problems.push({ file: name, reason: listing.problem });
  const entries = listing.entries.filter((e) => !skipped(e.name));
  if (!entries.length) {
    if (!listing.problem) problems.push({ file: name, ...problemText('problem_zip_empty') });
    return { stories, problems };
  }

  // The whole archive first: a bomb of many small entries is refused before a byte is expanded. An
  // archive with one bomb entry among good files is not: that entry is refused by its own size and
  // ratio below, before it is expanded, and the good files are read.
  const declared = entries.reduce((sum, e) => sum + (e.sizeKnown ? e.usize : 0), 0);
  const sane = (e: ZipEntry) => !e.sizeKnown || e.usize <= RATIO_FLOOR || e.usize / Math.max(e.csize, 1) <= limits.maxZipRatio;
  const saneDeclared = entries.reduce((sum, e) => sum + (e.sizeKnown && sane(e) ? e.usize : 0), 0);
  if (saneDeclared > limits.maxBytes) {
    problems.push({
      file: name,
      ...problemText('problem_zip_bomb_total', mb(declared), mb(limits.maxBytes)),
    });
    return { stories, problems };
  }
  if (saneDeclared > RATIO_FLOOR && saneDeclared / Math.max(bytes.length, 1) > limits.maxZipRatio) {
    problems.push({
      file: name,
      ...problemText('problem_zip_bomb_ratio', mb(bytes.length), mb(declared), Math.round(declared / bytes.length), limits.maxZipRatio),
    });
    return { stories, problems };
  }

  let expanded = 0;
  for (const entry of entries) {
    const path = `${name}/${entry.name}`;
    const data = extract(entry, bytes, view, limits, limits.maxBytes - expanded);
    if (typeof data === 'string') {
      problems.push({ file: path, reason: data });
      continue;
    }
    expanded += data.length;
    let result: ParseResult;
    try {
      result = parseEntry(path, data, limits.maxBytes - expanded);
    } catch (e) {
      result = { stories: [], problems: [{ file: path, ...problemText('problem_parse_failed', e instanceof Error ? e.message : String(e)) }] };
    }
    for (const s of result.stories) stories.push(s);
    for (const p of result.problems) problems.push(p);
  }
  return { stories, problems };
}

/** An entry's bytes, or why they cannot be had. */
function extract(entry: ZipEntry, bytes: Uint8Array, view: DataView, limits: ZipLimits, budget: number): Uint8Array | string {
  if (entry.flags & 1) return 'encrypted entry (password-protected archives are not supported)';
  if (entry.method !== 0 && entry.method !== 8) return `unsupported compression method ${entry.method} (only stored and deflate)`;
  if (entry.sizeKnown && entry.usize > RATIO_FLOOR && entry.usize / Math.max(entry.csize, 1) > limits.maxZipRatio) {
    return `zip bomb refused: ${mb(entry.csize)} declares ${mb(entry.usize)} expanded (ratio ${Math.round(entry.usize / Math.max(entry.csize, 1))}:1, limit ${limits.maxZipRatio}:1); not expanded`;
  }
  const maxEntry = Math.min(budget, limits.maxEntryBytes ?? limits.maxBytes);
  const tooLarge = `too large to expand and read whole (the limit for one archived file is ${mb(limits.maxEntryBytes ?? limits.maxBytes)}): unpack the archive and import the file itself`;
  if (entry.sizeKnown && entry.usize > maxEntry && maxEntry < budget) return `${mb(entry.usize)}, ${tooLarge}`;
  let start = entry.offset;
  if (!entry.salvaged) {
    if (start + 30 > bytes.length || view.getUint32(start, true) !== SIG_LOCAL) return 'corrupt entry (no local header where the directory points)';
    start += 30 + view.getUint16(start + 26, true) + view.getUint16(start + 28, true);
  }
  if (start + entry.csize > bytes.length) return 'truncated entry (its data runs past the end of the archive)';
  const raw = bytes.subarray(start, start + entry.csize);
  if (entry.method === 0) {
    if (raw.length > budget) return `refused: expanding it would pass the ${mb(limits.maxBytes)} limit`;
    return raw.length > maxEntry ? `${mb(raw.length)}, ${tooLarge}` : raw;
  }
  // Forged headers: never produce more than the header declared, nor than the budget left, nor than
  // one entry may be.
  const cap = entry.sizeKnown ? entry.usize : Math.min(maxEntry, Math.max(RATIO_FLOOR, entry.csize * limits.maxZipRatio));
  if (cap > budget) return `refused: expanding it would pass the ${mb(limits.maxBytes)} limit`;
  return inflateCapped(raw, cap);
}

/** Streams deflate data, stopping as soon as the output passes `cap`. */
function inflateCapped(raw: Uint8Array, cap: number): Uint8Array | string {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    if (over) return;
    total += chunk.length;
    if (total > cap) over = true;
    else chunks.push(chunk);
  });
  try {
    if (!raw.length) inflater.push(raw, true);
    for (let p = 0; p < raw.length && !over; p += INFLATE_STEP) {
      inflater.push(raw.subarray(p, p + INFLATE_STEP), p + INFLATE_STEP >= raw.length);
    }
  } catch (e) {
    return `corrupt compressed data (${e instanceof Error ? e.message : String(e)})`;
  }
  if (over) return `zip bomb refused: the entry expands beyond the ${mb(cap)} its header declares; expansion stopped`;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Entries listed by the central directory, or undefined when there is no end-of-directory record. */
function readCentralDirectory(b: Uint8Array, v: DataView): { entries: ZipEntry[]; problem?: string } | undefined {
  let eocd = -1;
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 65535; i--) {
    if (b[i] === 0x50 && v.getUint32(i, true) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  let count = v.getUint16(eocd + 10, true);
  let cdOffset = v.getUint32(eocd + 16, true);
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && v.getUint32(eocd - 20, true) === SIG_LOCATOR64) {
    const z = safeNumber(v.getBigUint64(eocd - 12, true));
    if (z + 56 <= b.length && v.getUint32(z, true) === SIG_EOCD64) {
      count = safeNumber(v.getBigUint64(z + 32, true));
      cdOffset = safeNumber(v.getBigUint64(z + 48, true));
    }
  }
  if (count > MAX_ENTRIES) return { entries: [], problem: `corrupt ZIP archive (it claims ${count} entries)` };
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || v.getUint32(p, true) !== SIG_CENTRAL) {
      return { entries, problem: `corrupt ZIP archive: the central directory breaks off after ${i} of ${count} entries` };
    }
    const flags = v.getUint16(p + 8, true);
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    if (p + 46 + nameLen + extraLen > b.length) {
      return { entries, problem: `corrupt ZIP archive: the central directory breaks off after ${i} of ${count} entries` };
    }
    let csize = v.getUint32(p + 20, true);
    let usize = v.getUint32(p + 24, true);
    let offset = v.getUint32(p + 42, true);
    // ZIP64 extra field: 64-bit values for whichever 32-bit fields are saturated, in this order.
    for (let x = p + 46 + nameLen, end = x + extraLen; x + 4 <= end; ) {
      const id = v.getUint16(x, true);
      const size = v.getUint16(x + 2, true);
      if (id === 0x0001) {
        let f = x + 4;
        const next = () => (f + 8 <= x + 4 + size ? safeNumber(v.getBigUint64((f += 8) - 8, true)) : 0);
        if (usize === 0xffffffff) usize = next();
        if (csize === 0xffffffff) csize = next();
        if (offset === 0xffffffff) offset = next();
      }
      x += 4 + size;
    }
    entries.push({
      name: entryName(b.subarray(p + 46, p + 46 + nameLen), flags),
      flags,
      method: v.getUint16(p + 10, true),
      csize,
      usize,
      sizeKnown: true,
      offset,
      salvaged: false,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries };
}

/**
 * No central directory (a truncated download): walk the local headers from the start and keep
 * every entry whose data is complete. Sizes missing from a header (data descriptor) are found by
 * the descriptor that follows the data.
 */
function salvageLocalHeaders(b: Uint8Array, v: DataView): { entries: ZipEntry[]; problem: string } {
  if (b.length < 4 || v.getUint32(0, true) !== SIG_LOCAL) {
    return { entries: [], problem: 'corrupt ZIP archive (no end-of-central-directory record and no local file headers)' };
  }
  const entries: ZipEntry[] = [];
  let p = 0;
  let lost = false;
  while (p + 30 <= b.length && v.getUint32(p, true) === SIG_LOCAL && entries.length < MAX_ENTRIES) {
    const flags = v.getUint16(p + 6, true);
    const method = v.getUint16(p + 8, true);
    let csize = v.getUint32(p + 18, true);
    let usize = v.getUint32(p + 22, true);
    const nameLen = v.getUint16(p + 26, true);
    const extraLen = v.getUint16(p + 28, true);
    const data = p + 30 + nameLen + extraLen;
    if (data > b.length) {
      lost = true;
      break;
    }
    const name = entryName(b.subarray(p + 30, p + 30 + nameLen), flags);
    let next: number;
    if (flags & 8 && csize === 0) {
      const d = findDescriptor(b, v, data);
      if (!d) {
        lost = true;
        break;
      }
      csize = d.csize;
      usize = d.usize;
      next = d.next;
    } else {
      next = data + csize;
      if (next > b.length) {
        lost = true;
        break;
      }
      if (flags & 8) next += next + 4 <= b.length && v.getUint32(next, true) === SIG_DESCRIPTOR ? 16 : 12;
    }
    entries.push({ name, flags, method, csize, usize, sizeKnown: true, offset: data, salvaged: true });
    p = next;
  }
  const tail = lost ? '; the last entry is cut off' : '';
  return {
    entries,
    problem: `corrupt or truncated ZIP archive (no central directory): recovered ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} from their local headers${tail}`,
  };
}

function findDescriptor(b: Uint8Array, v: DataView, data: number): { csize: number; usize: number; next: number } | undefined {
  for (let q = data; q + 16 <= b.length; q++) {
    if (b[q] !== 0x50 || v.getUint32(q, true) !== SIG_DESCRIPTOR) continue;
    if (v.getUint32(q + 8, true) === q - data) return { csize: q - data, usize: v.getUint32(q + 12, true), next: q + 16 };
  }
  return undefined;
}

/** Directories, macOS resource forks and dotfiles (and OS thumbnail caches) are not content. */
function skipped(path: string): boolean {
  if (path.endsWith('/') || path.endsWith('\\')) return true;
  const parts = path.split(/[/\\]/);
  const base = parts[parts.length - 1].toLowerCase();
  return parts.some((s) => s === '__MACOSX' || (s.startsWith('.') && s !== '.' && s !== '..')) || base === 'thumbs.db' || base === 'desktop.ini';
}

function entryName(raw: Uint8Array, flags: number): string {
  // Bit 11 says UTF-8; older tools wrote the OEM code page, which the byte-sniffing decoder approximates.
  const name = flags & 0x800 ? new TextDecoder().decode(raw) : decodeText(raw).text;
  return name.replace(/[\u0000-\u001f]/g, '') || '(unnamed)';
}

function safeNumber(n: bigint): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('a ZIP64 size or offset is out of range');
  return Number(n);
}

function mb(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(n >= 100 << 20 ? 0 : 1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}
