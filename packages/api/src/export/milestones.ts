/** `milestones.csv`: every milestone with its dates, state and slippage as of a month. Streamed. */

import { asOfDate, isDone, type MilestoneDates, milestoneState, slippageDays } from '@tangible/core';
import { type Db, type MilestoneExportRow, mapRows, milestoneRows } from '@tangible/db';
import { resolveView } from '../figures.js';
import { type Cell, type ExportTable, headerFor, type Lang } from './table.js';

export const MILESTONE_COLUMNS = [
  'sector_code',
  'project',
  'milestone_code',
  'milestone_name',
  'department',
  'planned',
  'forecast',
  'actual',
  'state',
  'slippage_days',
  'weight',
  'as_of',
  'source',
] as const;

export async function milestoneExport(
  db: Db,
  organisationId: number,
  input: {
    year: number;
    asOf?: string | undefined;
    sector?: string | undefined;
    department?: string | undefined;
    lang: Lang;
  },
): Promise<ExportTable> {
  const resolved = await resolveView(db, organisationId, input);
  const { lang } = input;
  const source = milestoneRows(db, resolved.plan.id, lang, {
    sectorCode: input.sector?.toUpperCase(),
    departmentCode: input.department?.toUpperCase(),
  });
  const date = asOfDate(resolved.asOf);
  // As of the date, the way the screens judge them (figures.ts evaluateMilestones).
  const judged = ([
    sector,
    project,
    code,
    name,
    department,
    planned,
    forecast,
    actual,
    weight,
    origin,
  ]: MilestoneExportRow): Cell[] => {
    const dates: MilestoneDates = { planned, forecast, actual, weight };
    const done = isDone(dates, date);
    return [
      sector,
      project,
      code,
      name,
      department,
      planned,
      done ? null : forecast,
      done ? actual : null,
      milestoneState(dates, date),
      slippageDays(dates, date),
      weight,
      resolved.asOfText,
      origin,
    ];
  };
  const scope = [input.sector, input.department].filter(Boolean).join('-');
  return {
    name: `milestones-${resolved.plan.year}-as-of-${resolved.asOfText}${scope ? `-${scope}` : ''}-${lang}`,
    columns: MILESTONE_COLUMNS,
    header: headerFor(MILESTONE_COLUMNS, lang),
    rows: mapRows(source, judged),
  };
}
