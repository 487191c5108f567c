// JSON corpora → stories: an array of stories, one story, or any object holding an array of them.
import type { ParseProblem, ParseResult, Story } from '../story';
import { cleanLine } from './clean';
import { lineIndex, scanJsonObjects } from './json-scan';
import { isStoryLike, rawTextLength, recordToStory } from './record';
import { problemText } from '../problem';

/** Nodes visited while looking for the record array; a bound on hostile inputs, far above real files. */
const SEARCH_BUDGET = 5_000_000;

/** Parses a JSON file; a broken file is read record by record so the good records survive. */
export function parseJson(name: string, text: string): ParseResult {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    return recover(name, text, e);
  }
  const stories: Story[] = [];
  const problems: ParseProblem[] = [];
  const records = findRecords(root);
  if (!records) {
    return { stories, problems: [{ file: name, ...problemText('problem_json_no_stories') }] };
  }
  let lineOf: ((i: number) => number | undefined) | undefined;
  records.forEach((rec, i) => {
    const out = recordToStory(rec);
    if ('story' in out) {
      stories.push(out.story);
      return;
    }
    lineOf ??= recordLines(text, records.length);
    const line = lineOf(i);
    problems.push(line ? { file: name, record: i + 1, line, ...out } : { file: name, record: i + 1, ...out });
  });
  return { stories, problems };
}

/**
 * The records of a parsed JSON value. Breadth-first and iterative (the input may nest 100k deep):
 * the array holding the most story-like objects wins (the shallowest on a tie), unless the root
 * itself is a story whose text is at least as long as any of theirs (then that array is, say,
 * its comments). Without such an array, the shallowest story-like object is the one record.
 */
export function findRecords(root: unknown): unknown[] | undefined {
  let best: { arr: unknown[]; count: number } | undefined;
  let firstStory: unknown; // the shallowest story-like object, for {"data": {"article": {…}}} wrappers
  const queue: unknown[] = [root];
  let budget = SEARCH_BUDGET;
  for (let head = 0; head < queue.length && budget > 0; head++) {
    const v = queue[head];
    queue[head] = undefined; // let visited nodes go
    if (Array.isArray(v)) {
      let count = 0;
      for (const el of v) {
        if (--budget <= 0) break;
        if (isStoryLike(el)) count++;
        else if (el && typeof el === 'object') queue.push(el);
      }
      if (count > 0 && (!best || count > best.count)) best = { arr: v, count };
    } else if (v && typeof v === 'object') {
      if (firstStory === undefined && isStoryLike(v)) firstStory = v;
      for (const k in v as Record<string, unknown>) {
        if (--budget <= 0) break;
        const x = (v as Record<string, unknown>)[k];
        if (x && typeof x === 'object') queue.push(x);
      }
    }
  }
  const rootIsStory = isStoryLike(root);
  if (best && rootIsStory) {
    const rootLen = rawTextLength(root);
    let longest = 0;
    for (let i = 0; i < best.arr.length && i < 1000; i++) longest = Math.max(longest, rawTextLength(best.arr[i]));
    return rootLen >= longest ? [root] : best.arr;
  }
  if (best) return best.arr;
  if (Array.isArray(root)) return root;
  if (firstStory !== undefined) return [firstStory];
  if (root && typeof root === 'object') return [root];
  return undefined;
}

/** Line of each record when the text's own object list matches the record count (else unknown). */
function recordLines(text: string, count: number): (i: number) => number | undefined {
  const { spans } = scanJsonObjects(text);
  if (spans.length !== count) return () => undefined;
  const line = lineIndex(text);
  return (i) => line(spans[i].start);
}

/** Invalid JSON: parse each record-looking object on its own and report the ones that fail. */
function recover(name: string, text: string, error: unknown): ParseResult {
  const message = cleanLine(error instanceof Error ? error.message : String(error), 160);
  const stories: Story[] = [];
  const problems: ParseProblem[] = [];
  const { spans, topLevel } = scanJsonObjects(text);
  if (!spans.length) {
    return { stories, problems: [{ file: name, ...problemText('problem_json_invalid', message) }] };
  }
  const line = lineIndex(text);
  let bad = 0;
  spans.forEach((span, i) => {
    const at = { file: name, record: i + 1, line: line(span.start) };
    if (!span.complete) {
      bad++;
      problems.push({ ...at, ...problemText('problem_json_truncated') });
      return;
    }
    let rec: unknown;
    try {
      rec = JSON.parse(text.slice(span.start, span.end));
    } catch (e) {
      bad++;
      problems.push({ ...at, ...problemText('problem_json_record_invalid', cleanLine(e instanceof Error ? e.message : String(e), 120)) });
      return;
    }
    const out = recordToStory(rec);
    if ('story' in out) stories.push(out.story);
    else problems.push({ ...at, ...out });
  });
  // Objects one after another (JSON Lines saved as .json) are a fine file, not a broken one.
  if (!(topLevel && bad === 0 && spans.length > 1)) {
    problems.unshift({
      file: name,
      ...problemText('problem_json_partial', message, spans.length - bad, spans.length),
    });
  }
  return { stories, problems };
}
