/**
 * Where a date sits on the timeline's horizontal axis: a fraction of the span shown. Display only;
 * every date and every slippage drawn comes from the server.
 */

import type { Language } from '../../format/language';
import { shortMonthName } from '../../format/moments';

const DAY = 86_400_000;

export interface Tick {
  key: string;
  /** Start and width as fractions of the span. */
  from: number;
  width: number;
  label: string;
}

export interface Span {
  start: number;
  end: number;
  ticks: Tick[];
}

export type Clip = 'before' | 'after' | null;

function time(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The last day of an as-of month: `2024-06` → `2024-06-30`, the date the server computes for. */
export function endOfMonth(month: string): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return isoOf(Date.UTC(year, index, 0));
}

/** A date moved by a number of days: the slippage bar ends `slippageDays` after the planned date. */
export function addDays(iso: string, days: number): string {
  return isoOf(time(iso) + days * DAY);
}

function ticksBetween(
  start: number,
  end: number,
  next: (ms: number) => number,
  label: (ms: number) => string,
) {
  const ticks: Tick[] = [];
  for (let at = start; at < end; at = next(at)) {
    const until = Math.min(next(at), end);
    ticks.push({
      key: isoOf(at),
      from: (at - start) / (end - start),
      width: (until - at) / (end - start),
      label: label(at),
    });
  }
  return ticks;
}

/** The plan year, month by month. */
export function yearSpan(year: number, language: Language): Span {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const korean = new Intl.DateTimeFormat('ko-KR', { month: 'short', timeZone: 'UTC' });
  // English ticks name months as the periods do ("Sep"; en-GB writes "Sept").
  const label = (ms: number) =>
    language === 'ko' ? korean.format(ms) : shortMonthName(new Date(ms).getUTCMonth() + 1);
  const next = (ms: number) => {
    const date = new Date(ms);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  };
  return { start, end, ticks: ticksBetween(start, end, next, label) };
}

/** Whole years from the earliest date to the latest (the airport track runs 2023–2029). */
export function wholeSpan(dates: readonly string[], fallbackYear: number): Span {
  const years = dates.map((iso) => Number(iso.slice(0, 4)));
  const first = Math.min(fallbackYear, ...years);
  const last = Math.max(fallbackYear, ...years);
  const start = Date.UTC(first, 0, 1);
  const end = Date.UTC(last + 1, 0, 1);
  const next = (ms: number) => Date.UTC(new Date(ms).getUTCFullYear() + 1, 0, 1);
  return { start, end, ticks: ticksBetween(start, end, next, (ms) => String(new Date(ms).getUTCFullYear())) };
}

/** A date's place on the span, held at the edge (and marked clipped) when it falls outside. */
export function place(span: Span, iso: string): { at: number; clip: Clip } {
  const ms = time(iso);
  if (ms < span.start) return { at: 0, clip: 'before' };
  if (ms > span.end) return { at: 1, clip: 'after' };
  return { at: (ms - span.start) / (span.end - span.start), clip: null };
}
