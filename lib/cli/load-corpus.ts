// Reads corpus paths (files or folders, recursively) from disk into a StoryIndex, one collection per
// path, reporting per-file and per-record problems as warnings.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseFile } from '../corpus/parse-file';
import type { ParseProblem, Story } from '../corpus/story';
import type { StoryIndex } from '../index/story-index';

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
    const bytes = new Uint8Array(await readFile(file));
    const { stories: found, problems } = parseFile(file, bytes);
    for (const p of problems) warn(formatProblem(p));
    stories.push(...found);
  }
  return stories;
}

/** Loads each path as a collection; returns the number of stories added. */
export async function loadCorpus(index: StoryIndex, paths: string[], warn: (msg: string) => void): Promise<number> {
  let added = 0;
  for (const path of paths) {
    const stories = await readStories(path, warn);
    const r = await index.addStories({ id: path, name: basename(path) }, stories);
    added += r.added;
    if (r.alreadyPresent) warn(`${path}: ${r.alreadyPresent} stories already present, not added again`);
  }
  return added;
}
