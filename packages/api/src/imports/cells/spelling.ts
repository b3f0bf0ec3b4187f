/**
 * What a cell says before it is read as anything: its text folded to one spelling (full-width
 * digits and letters, ideographic and no-break spaces, the minus sign), whether it is a placeholder
 * for "not reported", and whether it is something Excel wrote in place of a value.
 */

/**
 * The text in one spelling: NFKC (`１２３` → `123`, `（` → `(`, `％` → `%`, U+3000 → space),
 * invisible characters removed, runs of spaces made one, trimmed.
 */
export function foldCell(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The placeholders departments write for "nothing to report", compared after folding, case and
 * spacing aside. `#N/A` is not one of them: it is Excel saying a formula failed (see excelMark).
 * `없음` is not either: it may mean zero, and a blank must never stand for a number.
 */
const PLACEHOLDERS = new Set(
  [
    '-',
    '--',
    '–',
    '—',
    '―',
    '−',
    '‐',
    'n/a',
    'na',
    '해당없음',
    '해당사항없음',
    '미집계',
    '자료없음',
    '미해당',
    // A dash typed on a Korean keyboard is often the vowel ㅡ (NFKC turns it into U+1173, hence the fold).
    'ㅡ',
    '…',
    '·',
    'n.a.',
    'x',
    '집계중',
    '미보고',
  ].map((placeholder) => foldCell(placeholder).toLowerCase()),
);

/** The placeholder a cell holds (as written), or null when the cell says something else. */
export function placeholderOf(text: string): string | null {
  const folded = foldCell(text);
  if (folded === '') return null;
  return PLACEHOLDERS.has(folded.toLowerCase().replace(/\s/g, '')) ? folded : null;
}

/** Whether a cell is empty: nothing but spaces and invisible characters. */
export function isEmptyCell(text: string): boolean {
  return foldCell(text) === '';
}

const EXCEL_ERRORS =
  /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|UNKNOWN!|GETTING_DATA)$/i;

/**
 * What Excel wrote in place of a value, when it did: a formula's error (`#DIV/0!`, `#N/A`), or
 * `####`, which a CSV holds when the column was too narrow to show the number as it was saved.
 */
export function excelMark(text: string): 'excel_error' | 'excel_column_too_narrow' | null {
  const folded = foldCell(text);
  if (EXCEL_ERRORS.test(folded)) return 'excel_error';
  return /^#{2,}$/.test(folded) ? 'excel_column_too_narrow' : null;
}
