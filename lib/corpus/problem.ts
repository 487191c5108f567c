// Problem wording: parsers word each import problem from an English message (lib/i18n,
// `problem_…`), so the CLI and logs read the same reasons as before, and the options page can
// word a stored reason again in the reader's language by matching it against those messages.
import type { MessageKey, Translate } from '../i18n/i18n';
import { englishMessages, englishT } from '../i18n/english';

/** The message names of import problems (lib/i18n/_locales, `problem_…`). */
export type ProblemCode = Extract<MessageKey, `problem_${string}`>;
/** A substitution of a problem message. */
export type ProblemArg = string | number;

/** What a problem says (spread into a ParseProblem). */
export interface ProblemText {
  reason: string;
}

/** The English reason of problem `code`; numbers as plain digits (as parsers always wrote them). */
export function problemText(code: ProblemCode, ...args: ProblemArg[]): ProblemText {
  return { reason: englishT(code, ...args.map(String)) };
}

interface Pattern {
  key: ProblemCode;
  re: RegExp;
  /** For each capture group, which substitution ($1 → 0) it is. */
  slots: number[];
}

let patterns: Pattern[] | undefined;

/** One anchored pattern per problem message: its words literal, each placeholder a lazy group. */
function problemPatterns(): Pattern[] {
  if (patterns) return patterns;
  patterns = [];
  for (const [key, entry] of Object.entries(englishMessages)) {
    if (!key.startsWith('problem_')) continue;
    const slots: number[] = [];
    const src = entry.message
      .split(/(\$[A-Za-z0-9_@]+\$)/)
      .map((part) => {
        const m = /^\$([A-Za-z0-9_@]+)\$$/.exec(part);
        const content = m && Object.entries(entry.placeholders ?? {}).find(([k]) => k.toLowerCase() === m[1].toLowerCase())?.[1].content;
        if (!content) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        slots.push(Number(content.slice(1)) - 1);
        return '([\\s\\S]*?)';
      })
      .join('');
    patterns.push({ key: key as ProblemCode, re: new RegExp(`^${src}$`), slots });
  }
  return patterns;
}

/**
 * A problem's reason in the reader's language: the English reason matched against the problem
 * messages and worded again with `t` (whole numbers in the reader's locale); a reason no message
 * words (an older or newer version's, or a parser's own text) is returned as it is.
 */
export function rewordProblem(reason: string, t: Translate): string {
  for (const p of problemPatterns()) {
    const m = p.re.exec(reason);
    if (!m) continue;
    const args: ProblemArg[] = [];
    p.slots.forEach((slot, i) => {
      const v = m[i + 1];
      args[slot] = /^\d{1,15}$/.test(v) ? Number(v) : v;
    });
    return t(p.key, ...args);
  }
  return reason;
}
