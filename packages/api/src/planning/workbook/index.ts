/** The plan workbook (issue 12.6): the whole plan out as xlsx or CSV, and back in with a dry-run. */

export { changeInWords } from './change-words.js';
export type { PlanWorkbook } from './export.js';
export { planWorkbook, workbookTable, workbookXlsx } from './export.js';
export type { WorkbookDryRun } from './import.js';
export { applyWorkbook, dryRunWorkbook, WorkbookRejected, workbookYears } from './import.js';
export type { UploadedFile, WorkbookProblem } from './read.js';
export { SHEET_KINDS, type SheetKind } from './sheets.js';
