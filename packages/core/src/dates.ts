/** Calendar arithmetic on ISO dates (`YYYY-MM-DD`), in UTC so that no time zone moves a day. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a real calendar date in ISO form: `2024-02-30` is not. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function toUtcMs(iso: string): number {
  if (!isIsoDate(iso)) throw new RangeError(`Not an ISO date: ${iso}`);
  return Date.parse(`${iso}T00:00:00Z`);
}

/** Days from `from` to `to`: 2024-05-31 → 2024-06-30 is 30; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / 86_400_000);
}

/** The later of two ISO dates (ISO dates sort as text). */
export function laterDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/** The earlier of two ISO dates. */
export function earlierDate(a: string, b: string): string {
  return a <= b ? a : b;
}

/**
 * The calendar date of an instant in a time zone: at 2024-04-30T20:00Z it is already 2024-05-01 in
 * Seoul. The city's "today" decides whether a period has ended and whether a date is in the future.
 */
export function dateIn(timeZone: string, instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
