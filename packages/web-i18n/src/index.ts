export { createI18n } from './i18n.js';
export type { I18n } from './i18n.js';
export { LANGUAGE_NAMES, pickLanguage, readStoredLanguage, storeLanguage } from './language.js';
export type { Language } from './language.js';
