/**
 * `departments.csv`: the department comparison, one row per department that owns indicators, rolled
 * up from the stored figures as they are read, one department's indicators at a time.
 */

import { type Db, departmentFigureRows } from '@tangible/db';
import { resolveView } from '../figures.js';
import { type Reported, type Rolled, rollup, unreported } from '../summaries.js';
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

interface Department {
  code: string;
  name: string;
  indicators: (Rolled & Reported)[];
}

export async function departmentExport(
  db: Db,
  input: { year: number; asOf?: string | undefined; sector?: string | undefined; lang: Lang },
): Promise<ExportTable> {
  const resolved = await resolveView(db, input);
  const { lang } = input;
  const source = await departmentFigureRows(db, resolved.plan.id, resolved.asOf.month, lang, {
    sectorCode: input.sector?.toUpperCase(),
  });
  const cells = ({ code, name, indicators }: Department): Cell[] => {
    const summary = rollup(indicators);
    return [
      code,
      name,
      plain(summary.score, 4),
      summary.statusCounts.on_track,
      summary.statusCounts.at_risk,
      summary.statusCounts.off_track,
      summary.statusCounts.no_data,
      summary.indicatorCount,
      unreported(indicators).length,
      summary.lastPeriod,
      resolved.asOfText,
    ];
  };
  // The rows come department by department: each is summed up when the next begins.
  function* rows(): Generator<Cell[]> {
    let department: Department | null = null;
    for (const [code, name, weight, aggregation, attainment, status, lastPeriod, due, reported] of source) {
      if (status === null) {
        // Every write keeps them (packages/db/src/figures/); only data written around the application lacks them.
        throw new Error(
          `No stored figures for the ${resolved.plan.year} plan as of ${resolved.asOfText}: run \`pnpm cli figures rebuild\`.`,
        );
      }
      if (department && department.code !== code) {
        yield cells(department);
        department = null;
      }
      department ??= { code, name, indicators: [] };
      department.indicators.push({
        weight,
        aggregation,
        figures: { attainment, status, lastPeriod, periodsDue: due ?? 0, periodsReported: reported ?? 0 },
      });
    }
    if (department) yield cells(department);
  }
  return {
    name: `departments-${resolved.plan.year}-as-of-${resolved.asOfText}${input.sector ? `-${input.sector}` : ''}-${lang}`,
    columns: DEPARTMENT_COLUMNS,
    header: headerFor(DEPARTMENT_COLUMNS, lang),
    rows: rows(),
  };
}
