/** `departments.csv`: the department comparison, one row per department that owns indicators. */

import { type Db, findDepartments } from '@tangible/db';
import { resolveView, storedIndicators } from '../figures.js';
import { rollup, unreported } from '../summaries.js';
import { type Cell, type ExportTable, headerFor, type Lang, plain } from './table.js';

export const DEPARTMENT_COLUMNS = [
  'department_code',
  'department',
  'score',
  'on_track',
  'at_risk',
  'off_track',
  'no_data',
  'indicators',
  'unreported',
  'last_period',
  'as_of',
] as const;

export async function departmentExport(
  db: Db,
  input: { year: number; asOf?: string | undefined; sector?: string | undefined; lang: Lang },
): Promise<ExportTable> {
  const resolved = await resolveView(db, input);
  const { lang } = input;
  const indicators = (await storedIndicators(db, resolved, { sectorCode: input.sector?.toUpperCase() })).map(
    (e) => e.view,
  );
  const rows: Cell[][] = [];
  for (const department of await findDepartments(db)) {
    const own = indicators.filter((i) => i.department.code === department.code);
    if (own.length === 0) continue;
    const summary = rollup(own);
    rows.push([
      department.code,
      lang === 'ko' ? department.name_ko : department.name_en,
      plain(summary.score, 4),
      summary.statusCounts.on_track,
      summary.statusCounts.at_risk,
      summary.statusCounts.off_track,
      summary.statusCounts.no_data,
      summary.indicatorCount,
      unreported(own).length,
      summary.lastPeriod,
      resolved.asOfText,
    ]);
  }
  return {
    name: `departments-${resolved.plan.year}-as-of-${resolved.asOfText}${input.sector ? `-${input.sector}` : ''}-${lang}`,
    columns: DEPARTMENT_COLUMNS,
    header: headerFor(DEPARTMENT_COLUMNS, lang),
    rows,
  };
}
