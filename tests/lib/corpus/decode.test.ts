import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252, looksBinary } from '../../../lib/corpus/decode';
import { fixture, randomBytes, utf8 } from './formats/fixtures';

const SAMPLE = 'Miguel Díaz-Canel met Putin: “excellent” relations – café, naïve, €5…';

function utf16(s: string, le: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array(s.length * 2 + (bom ? 2 : 0));
  const v = new DataView(out.buffer);
  if (bom) v.setUint16(0, 0xfeff, le);
  for (let i = 0; i < s.length; i++) v.setUint16((bom ? 2 : 0) + i * 2, s.charCodeAt(i), le);
  return out;
}

describe('decodeText', () => {
  it('reads plain UTF-8', () => {
    expect(decodeText(utf8(SAMPLE))).toEqual({ text: SAMPLE, encoding: 'utf-8' });
  });

  it('strips a UTF-8 BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SAMPLE)]);
    expect(decodeText(bytes)).toEqual({ text: SAMPLE, encoding: 'utf-8' });
  });

  it('reads UTF-16 LE and BE by their BOM', () => {
    expect(decodeText(utf16(SAMPLE, true, true))).toEqual({ text: SAMPLE, encoding: 'utf-16le' });
    expect(decodeText(utf16(SAMPLE, false, true))).toEqual({ text: SAMPLE, encoding: 'utf-16be' });
  });

  it('recognises BOM-less UTF-16 by where its NUL bytes fall', () => {
    const text = 'Russia’s foreign minister wrapped up a four-day visit to South and Central America.';
    expect(decodeText(utf16(text, true, false))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(utf16(text, false, false))).toEqual({ text, encoding: 'utf-16be' });
  });

  it('recognises BOM-less UTF-16 in Cyrillic, whose only NULs are in spaces and digits', () => {
    const text = 'Министр иностранных дел России Сергей Лавров завершил четырехдневный визит в Бразилию, Венесуэлу, Никарагуа и Кубу 20 апреля.';
    expect(decodeText(utf16(text, true, false))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(utf16(text, false, false))).toEqual({ text, encoding: 'utf-16be' });
  });

  it('falls back to Windows-1252 with smart quotes, dashes and accents right', () => {
    const bytes = fixture('cp1252.txt');
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toBe('windows-1252');
    expect(text).toContain('noted “excellent” relations – Miguel Díaz-Canel met Putin in the café.');
  });

  it('maps every Windows-1252 byte in 0x80–0x9F to its character', () => {
    const bytes = new Uint8Array([0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99]);
    expect(decodeWindows1252(bytes)).toBe('€…‘’“”–—™');
    // Undefined bytes keep their C1 code point (WHATWG), which the cleaners strip later.
    expect(decodeWindows1252(new Uint8Array([0x81]))).toBe('\u0081');
  });

  it('keeps UTF-8 for a file cut inside its last character (a truncated download)', () => {
    const bytes = utf8('Une visite à Moscou — café');
    const cut = bytes.slice(0, bytes.length - 1); // "é" is two bytes; drop the second
    const out = decodeText(cut);
    expect(out.encoding).toBe('utf-8');
    expect(out.text.startsWith('Une visite à Moscou — caf')).toBe(true);
  });

  it('keeps UTF-8 when a stray invalid byte sits among many valid characters', () => {
    const good = utf8('Díaz-Canel “excellent” relations — Havana, Moscú, Brasília, Bogotá. '.repeat(5));
    const bytes = new Uint8Array([...good, 0xff, ...good]);
    const out = decodeText(bytes);
    expect(out.encoding).toBe('utf-8');
    expect(out.text).toContain('Brasília');
  });

  it('decodes an empty input to an empty string', () => {
    expect(decodeText(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('never throws on random bytes', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const out = decodeText(randomBytes(1 + seed * 37, seed));
      expect(typeof out.text).toBe('string');
    }
  });
});

describe('looksBinary', () => {
  it('flags random bytes and passes real text, even with a few NULs', () => {
    expect(looksBinary(decodeText(randomBytes(4096, 3)).text)).toBe(true);
    expect(looksBinary(decodeText(fixture('binary.bin')).text)).toBe(true);
    expect(looksBinary(SAMPLE)).toBe(false);
    expect(looksBinary(SAMPLE.replace(/ /g, ' \u0000').slice(0, 60) + SAMPLE.repeat(5))).toBe(false);
    expect(looksBinary('')).toBe(false);
  });
});
