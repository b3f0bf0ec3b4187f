import { useTranslation } from 'react-i18next';
import { englishDate } from './moments';

export type Language = 'ko' | 'en';

/** The reader's language and the translate function, for components that pick `name[language]`. */
export function useLanguage() {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'ko';
  return { t, language };
}

/** An ISO date in the reader's language: 2024-05-31 → "2024년 5월 31일" / "31 May 2024". */
export function formatDate(iso: string | null, language: Language): string {
  if (!iso) return '–';
  const date = new Date(`${iso}T00:00:00Z`);
  const options = { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' } as const;
  return language === 'ko'
    ? new Intl.DateTimeFormat('ko-KR', options).format(date)
    : englishDate(date, options);
}
