/** `milestones.csv`: every milestone with its dates, state and slippage as of a month. */

import type { Db } from '@tangible/db';
import { evaluateMilestones, resolveView } from '../figures.js';
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
  input: {
    year: number;
    asOf?: string | undefined;
    sector?: string | undefined;
    department?: string | undefined;
    lang: Lang;
  },
): Promise<ExportTable> {
  const resolved = await resolveView(db, input);
  const { lang } = input;
  const milestones = await evaluateMilestones(db, resolved, {
    sectorCode: input.sector?.toUpperCase(),
    departmentCode: input.department?.toUpperCase(),
  });
  const rows = milestones.map((m): Cell[] => [
    m.sector.code,
    m.project.name[lang],
    m.code,
    m.name[lang],
    m.department.name[lang],
    m.planned,
    m.forecast,
    m.actual,
    m.state,
    m.slippageDays,
    m.weight,
    resolved.asOfText,
    m.source,
  ]);
  const scope = [input.sector, input.department].filter(Boolean).join('-');
  return {
    name: `milestones-${resolved.plan.year}-as-of-${resolved.asOfText}${scope ? `-${scope}` : ''}-${lang}`,
    columns: MILESTONE_COLUMNS,
    header: headerFor(MILESTONE_COLUMNS, lang),
    rows,
  };
}
