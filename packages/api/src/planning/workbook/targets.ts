/**
 * An indicator's targets as the targets sheet writes them, and the editor's rules of an indicator's
 * fields put at their cells (a target's problem on its row of the targets sheet).
 */

import { isUnit, unitRange, valueProblem } from '@tangible/core';
import type { IndicatorFields } from '../inputs.js';
import { indicatorProblems } from '../validation.js';
import type { WantedTarget } from './desired.js';
import type { DiffContext, WorkbookDiff } from './diff.js';
import type { RowCells } from './read.js';
import { sameInSpreadsheet } from './sheets.js';

const sortedInterims = (targets: { period: string; value: number }[]) =>
  [...targets].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));

/** Where an indicator's own field problem (validation.ts) is on the indicators sheet. */
const COLUMN_OF_FIELD: Record<string, string> = {
  unit: 'unit',
  'baseline.year': 'baseline_year',
  'thresholds.atRisk': 'at_risk_threshold',
};

/**
 * The editor's rules of an indicator's fields (validation.ts), each problem put at its cell: its
 * own fields on the indicators sheet, a target on its row of the targets sheet.
 */
export function placeProblems(
  fields: IndicatorFields,
  year: number,
  own: RowCells | null,
  targets: WantedTarget[],
) {
  const annual = targets.find((t) => t.period === String(year));
  for (const found of indicatorProblems(fields, year)) {
    const [field, index, part] = found.field.split('.');
    const interim = field === 'interimTargets' ? fields.interimTargets[Number(index)] : undefined;
    const target = field === 'annualTarget' ? annual : targets.find((t) => t.period === interim?.period);
    if (target && (field === 'annualTarget' || interim))
      target.row.fail(part === 'period' ? 'period' : 'target', found.code, found.params);
    else (own ?? targets[0]?.row)?.fail(COLUMN_OF_FIELD[found.field] ?? 'kpi_code', found.code, found.params);
  }
}

/**
 * An indicator's targets as the targets sheet writes them. In a draft the target column is the
 * target. In a confirmed plan the planned targets stay as they were (a change there is refused) and a
 * revised target that differs from the one in force is a revision to propose, with its reason.
 */
export function targetFields(
  code: string,
  rows: WantedTarget[],
  current: IndicatorFields | undefined,
  fallback: RowCells | null,
  diff: WorkbookDiff,
  ctx: DiffContext,
): Pick<IndicatorFields, 'annualTarget' | 'interimTargets'> | null {
  const annual = rows.find((t) => t.period === String(ctx.year));
  if (!annual) {
    if (rows.length > 0 || !current) return null;
  }
  const planned = (period: string) =>
    period === String(ctx.year)
      ? current?.annualTarget
      : current?.interimTargets.find((t) => t.period === period)?.value;
  for (const t of rows) {
    if (!ctx.confirmed || !current) {
      if (t.revised !== null) t.row.fail('revised_target', 'workbook_revised_in_draft', { code });
      continue;
    }
    const was = planned(t.period);
    if (was === undefined) {
      t.row.fail('period', 'plan_target_needs_revision', { code });
      continue;
    }
    if (t.target !== null && !sameInSpreadsheet(t.target, was))
      t.row.fail('target', 'workbook_original_fixed', { value: was });
    const key = `${code} ${t.period}`;
    const inForce = ctx.inForce.get(key)?.value ?? was;
    if (t.revised === null || sameInSpreadsheet(t.revised, inForce)) continue;
    // A revised target is a target: it fits the unit as the planned one must (validation.ts).
    const issue = isUnit(current.unit) ? valueProblem(current.unit, t.revised) : null;
    if (issue)
      t.row.fail('revised_target', issue, {
        value: t.revised,
        unit: current.unit,
        max: unitRange(current.unit).max,
      });
    else if (t.reason === '')
      t.row.fail('revision_reason', 'workbook_reason_needed', { code, period: t.period });
    else if (ctx.pending.has(key))
      t.row.fail('revised_target', 'workbook_revision_waiting', { code, period: t.period });
    else
      diff.revisions.push({
        code,
        period: t.period,
        old: inForce,
        new: t.revised,
        reason: t.reason,
        row: t.row,
      });
  }
  if (ctx.confirmed && current) {
    for (const period of [String(ctx.year), ...current.interimTargets.map((t) => t.period)])
      if (!rows.some((t) => t.period === period))
        fallback?.fail('kpi_code', 'plan_target_needs_revision', { code });
    return { annualTarget: current.annualTarget, interimTargets: current.interimTargets };
  }
  if (!annual) return null;
  return {
    annualTarget: annual.target ?? 0,
    interimTargets: sortedInterims(
      rows.filter((t) => t !== annual).map((t) => ({ period: t.period, value: t.target ?? 0 })),
    ),
  };
}
