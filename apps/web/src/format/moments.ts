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
  const options = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Seoul' } as const;
  return language === 'ko'
    ? new Intl.DateTimeFormat('ko-KR', options).format(date)
    : englishDate(date, options);
}

const SHORT_MONTH = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' });

/** An English month's short name as periods are written: 9 → "Sep". */
export function shortMonthName(month: number): string {
  return SHORT_MONTH.format(new Date(Date.UTC(2000, month - 1, 1)));
}

/**
 * A date in British order ("3 Sep 2024, 14:12") with the month named as the periods name it: en-GB
 * now writes September "Sept", and a screen read "Sep 2024" beside "30 Sept 2024".
 */
export function englishDate(date: Date, options: Intl.DateTimeFormatOptions): string {
  const month = Number(
    new Intl.DateTimeFormat('en-GB', { month: 'numeric', timeZone: options.timeZone }).format(date),
  );
  return new Intl.DateTimeFormat('en-GB', options)
    .formatToParts(date)
    .map((part) => (part.type === 'month' && /\D/.test(part.value) ? shortMonthName(month) : part.value))
    .join('');
}
