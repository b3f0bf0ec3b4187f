/**
 * Making text safe for spreadsheets ("CSV injection"). Excel and LibreOffice run a cell as a formula
 * when it begins with `=`, `+`, `-` or `@`; Apple Numbers also takes their full-width forms; and a
 * spreadsheet or an import option that trims the cell first ("Trim spaces") finds a formula start
 * hidden behind leading spaces, line breaks, control characters, zero-width or bidirectional marks.
 * Such text gets a leading apostrophe, which spreadsheets show as plain text. OWASP's rule that a
 * cell beginning with a tab or a carriage return is escaped too is kept as it is.
 *
 * A NUL character is replaced by U+FFFD, the character Unicode reserves for "something was here
 * that cannot be shown": readers written in C cut a cell (or the rest of the file) at a NUL, and
 * replacing it, rather than dropping it, leaves an auditor a visible trace that the text held one.
 *
 * Numbers stay numbers: -5 is a value, not a formula. Line breaks inside a cell are kept (a note
 * may have several lines); the CSV writer quotes every cell that holds one (export/table.ts).
 */

/**
 * What a spreadsheet may skip or not show before a cell's first visible character: whitespace
 * (including the no-break, ideographic and other Unicode spaces, and line breaks), control
 * characters, format characters (zero-width spaces and joiners, the byte-order mark, the
 * left-to-right and right-to-left marks, embeddings, overrides and isolates U+202A–202E,
 * U+2066–2069), and the Hangul fillers, which are letters but show nothing.
 */
const HIDDEN_LEAD = /^[\s\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0]*/u;

/**
 * The characters that start a formula, with the full-width (＝＋－＠) and small (﹦﹢﹣﹫) forms that
 * some spreadsheets normalise to them, and the minus sign U+2212.
 */
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212]/u;

/** OWASP's list: a cell that begins with one of these is escaped whatever follows. */
const ESCAPED_START = /^[\t\r]/;

/** Whether a spreadsheet could run the text as a formula: `' \u202E=1+1'` → true; `a=b` → false. */
export function startsFormula(text: string): boolean {
  // Most cells decide on their first character: a visible ASCII one (nothing hidden before it, no
  // tab or carriage return) starts a formula only as = + - @, and a Hangul syllable never does.
  // Every export writes every text cell through here (spreadsheet.test.ts checks each first character
  // against the rule below).
  const first = text.charCodeAt(0);
  if (first > 0x20 && first < 0x7f)
    return first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40;
  if (first >= 0xac00 && first <= 0xd7a3) return false;
  return ESCAPED_START.test(text) || FORMULA_START.test(text.replace(HIDDEN_LEAD, ''));
}

/**
 * `=HYPERLINK("x")` → `'=HYPERLINK("x")`; `\u200B=1+1` → `'\u200B=1+1`; `＝1+1` → `'＝1+1`;
 * `a\u0000b` → `a\uFFFDb`; `-5` (a number) → -5; `서울` → `서울`.
 */
export function neutralizeCell<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  // Judged before the NUL is replaced: a reader that skips the NUL would find the formula behind it.
  const text = value.replaceAll('\0', '\uFFFD');
  return startsFormula(value) ? `'${text}` : text;
}
