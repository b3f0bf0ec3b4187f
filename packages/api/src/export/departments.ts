/**
 * `departments.csv`: the department comparison, one row per department that owns indicators, as the
 * comparison screen shows it: each department's stored roll-up (packages/db/src/figures/rollups.ts).
 */

import type { Db } from '@tangible/db';
import { resolveView } from '../figures.js';
import { departmentSummaries } from '../lists/departments.js';
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
  organisationId: number,
  input: { year: number; asOf?: string | undefined; sector?: string | undefined; lang: Lang },
): Promise<ExportTable> {
  const resolved = await resolveView(db, organisationId, input);
  const { lang } = input;
  const departments = await departmentSummaries(db, resolved, { sectorCode: input.sector?.toUpperCase() });
  function* rows(): Generator<Cell[]> {
    for (const department of departments) {
      yield [
        department.code,
        department.name[lang],
        plain(department.score, 4),
        department.statusCounts.on_track,
        department.statusCounts.at_risk,
        department.statusCounts.off_track,
        department.statusCounts.no_data,
        department.indicatorCount,
        department.unreportedCount,
        department.lastPeriod,
        resolved.asOfText,
      ];
    }
  }
  return {
    name: `departments-${resolved.plan.year}-as-of-${resolved.asOfText}${input.sector ? `-${input.sector}` : ''}-${lang}`,
    columns: DEPARTMENT_COLUMNS,
    header: headerFor(DEPARTMENT_COLUMNS, lang),
    rows: rows(),
  };
}
