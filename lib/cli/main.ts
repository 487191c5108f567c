// The storytrace command line: `segment` scraped pages into stories, `check` pages against a corpus,
// `demo` the bundled seed corpus against itself. Output is JSON Lines on stdout; warnings on stderr.
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeText } from '../corpus/decode';
import { parseFile } from '../corpus/parse-file';
import { segmentPage } from '../corpus/segment';
import { MemoryBackend } from '../index/memory/backend';
import { StoryIndex } from '../index/story-index';
import type { PageInput, Sensitivity } from '../index/types';
import { addProvenance } from '../provenance/provenance';
import { parseDate } from '../provenance/dates';
import { checkCsvHeader, checkCsvRows, checkJson } from './check-output';
import { clustersCommand, parseClustersArgs } from './clusters-command';
import { collectionsCommand, parseCollectionsArgs } from './collections-command';
import { parseServeArgs, serveCommand, SERVE_USAGE } from './serve-command';
import { indexCommand, parseIndexArgs } from './index-command';
import { formatProblem, listFiles, loadCorpus, readStories } from './load-corpus';
import { withTeamIndex } from './team-index';

const USAGE = `Usage:
  storytrace segment FILE...
      Split scraped pages into stories: one JSON object per story {title, text, ...}.
  storytrace check --corpus PATH [--corpus PATH ...] [--top N] [--sensitivity strict|normal|loose]
                   [--format jsonl|csv] (FILE... | --pages PAGES.jsonl)
      Check pages against a corpus (files or folders in any import format): one JSON object per page
      {page, origin, pageMayBeOrigin, provenance, duplicates, partial, related}; each match's date is
      ISO 8601 or null, each passage names the story it was first seen in. --format csv: one row per
      shared passage, safe to open in a spreadsheet.
  storytrace clusters --corpus PATH [--corpus PATH ...] [--format jsonl|csv] [--sensitivity ...]
      Group the corpus's own reuse into reprint clusters: one JSON object per cluster of two or more
      duplicates {cluster, origin, stories: [{id, title, source, date, parent, pageShare, storyShare}]}.
  storytrace demo
      Check every story of the bundled seed corpus against the others.

Team index (PostgreSQL; URL is postgres://user@host:port/database):
  storytrace index --db URL --corpus PATH [--corpus PATH ...] [--collection NAME] [--batch N] [--threads N] [--no-compact]
      Import corpus files or folders (any import format) into the team index, streaming; each PATH is
      a collection unless --collection names one for all. Progress on stderr; a re-run completes an
      interrupted import and adds nothing twice. Stories are analysed on --threads worker threads
      (default: one fewer than the cores).
  storytrace check --db URL [--top N] [--sensitivity strict|normal|loose] (FILE... | --pages PAGES.jsonl)
      Check pages against the team index; the same output as check --corpus.
  storytrace collections --db URL [--delete NAME] [--no-compact]
      List the team index's collections (one JSON object each), or delete one with its stories.
${SERVE_USAGE}`;

