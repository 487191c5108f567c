// JSON Lines corpora → stories: one object per line; a bad line is reported and skipped.
import type { ParseProblem, ParseResult, Story } from '../story';
import { cleanLine } from './clean';
import { parseJson } from './json';
import { recordToStory } from './record';
import { problemText } from '../problem';

/** Parses JSON Lines (.jsonl, .ndjson); pretty-printed objects one after another are read too. */
export function parseJsonl(name: string, text: string): ParseResult {
  const stories: Story[] = [];
  const problems: ParseProblem[] = [];
  let record = 0;
  let parsed = 0;
  let lineNo = 0;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(pos, end);
    pos = end + 1;
    lineNo++;
    const line = raw.trim();
    if (!line) {
      if (nl < 0) break;
      continue;
    }
    record++;
    const at = { file: name, record, line: lineNo };
    let value: unknown;
    try {
      value = JSON.parse(line);
      parsed++;
    } catch (e) {
      const why = nl < 0 && !/[}\]]$/.test(line) ? 'problem_jsonl_truncated' : 'problem_jsonl_invalid';
      problems.push({ ...at, ...problemText(why, cleanLine(e instanceof Error ? e.message : String(e), 120)) });
      if (nl < 0) break;
      continue;
    }
    const out = recordToStory(value);
    if ('story' in out) stories.push(out.story);
    else problems.push({ ...at, ...out });
    if (nl < 0) break;
  }
  // Not one line parsed, yet something is there: objects spread over several lines each.
  if (parsed === 0 && record > 1 && /^\s*[[{]/.test(text)) {
    const whole = parseJson(name, text);
    if (whole.stories.length) return whole;
  }
  return { stories, problems };
}
