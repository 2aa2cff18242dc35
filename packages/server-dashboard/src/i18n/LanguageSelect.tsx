import { useId } from 'react';
import { LANGUAGE_NAMES } from './dictionary';
import type { Language } from './dictionary';
import { useI18n } from './I18nProvider';

const LANGUAGES = Object.keys(LANGUAGE_NAMES) as Language[];

export function LanguageSelect() {
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
