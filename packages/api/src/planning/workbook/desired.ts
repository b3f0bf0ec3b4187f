/**
 * The plan as the workbook writes it: each sheet's rows read into things with their parent's code
 * and the editor's own fields (planning/inputs.ts), each kept with the row it came from, so a
 * refusal later (a parent missing, a move) still names its cell.
 */

import type { IndicatorFields } from '../inputs.js';
import { Problems, type RowCells, rowsOf, type SheetTable } from './read.js';
import type { SheetKind } from './sheets.js';

type Pair = { ko: string; en: string };
export interface Wanted<F> {
  code: string;
  parent: string | null;
  fields: F;
  row: RowCells;
}

export interface WantedTarget {
  period: string;
  target: number | null;
  revised: number | null;
  reason: string;
  row: RowCells;
}

export type IndicatorOwnFields = Omit<IndicatorFields, 'annualTarget' | 'interimTargets'>;

export interface WantedPlan {
  /** The kinds the upload holds: a kind it leaves out is left as it is. */
  kinds: Set<SheetKind>;
  sectors: Map<string, Wanted<{ name: Pair; goal: Pair }>>;
  strategies: Map<string, Wanted<{ name: Pair }>>;
  projects: Map<string, Wanted<{ name: Pair; department: string }>>;
  indicators: Map<string, Wanted<IndicatorOwnFields>>;
  targets: Map<string, WantedTarget[]>;
  milestones: Map<
    string,
    Wanted<{ name: Pair; department: string; plannedDate: string; weight: number; source: string }>
  >;
}

const pair = (r: RowCells, prefix: string, field: 'name' | 'note', required: boolean): Pair => ({
  ko: r.text(`${prefix}_ko`, field, required),
  en: r.text(`${prefix}_en`, field, required),
});
const optionalPair = (r: RowCells, prefix: string) => {
  const found = pair(r, prefix, 'note', false);
  return found.ko === '' && found.en === '' ? null : found;
};

/** Things of one sheet by code; a code twice on a sheet is refused at its second row. */
function byCode<F>(
  rows: RowCells[],
  codeColumn: string,
  parentColumn: string | null,
  fields: (r: RowCells) => F,
): Map<string, Wanted<F>> {
  const found = new Map<string, Wanted<F>>();
  for (const r of rows) {
    const code = r.code(codeColumn);
    const parent = parentColumn ? r.code(parentColumn) : null;
    const first = found.get(code);
    if (first) r.fail(codeColumn, 'workbook_duplicate_code', { code, row: first.row.line });
    else if (code !== '') found.set(code, { code, parent, fields: fields(r), row: r });
  }
  return found;
}

export function wantedPlan(
  tables: Map<SheetKind, SheetTable>,
  problems: Problems,
  year: number,
  frequencyOf: (code: string) => 'monthly' | 'quarterly' | 'annual' | undefined,
  unitOf: (code: string) => string | undefined,
): WantedPlan {
  const rows = (kind: SheetKind) => rowsOf(tables.get(kind), problems);
  const indicators = byCode(rows('indicators'), 'kpi_code', 'project_code', (r) => {
    const unit = r.text('unit', 'name', true);
    const baseline = r.number('baseline', unit);
    const baselineYear = r.number('baseline_year', '');
    const onTrack = r.number('on_track_threshold', '');
    const atRisk = r.number('at_risk_threshold', '');
    if ((onTrack === null) !== (atRisk === null))
      r.fail(onTrack === null ? 'on_track_threshold' : 'at_risk_threshold', 'workbook_cell_required');
    if (baseline === null && baselineYear !== null) r.fail('baseline', 'workbook_cell_required');
    return {
      name: pair(r, 'name', 'name', true),
      department: r.code('department_code'),
      unit,
      direction: r.word('direction') as IndicatorFields['direction'],
      aggregation: r.word('aggregation') as IndicatorFields['aggregation'],
      frequency: r.word('frequency') as IndicatorFields['frequency'],
      baseline: baseline === null ? null : { value: baseline, year: baselineYear },
      thresholds: onTrack === null || atRisk === null ? null : { onTrack, atRisk },
      weight: r.number('weight', '', true) ?? 0,
      headline: r.word('headline') === 'yes',
      source: r.text('source', 'note', true),
      definition: optionalPair(r, 'definition'),
      formula: optionalPair(r, 'formula'),
      dataSource: optionalPair(r, 'data_source'),
    };
  });
  const targets = new Map<string, WantedTarget[]>();
  for (const r of rows('targets')) {
    const code = r.code('kpi_code');
    const frequency = indicators.get(code)?.fields.frequency ?? frequencyOf(code);
    const unit = indicators.get(code)?.fields.unit ?? unitOf(code) ?? '';
    if (code === '') continue;
    if (!frequency) {
      r.fail('kpi_code', 'workbook_unknown_parent', { code, sheet: '지표 (indicators)' });
      continue;
    }
    const period = r.period('period', year, frequency);
    const own = targets.get(code) ?? [];
    const first = own.find((t) => t.period === period);
    if (period !== null && first)
      r.fail('period', 'workbook_duplicate_target', { code, period, row: first.row.line });
    else if (period !== null)
      own.push({
        period,
        target: r.number('target', unit, true),
        revised: r.number('revised_target', unit),
        reason: r.text('revision_reason', 'reason'),
        row: r,
      });
    targets.set(code, own);
  }
  return {
    kinds: new Set(tables.keys()),
    sectors: byCode(rows('sectors'), 'sector_code', null, (r) => ({
      name: pair(r, 'name', 'name', true),
      goal: pair(r, 'goal', 'name', true),
    })),
    strategies: byCode(rows('strategies'), 'strategy_code', 'sector_code', (r) => ({
      name: pair(r, 'name', 'name', true),
    })),
    projects: byCode(rows('projects'), 'project_code', 'strategy_code', (r) => ({
      name: pair(r, 'name', 'name', true),
      department: r.code('department_code'),
    })),
    indicators,
    targets,
    milestones: byCode(rows('milestones'), 'milestone_code', 'project_code', (r) => ({
      name: pair(r, 'name', 'name', true),
      department: r.code('department_code'),
      plannedDate: r.date('planned') ?? '',
      weight: r.number('weight', '', true) ?? 0,
      source: r.text('source', 'note', true),
    })),
  };
}

export { Problems };
