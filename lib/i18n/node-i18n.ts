// The I18n of Node code and tests: the same messages.json files the extension ships, read from
// disk, with browser.i18n's fallback to the default locale (English) for a missing message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createI18n, type I18n } from './i18n';
import { formatMessage, type MessageFile } from './format-message';

/** Where the locale folders live (`<dir>/<locale>/messages.json`). */
export const LOCALES_DIR = join(import.meta.dirname, '_locales');

/** The parsed messages.json of `locale` (throws when there is none). */
export function readMessages(locale: string): MessageFile {
  return JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as MessageFile;
}

/** An I18n reading `locale`'s file ("ru", "es-419" reads "es"), English for what it lacks. */
export function nodeI18n(locale = 'en'): I18n {
  const base = locale.toLowerCase().split(/[-_]/)[0];
  const en = readMessages('en');
  let own: MessageFile = {};
  try {
    own = base === 'en' ? en : readMessages(base);
  } catch {
    own = {};
  }
  // Message names are case-insensitive in browser.i18n.
  const find = (file: MessageFile, name: string) =>
    file[name] ?? Object.entries(file).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  return createI18n((name, subs) => {
    const entry = find(own, name) ?? find(en, name);
    return entry ? formatMessage(entry, subs) : '';
  }, locale);
}
