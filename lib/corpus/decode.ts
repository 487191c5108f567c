// Bytes → string for imported files: BOM, UTF-8, BOM-less UTF-16 and Windows-1252, plus a binary test.

/** Bytes examined to recognise BOM-less UTF-16 by where its NUL bytes fall. */
const UTF16_SAMPLE = 4096;

/**
 * Bytes → string: BOM (UTF-8, UTF-16 LE/BE), else valid UTF-8, else UTF-16 without BOM when the
 * NUL pattern says so, else Windows-1252. Reports which encoding it used.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return { text: utf8Lenient(b.subarray(3)), encoding: 'utf-8' };
  }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(b.subarray(2)), encoding: 'utf-16le' };
  }
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(b.subarray(2)), encoding: 'utf-16be' };
  }
  // ASCII stored as UTF-16 is also valid UTF-8 (NUL is a legal code point), so the NUL pattern
  // has to be read before UTF-8 validity can decide anything.
  // Latin text in UTF-16 has a NUL in nearly every high byte; Cyrillic or Greek only in its spaces
  // and digits (~15%), but then none at all on the other side (and its bytes are all < 0x80, so
  // they pass as UTF-8 too). Real UTF-8 or legacy text has no NULs to speak of.
  const utf16 = utf16ByNulPattern(b, 0.3, 0.05, 1) ?? utf16ByNulPattern(b, 0.05, 0.005, 16);
  if (utf16) return { text: new TextDecoder(utf16).decode(b), encoding: utf16 };
  const utf8 = utf8IfMostlyValid(b);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  return { text: decodeWindows1252(b), encoding: 'windows-1252' };
}

// Windows-1252 code points for bytes 0x80–0x9F (0 where the code page leaves a byte undefined).
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/**
 * Windows-1252 by table: Node's TextDecoder('windows-1252') decodes as ISO-8859-1, turning smart
 * quotes and dashes (0x91–0x97) into invisible C1 controls. Undefined bytes map to their C1 code
 * point, as the WHATWG Encoding Standard does.
 */
export function decodeWindows1252(b: Uint8Array): string {
  // Map bytes to UTF-16 code units, then let TextDecoder build the string (fast, no arg-count limits).
  const CHUNK = 1 << 20;
  const units = new Uint16Array(Math.min(CHUNK, b.length));
  const utf16 = new TextDecoder('utf-16le');
  const parts: string[] = [];
  for (let start = 0; start < b.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, b.length);
    for (let i = start; i < end; i++) {
      const c = b[i];
      units[i - start] = c >= 0x80 && c <= 0x9f ? CP1252_HIGH[c - 0x80] || c : c;
    }
    const bytes = new Uint8Array(units.buffer, 0, (end - start) * 2);
    parts.push(utf16.decode(littleEndian ? bytes : swapped(bytes)));
  }
  return parts.join('');
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function swapped(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1];
    out[i + 1] = bytes[i];
  }
  return out;
}

/**
 * True when decoded text is really binary data: too many control characters, replacement
 * characters or C1 controls for any human-written text (random bytes give ~13%).
 */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 65536);
  if (n === 0) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) {
      bad++;
    }
  }
  return bad / n > 0.05;
}

function utf8Lenient(b: Uint8Array): string {
  return new TextDecoder('utf-8').decode(b);
}

/**
 * 'utf-16le' / 'utf-16be' when more than a share `many` (and at least `min`) of the bytes of one
 * parity are NUL and at most a share `few` of the other parity. `min` keeps a few stray NULs in a
 * short UTF-8 file from looking like a pattern.
 */
function utf16ByNulPattern(b: Uint8Array, many: number, few: number, min: number): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(b.length, UTF16_SAMPLE) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= min && odd / pairs > many && even / pairs <= few) return 'utf-16le';
  if (even >= min && even / pairs > many && odd / pairs <= few) return 'utf-16be';
  return undefined;
}

/**
 * UTF-8 text when the bytes are UTF-8: fully valid, valid but cut inside the last character (a
 * truncated file), or with rare invalid bytes among many valid multi-byte characters (a file
 * stitched together from pieces). Undefined when the bytes look like a legacy single-byte encoding.
 */
function utf8IfMostlyValid(b: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    // not strictly valid: see how far from valid
  }
  const { valid, invalid, tailCut } = countUtf8(b);
  if (invalid === 0 && tailCut) return utf8Lenient(b);
  if (valid >= 4 * invalid && valid >= 8) return utf8Lenient(b);
  return undefined;
}

/** Counts valid multi-byte sequences and invalid bytes; tailCut when only the last sequence is cut. */
function countUtf8(b: Uint8Array): { valid: number; invalid: number; tailCut: boolean } {
  let valid = 0;
  let invalid = 0;
  let tailCut = false;
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0) {
      invalid++;
      i++;
      continue;
    }
    let k = 1;
    while (k < len && i + k < b.length && (b[i + k] & 0xc0) === 0x80) k++;
    if (k === len) {
      valid++;
      i += len;
    } else if (i + k >= b.length) {
      tailCut = true;
      i = b.length;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid, tailCut };
}
