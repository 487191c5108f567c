// Reads corpus paths (files or folders, recursively) from disk into a StoryIndex, one collection per
// path, reporting per-file and per-record problems as warnings.
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseFile } from '../corpus/parse-file';
import type { ParseProblem, ParseResult, Story } from '../corpus/story';
import type { StoryIndex } from '../index/story-index';
import { parseJsonlSlices, SLICE_BYTES, sliceable } from './jsonl-chunks';
import { parseTextSlices, textSliceable } from './text-slices';

/** Files under a path, sorted, skipping dotfiles and dot-folders. Throws if the path is missing. */
export async function listFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (info.isFile()) return [path];
  const out: string[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  await walk(path);
  return out;
}

export function formatProblem(p: ParseProblem): string {
  const where = [p.file, p.line !== undefined ? `line ${p.line}` : '', p.record !== undefined ? `record ${p.record}` : '']
    .filter(Boolean)
    .join(', ');
  return `${where}: ${p.reason}`;
}

/** Reads every file under `path` into stories. */
export async function readStories(path: string, warn: (msg: string) => void): Promise<Story[]> {
  const stories: Story[] = [];
  for (const file of await listFiles(path)) {
    const bytes = await readBytes(file);
    const { stories: found, problems } = parseFile(file, bytes);
    for (const p of problems) warn(formatProblem(p));
    stories.push(...found);
  }
  return stories;
}

/** A file's bytes as a plain Uint8Array view of the Buffer read (new Uint8Array(buffer) copies it:
 *  a second copy of a 100 MB file). */
async function readBytes(file: string): Promise<Uint8Array> {
  const b = await readFile(file);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** One corpus file's stories: a large JSON Lines, text or Markdown file slice by slice
 *  (jsonl-chunks.ts, text-slices.ts), else whole. */
export async function* parseCorpusFile(file: string): AsyncGenerator<ParseResult> {
  const info = await stat(file);
  if (info.size > SLICE_BYTES) {
    const head = new Uint8Array(64 * 1024);
    const handle = await open(file, 'r');
    let bytesRead = 0;
    try {
      bytesRead = (await handle.read(head, 0, head.length, 0)).bytesRead;
    } finally {
      await handle.close();
    }
    if (sliceable(file, head.subarray(0, bytesRead))) return yield* parseJsonlSlices(file);
    if (textSliceable(file, head.subarray(0, bytesRead))) return yield* parseTextSlices(file);
  }
  yield parseFile(file, await readBytes(file));
}

/** Stories analysed and stored at a time: the analysis of a whole corpus (fingerprints, signatures,
 *  terms as JS arrays) would otherwise sit in memory at once beside the index it is packed into. */
const ADD_BATCH = 1000;
/** Loads each path as a collection, file by file; returns the number of stories added. */
export async function loadCorpus(index: StoryIndex, paths: string[], warn: (msg: string) => void): Promise<number> {
  let added = 0;
  for (const path of paths) {
    const collection = { id: path, name: basename(path) };
    let alreadyPresent = 0;
    for (const file of await listFiles(path)) {
      for await (const { stories, problems } of parseCorpusFile(file)) {
        for (const p of problems) warn(formatProblem(p));
        for (let i = 0; i < stories.length; i += ADD_BATCH) {
          const r = await index.addStories(collection, stories.slice(i, i + ADD_BATCH));
          added += r.added;
          alreadyPresent += r.alreadyPresent;
        }
      }
    }
    if (alreadyPresent) warn(`${path}: ${alreadyPresent} stories already present, not added again`);
  }
  return added;
}
