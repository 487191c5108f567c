// The English messages bundled as data, for lib/ functions' default wording (the CLI, tests, and any
// caller that passes no Translate): the same file the extension ships as _locales/en.
import en from './_locales/en/messages.json';
import { createI18n, type I18n, type Translate } from './i18n';
import { formatMessage, type MessageFile } from './format-message';

const file = en as MessageFile;

/** The English messages themselves (e.g. to recognise a reason worded from them). */
export const englishMessages: Readonly<MessageFile> = file;

/** English, whatever the reader's language (numbers as en). */
export const english: I18n = createI18n((name, subs) => {
  const entry = file[name];
  return entry ? formatMessage(entry, subs) : '';
}, 'en');

/** english.t, the default `t` of lib/ functions that word things for the UI. */
export const englishT: Translate = english.t;
