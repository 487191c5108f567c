// The substitution rules of browser.i18n.getMessage, for code that reads the messages.json files
// itself (Node, the CLI, vitest): named $placeholders$ first, then $1…$9 and $$.

/** One entry of a `_locales/<locale>/messages.json` file (the WebExtensions format). */
export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

/** A whole messages.json file. */
export type MessageFile = Record<string, MessageEntry>;

/**
 * The message with its placeholders replaced as Chromium and Firefox do: `$name$` (case-insensitive)
 * by its placeholder's content, then `$1`…`$9` by the substitutions (missing ones: ''), `$$` by `$`.
 */
export function formatMessage(entry: MessageEntry, substitutions: readonly string[] = []): string {
  const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (all, name: string) => placeholders.get(name.toLowerCase()) ?? all);
  return named.replace(/\$(\$|[1-9])/g, (_all, what: string) => (what === '$' ? '$' : (substitutions[Number(what) - 1] ?? '')));
}

/** The `$name$` placeholders a message uses (lower case, sorted): translations must use the same. */
export function placeholderNames(entry: MessageEntry): string[] {
  return [...new Set([...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1].toLowerCase()))].sort();
}
