import type { Language } from '../../format/language';

/**
 * A moment (ISO timestamp) as date and time in the reader's language and time zone:
 * 2024-07-03T05:12:00Z → "2024. 7. 3. 오후 2:12" / "3 Jul 2024, 14:12" (in Seoul).
 */
export function formatDateTime(iso: string | null, language: Language): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}
