/**
 * Whether a column's name reads as a period, to tick it at first on the column-mapping step (the
 * server decides; this only saves the person some clicks).
 */

const PERIOD_FORMS = [
  /^\d{4}\s*[-./]\s*\d{1,2}\.?$/,
  /^\d{6}$/,
  /^\d{4}\s*년\s*\d{1,2}\s*월$/,
  /^\d{4}\s*[-./ ]?\s*Q[1-4]$/i,
  /^\d{4}\s*년\s*[1-4]\s*분기$/,
  /^(\d{2,4}\s*년\s*)?\d{1,2}\s*월$/,
  /^(\d{2,4}\s*년\s*)?[1-4]\s*분기$/,
  /^(\d{2,4}\s*년\s*)?[상하]반기$/,
  /^Q[1-4]\s*[-./ ]?\s*\d{4}$/i,
  // A header Excel typed as a date (a month typed `2024-10` is stored as its first day).
  /^\d{4}-\d{2}-\d{2}$/,
];

/** Whether a column name reads as a month or quarter (2024-01, 2024년 1월, 2024-Q1), to tick it by default. */
export function looksLikePeriod(header: string): boolean {
  const text = header.trim();
  return PERIOD_FORMS.some((form) => form.test(text));
}
