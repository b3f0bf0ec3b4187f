/**
 * Periods and numbers as people write them in Korean spreadsheets, to the forms Tangible stores:
 * `2024-03`, `2024.03`, `202403`, `2024년 3월` → `2024-03`; `2024-Q1`, `2024 Q1`, `2024년 1분기` →
 * `2024-Q1`; `2024`, `2024년` → `2024`; `1,234,567` → 1234567.
 */

const MONTH_FORMS = [
  /^(\d{4})\s*[-./]\s*(\d{1,2})\.?$/,
  /^(\d{4})(\d{2})$/,
  /^(\d{4})\s*년\s*(\d{1,2})\s*월$/,
];
const QUARTER_FORMS = [/^(\d{4})\s*[-./ ]?\s*Q([1-4])$/i, /^(\d{4})\s*년\s*([1-4])\s*분기$/];
const QUARTER_FIRST = /^Q([1-4])\s*[-./ ]?\s*(\d{4})$/i;
const YEAR_FORM = /^(\d{4})\s*년?$/;

/** The period in Tangible's form, or null when the text is not a period. */
export function normalizePeriod(text: string): string | null {
  const value = text.trim();
  for (const form of MONTH_FORMS) {
    const match = form.exec(value);
    if (match) {
      const month = Number(match[2]);
      return month >= 1 && month <= 12 ? `${match[1]}-${String(month).padStart(2, '0')}` : null;
    }
  }
  for (const form of QUARTER_FORMS) {
    const match = form.exec(value);
    if (match) return `${match[1]}-Q${match[2]}`;
  }
  const quarterFirst = QUARTER_FIRST.exec(value);
  if (quarterFirst) return `${quarterFirst[2]}-Q${quarterFirst[1]}`;
  const year = YEAR_FORM.exec(value);
  return year ? (year[1] ?? null) : null;
}

const PLAIN = /^[+-]?\d+(\.\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * A number written with or without thousands separators (commas in groups of three), or null when
 * the text is not one: `1,234.5` → 1234.5; `1,23` → null (not a thousands grouping); `12%` → null.
 */
export function normalizeNumber(text: string): number | null {
  const value = text.trim().replace(/\s+/g, '');
  if (PLAIN.test(value)) return Number(value);
  if (GROUPED.test(value)) return Number(value.replaceAll(',', ''));
  return null;
}
