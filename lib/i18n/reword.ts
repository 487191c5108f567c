// Words a text again in the reader's language when it was worded from an English message: for
// texts that cross as plain strings (import problems stored with a job, errors from the
// background), matched against the English messages of one family (a name prefix).
import type { MessageKey, Sub, Translate } from './i18n';
import { englishMessages } from './english';

interface Pattern {
  key: MessageKey;
  re: RegExp;
  /** For each capture group, which substitution ($1 → 0) it is. */
  slots: number[];
}

const families = new Map<string, Pattern[]>();

/** One anchored pattern per message of the family: its words literal, each placeholder a lazy group. */
function patternsOf(prefix: string): Pattern[] {
  let out = families.get(prefix);
  if (out) return out;
  out = [];
  for (const [key, entry] of Object.entries(englishMessages)) {
    if (!key.startsWith(prefix)) continue;
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
    out.push({ key: key as MessageKey, re: new RegExp(`^${src}$`), slots });
  }
  families.set(prefix, out);
  return out;
}

/**
 * `text` worded again with `t` when it is one of the English messages named `prefix…` (whole
 * numbers in it then in the reader's locale); any other text is returned as it is.
 */
export function reword(text: string, t: Translate, prefix: string): string {
  for (const p of patternsOf(prefix)) {
    const m = p.re.exec(text);
    if (!m) continue;
    const args: Sub[] = [];
    p.slots.forEach((slot, i) => {
      const v = m[i + 1];
      args[slot] = /^\d{1,15}$/.test(v) ? Number(v) : v;
    });
    return t(p.key, ...args);
  }
  return text;
}