export class UsageError extends Error {}

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}
const stdio: Io = { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') };

/** Runs the CLI; returns the exit code (0 ok, 1 failure, 2 unusable input or usage). */
export async function main(argv: string[], io: Io = stdio): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === 'segment') return await segmentCommand(rest, io);
    if (command === 'check') return await checkCommand(rest, io);
    if (command === 'demo') return await demoCommand(io);
    if (command === 'index') return await indexCommand(parseIndexArgs(rest, (m) => new UsageError(m)), io);
    if (command === 'serve') return await serveCommand(parseServeArgs(rest, (m) => new UsageError(m)));
    if (command === 'clusters') return await clustersCommand(parseClustersArgs(rest, (m) => new UsageError(m)), io);
    if (command === 'collections') return await collectionsCommand(parseCollectionsArgs(rest, (m) => new UsageError(m)), io);
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`storytrace: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      io.err(`storytrace: cannot read ${(e as NodeJS.ErrnoException).path ?? 'input'}: ${code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}`);
      return 2;
    }
    io.err(`storytrace: ${(e as Error).message}`);
    return 1;
  }
}

async function segmentCommand(files: string[], io: Io): Promise<number> {
  if (files.length === 0) throw new UsageError('segment needs at least one FILE');
  for (const file of files) {
    for (const path of await listFiles(file)) {
      const { text } = decodeText(new Uint8Array(await readFile(path)));
      for (const s of segmentPage(text)) io.out(JSON.stringify({ file: path, ...s }));
    }
  }
  return 0;
}

interface CheckArgs {
  corpus: string[];
  /** The team index to check against instead of --corpus. */
  db?: string;
  top: number;
  sensitivity: Sensitivity;
  pages?: string;
  files: string[];
  format: 'jsonl' | 'csv';
}

function parseCheckArgs(args: string[]): CheckArgs {
  const a: CheckArgs = { corpus: [], top: 10, sensitivity: 'normal', files: [], format: 'jsonl' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--corpus') a.corpus.push(value());
    else if (arg === '--db') a.db = value();
    else if (arg === '--pages') a.pages = value();
    else if (arg === '--format') {
      const v = value();
      if (v !== 'jsonl' && v !== 'csv') throw new UsageError('--format is jsonl or csv');
      a.format = v;
    }
    else if (arg === '--top') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new UsageError('--top needs a whole number ≥ 0');
      a.top = n;
    } else if (arg === '--sensitivity') {
      const v = value();
      if (v !== 'strict' && v !== 'normal' && v !== 'loose') throw new UsageError('--sensitivity is strict, normal or loose');
      a.sensitivity = v;
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else a.files.push(arg);
  }
  if (a.corpus.length === 0 && !a.db) throw new UsageError('check needs --corpus PATH or --db URL');
  if (a.corpus.length > 0 && a.db) throw new UsageError('give either --corpus or --db, not both');
  if (!a.pages && a.files.length === 0) throw new UsageError('check needs FILE... or --pages PAGES.jsonl');
  if (a.pages && a.files.length) throw new UsageError('give either FILE... or --pages, not both');
  return a;
}

/** Pages to check, with the id to report. For --pages, offsets refer to `text` exactly as given. */
async function* readPages(a: CheckArgs, io: Io): AsyncGenerator<{ page: string; input: PageInput; printText: boolean }> {
  if (a.pages) {
    const raw = await readFile(a.pages);
    const lines = decodeText(new Uint8Array(raw)).text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (!line) continue;
      let rec: unknown;
      try {
        rec = JSON.parse(line);
      } catch {
        io.err(`${a.pages}: line ${i + 1}: not valid JSON, skipped`);
        continue;
      }
      const r = rec as Record<string, unknown>;
      const text = [r.text, r.body, r.content, r.article].find((v): v is string => typeof v === 'string');
      if (!rec || typeof rec !== 'object' || text === undefined) {
        io.err(`${a.pages}: line ${i + 1}: no "text" field, skipped`);
        continue;
      }
      const id = r.id ?? r.page ?? r.url ?? `${a.pages}:${i + 1}`;
      const title = [r.title, r.headline].find((v): v is string => typeof v === 'string');
      // The page's own date, when the record gives one (read as the corpus reads dates, never guessed).
      const published = parseDate(r.published ?? r.date ?? r.pubDate);
      yield { page: String(id), input: { text, title, url: typeof r.url === 'string' ? r.url : undefined, ...(published ? { published } : {}) }, printText: false };
    }
    return;
  }
  for (const file of a.files) {
    const bytes = new Uint8Array(await readFile(file));
    const ext = extname(file).toLowerCase();
    if (ext === '.txt' || ext === '.md' || ext === '.markdown' || ext === '') {
      // A text page is checked whole, as a reader would see it.
      yield { page: file, input: { text: decodeText(bytes).text }, printText: true };
      continue;
    }
    const { stories, problems } = parseFile(file, bytes);
    for (const p of problems) io.err(formatProblem(p));
    if (stories.length === 0) io.err(`${file}: no text to check`);
    for (let i = 0; i < stories.length; i++) {
      const s = stories[i];
      const published = s.published ?? parseDate(s.date);
      const input: PageInput = { text: s.text, title: s.title, url: s.url, ...(published ? { published } : {}) };
      yield { page: stories.length === 1 ? file : `${file}#${i + 1}`, input, printText: true };
    }
  }
}

async function checkCommand(args: string[], io: Io): Promise<number> {
  const a = parseCheckArgs(args);
  if (a.db) return withTeamIndex(a.db, (index) => checkPages(index, a, io));
  const index = new StoryIndex(new MemoryBackend());
  await loadCorpus(index, a.corpus, io.err);
  return checkPages(index, a, io);
}

async function checkPages(index: StoryIndex, a: CheckArgs, io: Io): Promise<number> {
  if ((await index.backend.storyCount()) === 0) {
    io.err('storytrace: the corpus holds no stories (see the warnings above)');
    return 2;
  }
  if (a.format === 'csv') io.out(checkCsvHeader() + '\r');
  for await (const p of readPages(a, io)) {
    const r = addProvenance(await index.query(p.input, { topRelated: a.top, sensitivity: a.sensitivity }), p.input.published);
    if (a.format === 'csv') for (const row of checkCsvRows(p.page, r, p.input.text, p.input.published)) io.out(row + '\r');
    else io.out(JSON.stringify(checkJson(p.page, r, p.printText ? p.input.text : undefined)));
  }
  return 0;
}

/** Where the bundled seed corpus lives. */
export const SEED_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '../../tests/fixtures/seeds');

async function demoCommand(io: Io): Promise<number> {
  const stories = await readStories(SEED_DIR, io.err);
  const index = new StoryIndex(new MemoryBackend());
  await index.addStories({ id: 'seeds', name: 'Sample corpus' }, stories);
  io.err(`Indexed ${stories.length} stories from the sample corpus (${SEED_DIR}). Checking each against the others:\n`);
  for (const s of stories) {
    const r = await index.query({ text: s.text, title: s.title }, { excludeIds: [s.id], topRelated: 3 });
    const lines = [
      ...r.duplicates.map((m) => `  DUPLICATE of "${m.title}" (${pct(m.pageShare)} of this story, ${pct(m.storyShare)} of that one, ${m.passages.length} passages)`),
      ...r.partial.map((m) => `  PARTIAL reuse of "${m.title}" (${pct(m.pageShare)} of this story, ${m.passages.length} passages)`),
      ...r.related.map((m) => `  related: "${m.title}" (score ${m.score.toFixed(2)}; ${m.terms.slice(0, 5).join(', ')})`),
    ];
    io.out(`"${s.title}"\n${lines.length ? lines.join('\n') : '  no matches'}`);
  }
  return 0;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
