/** i18next set up once: the reader's choice remembered in localStorage, else the browser's language (choice.ts). */

import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { merged } from './catalogue';

import { type Language, openingLanguage } from './choice';

export { LANGUAGES, type Language } from './choice';

const STORAGE_KEY = 'tangible.language';

function storedLanguage(): Language {
  return openingLanguage(
    globalThis.localStorage?.getItem(STORAGE_KEY),
    globalThis.navigator?.languages ?? [],
  );
}

void i18n.use(initReactI18next).init({
  resources: { ko: { translation: merged('ko') }, en: { translation: merged('en') } },
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
