/** i18next set up once: Korean by default, the reader's choice remembered in localStorage. */

import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { messages as account } from '../routes/account/messages';
import { messages as approvals } from '../routes/approvals/messages';
import { messages as departments } from '../routes/departments/messages';
import { messages as imports } from '../routes/import/messages';
import { messages as indicator } from '../routes/indicator/messages';
import { messages as indicators } from '../routes/indicators/messages';
import { messages as milestones } from '../routes/milestones/messages';
import { messages as report } from '../routes/report/messages';
import { messages as sector } from '../routes/sector/messages';
import { en } from './en';
import { ko } from './ko';

const screens = {
  sector,
  indicator,
  indicators,
  milestones,
  departments,
  report,
  approvals,
  account,
  import: imports,
};

function merged(language: 'ko' | 'en') {
  const common = language === 'ko' ? ko : en;
  return { ...common, ...Object.fromEntries(Object.entries(screens).map(([key, m]) => [key, m[language]])) };
}

export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'tangible.language';

function storedLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'ko';
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
