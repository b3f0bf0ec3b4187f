/** i18next set up once: Korean by default, the reader's choice remembered in localStorage. */

import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ko } from './ko';

export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'tangible.language';

function storedLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'ko';
}

void i18n.use(initReactI18next).init({
  resources: { ko: { translation: ko }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'ko',
  interpolation: { escapeValue: false },
  returnNull: false,
});

function applyLanguage(language: string) {
  document.documentElement.lang = language;
}
applyLanguage(i18n.language);

export function setLanguage(language: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
  void i18n.changeLanguage(language);
  applyLanguage(language);
}

export default i18n;
