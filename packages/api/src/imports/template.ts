/**
 * The import template as an xlsx workbook: the same rows as template.csv, headers in the reader's
 * language (the Korean ones are among the names the template mapping reads back), the indicator
 * code and the period kept as text so that Excel does not turn `2024-10` into a date, or a
 * typed `2024.10` into the number 2024.1.
 */

import type { Cell } from '../export/table.js';
import { excel } from './excel.js';

export const TEMPLATE_HEADERS = {
  en: ['kpi_code', 'kpi_name', 'period', 'value', 'note', 'evidence_url', 'analysis', 'next_steps'],
  ko: ['지표 코드', '지표명', '기간', '값', '비고', '증빙 링크', '원인 분석', '향후 대책'],
} as const;

const SHEET_NAMES = { en: 'Actuals', ko: '실적' } as const;
const WIDTHS = [12, 36, 10, 14, 30, 40, 40, 40];
const TEXT_COLUMNS = [1, 3];

/**
 * The value in force for a period: a pending one when there is one (it would be approved next),
 * else the approved one. The template is filled with it and a file is compared with it, so a
 * template sent back unchanged changes nothing, and a file repeating a wrong pending value
 * replaces it.
 */
export function valueInForce<T>(values: { pending?: T | null; approved?: T | null } | undefined): T | null {
  return values?.pending ?? values?.approved ?? null;
}

export async function templateWorkbook(rows: Cell[][], lang: 'ko' | 'en'): Promise<Uint8Array> {
  const workbook = new (await excel()).Workbook();
  const sheet = workbook.addWorksheet(SHEET_NAMES[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_HEADERS[lang].map((header, i) => ({ header, width: WIDTHS[i] }));
  sheet.getRow(1).font = { bold: true };
  for (const column of TEXT_COLUMNS) sheet.getColumn(column).numFmt = '@';
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
