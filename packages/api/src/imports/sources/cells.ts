/**
 * An xlsx cell as the import reads it: its type, not its text. A number is a number (written with
 * the 15 significant digits Excel shows), a date-formatted number a date, a percent-formatted
 * number a percentage (its text is what Excel shows, `94.9%`, so that even a reader of text alone
 * cannot take 0.949 for 0.949 %), a formula its cached result.
 */

import type { SourceCell, TypedValue } from '../source.js';

/** The format's literal parts (quoted text, escapes, [colour] and [$-412] locale tags) removed. */
const codesOf = (format: string) =>
  format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*]/g, '');

export const isPercentFormat = (format: string | undefined) => !!format && codesOf(format).includes('%');

/** As exceljs decides when it reads a plain number (utils.isDateFmt), so formula results agree. */
export const isDateFormat = (format: string | undefined) =>
  !!format && format !== 'General' && /[ymdhMsb]/.test(codesOf(format));

/** Excel's serial day number to a calendar day (the 1900 system counts a 29 February 1900). */
export function serialDate(serial: number, date1904: boolean): Date {
  const days = date1904 ? serial + 1462 : serial;
  return new Date(Math.round((days - 25569) * 86_400_000));
}

/**
 * The words the format writes beside a positive number (its first section's quoted text and
 * escaped characters): `#,##0"천명"` → `천명`. A unit there is part of what the person reads, so it
 * is checked like a typed one; null when there is none.
 */
export function formatWord(format: string | undefined): string | null {
  if (!format) return null;
  const first = /^(?:"[^"]*"|\\.|[^;])*/.exec(format)?.[0] ?? '';
  const literals = first.match(/"[^"]*"|\\./g) ?? [];
  const word = literals
    .map((literal) => (literal.startsWith('"') ? literal.slice(1, -1) : literal.slice(1)))
    .join('')
    .replace(/\s/g, '');
  return word === '' ? null : word;
}

const plain = (value: number) => String(Number(value.toPrecision(15)));
const pad = (n: number) => String(n).padStart(2, '0');

function numberCell(value: number, format: string | undefined, date1904: boolean): SourceCell {
  if (isDateFormat(format)) return dateCell(serialDate(value, date1904), format);
  const percent = isPercentFormat(format);
  const word = formatWord(format);
  const typed: TypedValue = { kind: 'number', value, percent, ...(word ? { unitWord: word } : {}) };
  return { text: percent ? `${plain(value * 100)}%` : plain(value), typed };
}

function dateCell(date: Date, format: string | undefined): SourceCell {
  const typed = {
    kind: 'date',
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
  } as const;
  return { text: dateText(typed, format), typed };
}

type Day = { year: number; month: number; day: number };

/**
 * A date as its format shows it in Excel, so that a month header formatted `yyyy"년" m"월"` reads
 * `2024년 10월` on the screen and in problems, as in the file, not `2024-10-01` (the typed date is
 * what is read). Rendered for the codes a report's date formats use: years (`yy`, `yyyy`), months and
 * days as numbers (`m`, `mm`, `d`, `dd`) and the text between. Anything whose display depends on the
 * reader's Excel (month or weekday names, eras, times, built-in 14 `mm-dd-yy`, which Excel shows as
 * the system's short date) is written in ISO form instead: `2024-10` when the format shows no day,
 * else `2024-10-01`.
 */
export function dateText(date: Day, format: string | undefined): string {
  const iso = (withDay: boolean) => `${date.year}-${pad(date.month)}${withDay ? `-${pad(date.day)}` : ''}`;
  if (!format || format === 'mm-dd-yy') return iso(true);
  const section = /^(?:"[^"]*"|\\.|[^;])*/.exec(format)?.[0] ?? '';
  const codes = codesOf(section).toLowerCase();
  const showsDay = codes.includes('d');
  let shown = '';
  const tokens = section.matchAll(/"([^"]*)"|\\(.)|\[([^\]]*)]|_.|\*.|(y+|m+|d+)|([a-z@#0?])|(.)/gi);
  for (const [, quoted, escaped, tag, code, other, literal] of tokens) {
    if (quoted !== undefined || escaped !== undefined) shown += quoted ?? escaped;
    else if (tag !== undefined) {
      // A locale or a colour changes nothing here; an elapsed time ([h]) is no date.
      if (!/^(\$|red|black|blue|green|white|yellow|cyan|magenta|color)/i.test(tag)) return iso(showsDay);
    } else if (code !== undefined) {
      const letter = code[0]?.toLowerCase();
      if (letter === 'y') shown += code.length <= 2 ? pad(date.year % 100) : String(date.year);
      else if (code.length > 2) return iso(showsDay);
      else {
        const n = letter === 'm' ? date.month : date.day;
        shown += code.length === 2 ? pad(n) : String(n);
      }
    } else if (other !== undefined) return iso(showsDay);
    else if (literal !== undefined) shown += literal;
  }
  return shown.trim() || iso(showsDay);
}

interface RichText {
  richText: { text: string }[];
}
const isRichText = (value: object): value is RichText => Array.isArray((value as RichText).richText);

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && isRichText(value))
    return value.richText.map((run) => run.text ?? '').join('');
  return '';
}

/**
 * The cell from exceljs's value (streaming or not) and its number format. A formula without a
 * cached result, or whose result is an error, reads as its formula, so that it is shown and refused
 * rather than read as blank.
 */
export function sourceCell(value: unknown, format: string | undefined, date1904: boolean): SourceCell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value.trim() };
  if (typeof value === 'number') return numberCell(value, format, date1904);
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return dateCell(value, format);
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const { result, formula } = value as { result?: unknown; formula?: string };
      if (typeof result === 'number' && Number.isFinite(result)) return numberCell(result, format, date1904);
      if (result instanceof Date) return dateCell(result, format);
      if (typeof result === 'string' || typeof result === 'boolean')
        return sourceCell(result, format, date1904);
      if (result && typeof result === 'object' && 'error' in result)
        return { text: String((result as { error: unknown }).error) };
      return { text: `=${formula ?? ''}` };
    }
    if ('error' in value) return { text: String((value as { error: unknown }).error) };
    if ('text' in value) return { text: textOf((value as { text: unknown }).text).trim() };
    return { text: textOf(value).trim() };
  }
  return { text: String(value) };
}
