/** This app's dictionary bound to the shared language machinery (@charla/web-i18n). */
import { createI18n } from '@charla/web-i18n';
import { DICTIONARIES } from './dictionary';

export const { I18nProvider, useI18n, LanguageSelect } = createI18n(DICTIONARIES);
