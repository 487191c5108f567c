import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFormat, parseFile, type FormatName } from '../../../lib/corpus/parse-file';
import type { ParseResult } from '../../../lib/corpus/story';
import { FIXTURE_DIR, fixture, firstHalf, randomBytes, utf8 } from './formats/fixtures';

const EXTENSIONS = ['txt', 'md', 'html', 'json', 'jsonl', 'csv', 'tsv', 'rss', 'atom', 'xml', 'zip', 'bin', ''];

function expectContract(r: ParseResult): void {
  expect(Array.isArray(r.stories)).toBe(true);
  expect(Array.isArray(r.problems)).toBe(true);
  for (const s of r.stories) {
    expect(typeof s.id).toBe('string');
    expect(s.id).not.toBe('');
    expect(typeof s.title).toBe('string');
    expect(s.text.trim()).not.toBe('');
    expect(s.text).not.toMatch(/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/);
  }
  for (const p of r.problems) {
    expect(typeof p.file).toBe('string');
    expect(p.reason).not.toBe('');
  }
  if (!r.stories.length) expect(r.problems.length).toBeGreaterThan(0);
}

describe('detectFormat', () => {
  it('goes by extension, case-insensitively', () => {
    const cases: [string, FormatName][] = [
      ['a.txt', 'text'], ['a.MD', 'markdown'], ['a.markdown', 'markdown'], ['a.htm', 'html'], ['a.HTML', 'html'],
      ['a.json', 'json'], ['a.jsonl', 'jsonl'], ['a.ndjson', 'jsonl'], ['a.csv', 'csv'], ['a.tsv', 'tsv'],
      ['a.rss', 'feed'], ['a.atom', 'feed'], ['a.xml', 'feed'], ['dir.v2/a.zip', 'zip'],
    ];
    for (const [name, format] of cases) expect(detectFormat(name, utf8('x')), name).toBe(format);
  });

  it('sniffs the content when the extension says nothing', () => {
    expect(detectFormat('data', utf8('  [{"title":"a"}]'))).toBe('json');
    expect(detectFormat('data', utf8('{"title":"a",\n"text":"b"}'))).toBe('json');
    expect(detectFormat('data', utf8('{"title":"a"}\n{"title":"b"}\n'))).toBe('jsonl');
    expect(detectFormat('feed', utf8('<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>'))).toBe('feed');
    expect(detectFormat('feed', utf8('<feed xmlns="http://www.w3.org/2005/Atom"></feed>'))).toBe('feed');
    expect(detectFormat('page', utf8('<!DOCTYPE html><html></html>'))).toBe('html');
    expect(detectFormat('page', utf8('\uFEFF<html><body></body></html>'))).toBe('html');
    expect(detectFormat('archive', fixture('stories.zip'))).toBe('zip');
    expect(detectFormat('rows', utf8('title,text,url\na,b,c\n'))).toBe('csv');
    expect(detectFormat('rows', utf8('title\ttext\na\tb\n'))).toBe('tsv');
    expect(detectFormat('notes', utf8('Just some words.'))).toBe('text');
    expect(detectFormat('noise', randomBytes(2048, 5))).toBeUndefined();
    expect(detectFormat('report.pdf', utf8('%PDF-1.7'))).toBeUndefined();
  });
});

