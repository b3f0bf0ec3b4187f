import type { Language } from './language';

/**
 * A moment (ISO timestamp) as the city reads it, on every screen the same: date and time in Busan
 * (Asia/Seoul), whatever the reader's computer is set to, so an approval and the token used for it
 * show the same clock. 2024-07-03T05:12:00Z → "2024. 7. 3. 오후 2:12" / "3 Jul 2024, 14:12".
 */
export function formatMoment(iso: string | null, language: Language): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Seoul',
  }).format(date);
}
