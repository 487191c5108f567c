// Problem wording: parsers word each import problem from an English message (lib/i18n,
// `problem_…`), so the CLI and logs read the same reasons as before, and the options page can
// word a stored reason again in the reader's language by matching it against those messages.
import type { MessageKey, Translate } from '../i18n/i18n';
import { englishT } from '../i18n/english';
import { reword } from '../i18n/reword';

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

/**
 * A problem's reason in the reader's language: the English reason matched against the problem
 * messages and worded again with `t` (whole numbers in the reader's locale); a reason no message
 * words (an older or newer version's, or a parser's own text) is returned as it is.
 */
export function rewordProblem(reason: string, t: Translate): string {
  return reword(reason, t, 'problem_');
}
