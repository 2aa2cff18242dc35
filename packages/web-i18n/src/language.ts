/**
 * Which language a charla web app starts in: the reader's own choice if they made one (kept
 * in localStorage under one key for the whole origin, so the chat and the console agree),
 * else the first of the browser's languages we speak, else English.
 */
export type Language = 'es' | 'en';

export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { es: 'Español', en: 'English' };

const STORAGE_KEY = 'charla.language';
const FALLBACK: Language = 'en';

export function pickLanguage(stored: string | null, browserLanguages: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0] ?? '';
    if (isLanguage(primary)) return primary;
  }
  return FALLBACK;
}

function isLanguage(value: string | null): value is Language {
  return value === 'es' || value === 'en';
}

// Storage can be unavailable (privacy modes, sandboxed frames): the choice then lasts the visit.
export function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // See readStoredLanguage.
  }
}
