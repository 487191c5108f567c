// The reader's language for the components below it: entrypoints wrap their page in
// <I18nProvider i18n={…}> (browser.i18n there, nodeI18n in tests) and components call useI18n().
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { createI18n, type I18n } from '../lib/i18n/i18n';

// Without a provider, message names show as themselves: a page that forgot to wrap is seen at once.
const I18nContext = createContext<I18n>(createI18n(() => '', 'en'));

export interface I18nProviderProps {
  /** The lookup every component below uses. */
  i18n: I18n;
  children?: ComponentChildren;
}

export function I18nProvider(p: I18nProviderProps) {
  return <I18nContext.Provider value={p.i18n}>{p.children}</I18nContext.Provider>;
}

/** The I18n of the nearest provider. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
