/**
 * `directives.csv` and `directives.xlsx`: every directive the directives page's filters match, one
 * row each, with its departments, due date, state and whether it is overdue today.
 */

import type { Db } from '@tangible/db';
import type { z } from 'zod';
import type { Cell, ExportTable, Lang } from '../export/table.js';
import { headerFor } from '../export/table.js';
import { resolveView } from '../figures.js';
import { excel } from '../imports/excel.js';
import type { directiveFilter } from './inputs.js';
import { directiveList } from './views.js';

export const DIRECTIVE_COLUMNS = [
  'directive_id',
  'meeting_date',
  'meeting_name',
  'sector_code',
  'sector_name',
  'project',
  'kpi_code',
  'directive',
  'departments',
  'due_date',
  'state',
  'overdue',
] as const;

export type DirectiveExportInput = z.infer<typeof directiveFilter> & { lang: Lang };

export async function directiveExport(
  db: Db,
  organisationId: number,
  input: DirectiveExportInput,
  now: Date,
): Promise<ExportTable> {
  const { plan } = await resolveView(db, organisationId, { year: input.year });
  const { lang } = input;
  const { items } = await directiveList(db, plan.id, input, null, now);
  const rows: Cell[][] = items.map((d) => [
    d.id,
    d.meeting.date,
    d.meeting.name,
    d.sector.code,
    d.sector.name[lang],
    d.project?.code ?? null,
    d.indicator?.code ?? null,
    d.content,
    d.departments.map((x) => x.name[lang]).join(', '),
    d.dueDate,
    d.state,
    d.overdue ? 1 : 0,
  ]);
  const scope = [input.sector, input.department, input.state, input.overdue ? 'overdue' : '']
    .filter(Boolean)
    .join('-');
  return {
    name: `directives-${plan.year}${scope ? `-${scope}` : ''}-${lang}`,
    columns: DIRECTIVE_COLUMNS,
    header: headerFor(DIRECTIVE_COLUMNS, lang),
    rows,
  };
}

/**
 * The same table as an Excel workbook. Every text is written as a text cell (a shared string, shown
 * as text, `@`), which a spreadsheet never runs as a formula: `=금융기관 유치` stays exactly that, with
 * no apostrophe (CSV needs one, having no cell types; xlsx has them). Only NUL, which XML cannot carry,
 * becomes U+FFFD.
 */
export async function workbookOf(table: ExportTable & { rows: Cell[][] }): Promise<Buffer> {
  // Loaded on first use (imports/excel.ts): a static import cost every start of the server 0.4 s.
  const workbook = new (await excel()).Workbook();
  const sheet = workbook.addWorksheet(table.name.slice(0, 31));
  for (const row of [table.header, ...table.rows]) {
    const added = sheet.addRow(
      row.map((cell) => (typeof cell === 'string' ? cell.replaceAll('\0', '\uFFFD') : cell)),
    );
    row.forEach((cell, i) => {
      if (typeof cell === 'string') added.getCell(i + 1).numFmt = '@';
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
