/**
 * Making text safe for spreadsheets: a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is run as a formula by Excel and LibreOffice ("CSV injection"). Such text gets a leading
 * apostrophe, which both show as plain text. Numbers stay numbers: -5 is a value, not a formula.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** `=HYPERLINK("x")` → `'=HYPERLINK("x")`; `-5` (a number) → -5; `서울` → `서울`. */
export function neutralizeCell<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}
