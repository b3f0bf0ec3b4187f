/**
 * What `pnpm cli import` prints of a preview, in the reader's language: how the file was read (its
 * format, and the sheet and header row of a workbook) and each problem where the person finds it in
 * Excel (`실적!D14`, or `B2` in a CSV), with the line and column, departments by their name.
 */

import type { ImportPreview } from '@tangible/api';
import { problemText } from './failures.js';
import { currentLanguage, type Language, type MessageKey, say } from './messages.js';

export interface DepartmentName {
  code: string;
  name_ko: string;
  name_en: string;
}

const FORMATS: Record<ImportPreview['format'], MessageKey> = {
  csv: 'format_csv',
  'text-utf16': 'format_text_utf16',
  xlsx: 'format_xlsx',
  'html-table': 'format_html_table',
};

/** The first line: what the file is and what it would do. */
export function importSummary(file: string, preview: ImportPreview, language = currentLanguage()): string {
  const counts = {
    file,
    kind: say(preview.kind === 'wide' ? 'kind_wide' : 'kind_long', {}, language),
    rows: preview.totals.rows,
    headerRow: preview.layout.headerRow,
    ...preview.counts,
  };
  if (preview.delimiter !== null)
    return say(
      'import_summary',
      {
        ...counts,
        encoding: preview.encoding ?? say(FORMATS[preview.format], {}, language),
        separator: preview.delimiter === '\t' ? say('separator_tab', {}, language) : `"${preview.delimiter}"`,
      },
      language,
    );
  const format = say(FORMATS[preview.format], {}, language);
  return preview.layout.sheet === null
    ? say('import_summary_table', { ...counts, format }, language)
    : say('import_summary_sheet', { ...counts, format, sheet: preview.layout.sheet }, language);
}

type Found = ImportPreview['problems'][number];

/** One problem: where it is (the cell as Excel names it, the line, the column) and what is wrong. */
export function problemLine(
  found: Found,
  departments: readonly DepartmentName[],
  language: Language = currentLanguage(),
): string {
  const params = { ...found.params };
  // A department travels as its code; the reader knows it by its name.
  const department = departments.find((d) => d.code === params.department);
  if (department) params.department = language === 'ko' ? department.name_ko : department.name_en;
  const values = {
    line: found.line,
    column: found.column,
    position: found.position,
    problem: problemText({ ...found, params }, language),
  };
  if (!found.column) return say('import_problem_no_column', values, language);
  return say(found.position ? 'import_problem' : 'import_problem_no_position', values, language);
}

/**
 * Which sheet of a workbook was read, among which, when the reader may have meant another: the
 * columns were not understood, or no `--sheet` chose it. Null for a file of one sheet.
 */
export function sheetHint(
  preview: ImportPreview,
  chosen: boolean,
  language = currentLanguage(),
): string | null {
  const { sheets, sheet } = preview.layout;
  if (sheets.length < 2 || sheet === null || (chosen && !preview.needsMapping)) return null;
  const names = sheets.map((s) =>
    s.hidden ? say('import_sheet_hidden', { name: s.name ?? '' }, language) : (s.name ?? ''),
  );
  return say('import_sheets', { sheet, count: sheets.length, sheets: names.join(', ') }, language);
}

/** Whether committing would be refused, for the same reasons `commitImport` refuses it. */
export const cannotCommit = (preview: ImportPreview) => preview.needsMapping || preview.counts.error > 0;