describe('parseFile', () => {
  it('reads every good fixture into stories with no problems', () => {
    const good: [string, number][] = [
      ['story.txt', 1], ['page.md', 1], ['article.html', 1], ['stories.json', 3], ['wrapped.json', 2], ['single.json', 1],
      ['stories.jsonl', 3], ['stories.csv', 3], ['semicolon.csv', 3], ['stories.tsv', 3], ['feed.atom', 2],
      ['utf16le-bom.txt', 1], ['utf16be-bom.txt', 1], ['utf16le-nobom.txt', 1], ['utf8-bom.csv', 1], ['cp1252.txt', 1],
    ];
    for (const [name, count] of good) {
      const r = parseFile(name, fixture(name));
      expect(r.problems, name).toEqual([]);
      expect(r.stories, name).toHaveLength(count);
      expectContract(r);
    }
  });

  it('decodes UTF-16 (with and without BOM) to the same story as UTF-8', () => {
    const le = parseFile('a.txt', fixture('utf16le-bom.txt')).stories[0];
    const be = parseFile('b.txt', fixture('utf16be-bom.txt')).stories[0];
    expect(be).toEqual(le);
    expect(le.title).toBe('Lavrov’s Latin American Tour: Challenging US Hegemony in America’s ‘Backyard’');
    expect(parseFile('c.txt', fixture('utf16le-nobom.txt')).stories[0].title).toMatch(/^In their 70th telephone call/);
  });

  it('reads Windows-1252 text with its smart quotes and accents', () => {
    const [s] = parseFile('cp1252.txt', fixture('cp1252.txt')).stories;
    expect(s.text).toContain('noted “excellent” relations – Miguel Díaz-Canel met Putin in the café.');
  });

  it('honours a declared charset in HTML that is not UTF-8 (windows-1251)', () => {
    const cyr = 'Министр иностранных дел России Сергей Лавров завершил четырехдневный визит в Бразилию, Венесуэлу, Никарагуа и Кубу. ';
    const html = `<html><head><meta charset="windows-1251"><title>Визит Лаврова</title></head><body><article><h1>Визит Лаврова</h1><p>${cyr.repeat(3)}</p><p>${cyr.repeat(2)}</p></article></body></html>`;
    const bytes = new Uint8Array([...html].map((ch) => {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80) return cp;
      if (cp === 0x0401) return 0xa8;
      if (cp === 0x0451) return 0xb8;
      return cp - 0x0410 + 0xc0; // А..я
    }));
    const { stories } = parseFile('ru.html', bytes);
    expect(stories[0].text).toContain('Сергей Лавров завершил');
  });

  it('turns empty, blank, binary and oversized files into one clear problem each', () => {
    expect(parseFile('empty.json', fixture('empty.json')).problems).toEqual([{ file: 'empty.json', reason: 'empty file' }]);
    expect(parseFile('blank.txt', utf8(' \n\t\n')).problems[0].reason).toMatch(/^empty file/);
    expect(parseFile('binary.bin', fixture('binary.bin')).problems).toEqual([{ file: 'binary.bin', reason: 'not a supported format (binary)' }]);
    expect(parseFile('noise.txt', randomBytes(5000, 11)).problems).toEqual([{ file: 'noise.txt', reason: 'not a supported format (binary)' }]);
    expect(parseFile('noise.json', randomBytes(5000, 12)).problems[0].reason).toBe('not a supported format (binary)');
    expect(parseFile('big.txt', utf8('x'.repeat(2000)), { maxBytes: 1000 }).problems[0].reason).toMatch(/^file too large/);
    expect(parseFile('report.pdf', utf8('%PDF-1.7 ...')).problems[0].reason).toBe('not a supported format (.pdf)');
  });

  it('keeps the readable part of every fixture cut in half', () => {
    for (const name of ['stories.json', 'stories.jsonl', 'stories.csv', 'feed.rss', 'feed.atom', 'stories.zip', 'story.txt', 'page.md', 'article.html']) {
      const r = parseFile(name, firstHalf(fixture(name)));
      expectContract(r);
    }
    expect(parseFile('stories.json', firstHalf(fixture('stories.json'))).stories.length).toBeGreaterThan(0);
    expect(parseFile('stories.jsonl', firstHalf(fixture('stories.jsonl'))).stories.length).toBeGreaterThan(0);
    expect(parseFile('stories.zip', firstHalf(fixture('stories.zip'))).stories.length).toBeGreaterThan(0);
  });

  it('never returns HTML: scripts and tags in text come out as plain words', () => {
    for (const name of ['script-injection.json', 'article.html', 'feed.rss']) {
      for (const s of parseFile(name, fixture(name)).stories) expect(s.text, name).not.toMatch(/<\/?[a-z][^>]*>|alert\(/i);
    }
  });

  it('strips raw NUL bytes before parsing, so markup and JSON around them still parse', () => {
    const jsonl = parseFile('raw.jsonl', utf8('{"title":"Lav\u0000rov","text":"Body\u0000 text."}\n'));
    expect(jsonl.stories.map((s) => [s.title, s.text])).toEqual([['Lavrov', 'Body text.']]);
    const html = new TextDecoder().decode(fixture('article.html')).replace('</p>', '<\u0000/p>');
    const [s] = parseFile('nul.html', utf8(html)).stories;
    expect(s.text).not.toMatch(/<\/?p>/);
  });

  it('accepts Buffers, other views and ArrayBuffers; reports a missing input', () => {
    const bytes = fixture('stories.jsonl');
    const expected = parseFile('a.jsonl', bytes).stories;
    expect(parseFile('a.jsonl', Buffer.from(bytes)).stories).toEqual(expected);
    expect(parseFile('a.jsonl', new DataView(bytes.buffer) as unknown as Uint8Array).stories).toEqual(expected);
    expect(parseFile('a.jsonl', bytes.buffer as unknown as Uint8Array).stories).toEqual(expected);
    expect(parseFile('a.jsonl', undefined as unknown as Uint8Array).problems[0].reason).toMatch(/^not a file/);
  });

  it('caps the problem list of a hopeless file', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `{"bad": ${i}`).join('\n');
    const { problems } = parseFile('bad.jsonl', utf8(lines));
    expect(problems).toHaveLength(1001);
    expect(problems[1000].reason).toBe('… and 2000 more problems in this file');
  });

  it('property: never throws on arbitrary bytes under any name; stories always have text and an id', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom(...EXTENSIONS), (bytes, ext) => {
        expectContract(parseFile(ext ? `f.${ext}` : 'f', bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('property: never throws on arbitrary strings in any text format', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), fc.constantFrom(...EXTENSIONS), (s, ext) => {
        expectContract(parseFile(ext ? `f.${ext}` : 'f', utf8(s)));
      }),
      { numRuns: 200 },
    );
  });

  it('property: every fixture, mutated (bytes flipped, inserted, deleted, cut), still parses within the contract', () => {
    const files = readdirSync(FIXTURE_DIR).filter((f) => !f.endsWith('.ts'));
    const edit = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'insert', 'delete', 'cut'));
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(edit, { minLength: 1, maxLength: 6 }), (name, edits) => {
        let bytes = Array.from(fixture(name));
        for (const [pos, value, kind] of edits) {
          if (!bytes.length) break;
          const at = pos % bytes.length;
          if (kind === 'flip') bytes[at] = value;
          else if (kind === 'insert') bytes.splice(at, 0, value);
          else if (kind === 'delete') bytes.splice(at, 1);
          else bytes = bytes.slice(0, at);
        }
        const r = parseFile(name, new Uint8Array(bytes));
        expectContract(r);
        for (const s of r.stories) expect(s.text).not.toMatch(/<\/?(?:p|div|script|style)\b[^>]*>/i);
      }),
      { numRuns: 150 },
    );
  });

  it('property: never throws on arbitrary JSON values, objects per line, or CSV cells', () => {
    const anyJson = fc.jsonValue({ maxDepth: 6 });
    fc.assert(
      fc.property(anyJson, (v) => {
        expectContract(parseFile('f.json', utf8(JSON.stringify(v) ?? 'null')));
      }),
      { numRuns: 100 },
    );
    const record = fc.dictionary(fc.constantFrom('title', 'text', 'body', 'date', 'url', 'author', 'source', 'id', 'x'), anyJson);
    fc.assert(
      fc.property(fc.array(record, { maxLength: 8 }), (recs) => {
        expectContract(parseFile('f.jsonl', utf8(recs.map((r) => JSON.stringify(r)).join('\n'))));
        expectContract(parseFile('f.json', utf8(JSON.stringify(recs))));
      }),
      { numRuns: 100 },
    );
    const cell = fc.string({ maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 6 }), fc.constantFrom(',', ';', '\t'), (rows, d) => {
        const text = ['title' + d + 'text', ...rows.map((r) => r.join(d))].join('\n');
        expectContract(parseFile(d === '\t' ? 'f.tsv' : 'f.csv', utf8(text)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('conventions', () => {
  it('every import format has a good fixture and a hostile one', () => {
    const files = readdirSync(FIXTURE_DIR).filter((f) => !f.endsWith('.ts'));
    const formats: FormatName[] = ['text', 'markdown', 'html', 'json', 'jsonl', 'csv', 'tsv', 'feed', 'zip'];
    for (const format of formats) {
      const mine = files.filter((f) => detectFormat(f, fixture(f)) === format);
      const outcomes = mine.map((f) => parseFile(f, fixture(f)));
      expect(outcomes.some((r) => r.stories.length && !r.problems.length), `${format}: good fixture`).toBe(true);
      expect(outcomes.some((r) => r.problems.length), `${format}: hostile fixture`).toBe(true);
    }
  });
});
