/**
 * A typed two-language dictionary for a React app: `createI18n(DICTIONARIES)` gives the
 * provider, the `useI18n()` hook and a labelled language picker bound to that dictionary.
 */
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { LANGUAGE_NAMES, pickLanguage, readStoredLanguage, storeLanguage } from './language.js';
import type { Language } from './language.js';

export interface I18n<D> {
  readonly language: Language;
  readonly t: D;
  readonly setLanguage: (language: Language) => void;
}

const LANGUAGES = Object.keys(LANGUAGE_NAMES) as Language[];

/** `D.language` is the picker's label ("Idioma" / "Language"). */
export function createI18n<D extends { readonly language: string }>(dictionaries: Readonly<Record<Language, D>>) {
  const I18nContext = createContext<I18n<D> | null>(null);

  function I18nProvider({ children }: { children: ReactNode }) {
    const [language, setLanguageState] = useState<Language>(() => pickLanguage(readStoredLanguage(), navigator.languages));
    const setLanguage = useCallback((next: Language) => {
      setLanguageState(next);
      storeLanguage(next);
    }, []);
    // Screen readers pick their voice from <html lang>.
    useEffect(() => {
      document.documentElement.lang = language;
    }, [language]);
    const value = useMemo(() => ({ language, t: dictionaries[language], setLanguage }), [language, setLanguage]);
    return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
  }

  function useI18n(): I18n<D> {
    const i18n = useContext(I18nContext);
    if (i18n === null) throw new Error('useI18n outside <I18nProvider>');
    return i18n;
  }

  function LanguageSelect() {
    const { language, t, setLanguage } = useI18n();
    const id = useId();
    return (
      <div className="language">
        <label htmlFor={id}>{t.language}</label>
        <select id={id} value={language} onChange={(event) => setLanguage(event.currentTarget.value as Language)}>
          {LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </select>
      </div>
    );
  }

  return { I18nProvider, useI18n, LanguageSelect };
}
