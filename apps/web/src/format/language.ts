import { useTranslation } from 'react-i18next';

export type Language = 'ko' | 'en';

/** The reader's language and the translate function, for components that pick `name[language]`. */
export function useLanguage() {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'ko';
  return { t, language };
}

/** An ISO date in the reader's language: 2024-05-31 → "2024. 5. 31." / "31 May 2024". */
export function formatDate(iso: string | null, language: Language): string {
  if (!iso) return '–';
  const date = new Date(`${iso}T00:00:00Z`);
  return new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
