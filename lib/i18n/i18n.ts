// The UI's words: one lookup (browser.i18n in the extension, the JSON files in Node) behind a small
// interface with plural forms, numbers and dates in the reader's locale. Browser-free: the caller
// hands in the getMessage function.
import type en from './_locales/en/messages.json';
import { formatPublished } from '../provenance/display-date';

/** Every message name (the English file is the reference; tests/lib/i18n checks the others). */
export type MessageKey = keyof typeof en;

type PluralBase<K> = K extends `${infer B}_other` ? B : never;
/** Names of messages with plural forms: `<base>_one`, `_few`, `_many`, `_other` in every locale. */
export type PluralKey = PluralBase<MessageKey>;

/** The languages the UI speaks; anything else reads English (the manifest's default_locale). */
export const UI_LOCALES = ['en', 'ru', 'es'] as const;

/** The plural forms each plural message carries in every locale (a superset of en/es/ru's CLDR
 *  categories, so that every locale file has the same names and browser.i18n's fallback to English
 *  never mixes languages). */
export const PLURAL_FORMS = ['one', 'few', 'many', 'other'] as const;

/** A substitution: numbers are formatted in the reader's locale. */
export type Sub = string | number;

/** browser.i18n.getMessage's shape: '' for an unknown name. */
export type GetMessage = (name: string, substitutions?: string[]) => string;

/** Translate a message: the function lib/ code takes when it produces UI text. */
export type Translate = (key: MessageKey, ...subs: Sub[]) => string;

export interface I18n {
  /** The reader's locale (BCP 47, e.g. "ru", "en-US"), for Intl. */
  locale: string;
  /** The message `key` with `$1`… replaced by `subs`. */
  t: Translate;
  /** The plural form of `base` that suits `n` (Intl.PluralRules); `n` is `$1`, `subs` follow. */
  plural(base: PluralKey, n: number, ...subs: Sub[]): string;
  /** A number in the reader's locale ("1,234", "1 234"). */
  number(n: number, options?: Intl.NumberFormatOptions): string;
  /** A share (0..1) as a whole percentage in the locale ("45%", "45 %"); "<1%" for small ones. */
  share(x: number): string;
  /** A publication day (ISO 8601) as "22 Apr 2023" in the reader's locale; '' when not a day. */
  day(iso: string | undefined): string;
  /** A moment (ISO or epoch ms) with its time, in the reader's locale and time zone. */
  dateTime(d: string | number | undefined): string;
}

/** The locale tag usable by Intl, or English for an empty or malformed one. */
function intlLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale.replace(/_/g, '-'))[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** An I18n over a getMessage function (the browser's, or `nodeI18n`'s over the JSON files). */
export function createI18n(getMessage: GetMessage, locale: string): I18n {
  const tag = intlLocale(locale);
  const rules = new Intl.PluralRules(tag);
  const numbers = new Intl.NumberFormat(tag);
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const times = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const sub = (s: Sub) => (typeof s === 'number' ? numbers.format(s) : s);
  // An unknown name shows itself rather than nothing, so a missing message is seen, not silent.
  const lookup = (key: string, subs: Sub[]) => getMessage(key, subs.map(sub)) || key;
  return {
    locale: tag,
    t: (key, ...subs) => lookup(key, subs),
    plural(base, n, ...subs) {
      const form = rules.select(n);
      const all = [n, ...subs];
      return getMessage(`${base}_${form}`, all.map(sub)) || lookup(`${base}_other`, all);
    },
    number: (n, options) => (options ? new Intl.NumberFormat(tag, options).format(n) : numbers.format(n)),
    share(x) {
      if (!Number.isFinite(x) || x <= 0) return percent.format(0);
      if (x < 0.01) return '<' + percent.format(0.01);
      return percent.format(Math.round(Math.min(1, x) * 100) / 100);
    },
    day: (iso) => formatPublished(iso, tag),
    dateTime(d) {
      if (d === undefined) return '';
      const date = new Date(d);
      return Number.isNaN(date.getTime()) ? '' : times.format(date);
    },
  };
}

/**
 * The I18n of an extension page or content script, given its `browser.i18n`. Intl formats in the
 * language of the messages the browser picked (each file names it, `locale_tag`), so Russian
 * words never sit beside en-US dates: '@@ui_locale' and getUILanguage() can name another one
 * (Chromium's --lang changes the messages, not them). Their region is kept when the language agrees.
 */
export function extensionI18n(api: { getMessage(name: '@@ui_locale'): string }): I18n {
  const get = api.getMessage.bind(api) as unknown as GetMessage;
  const own = get('locale_tag') || 'en';
  const ui = (get('@@ui_locale') || '').replace(/_/g, '-');
  return createI18n(get, ui.toLowerCase().split('-')[0] === own.toLowerCase() ? ui : own);
}
