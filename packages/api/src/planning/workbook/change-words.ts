/**
 * A change the dry-run lists, said as the workbook says it: the field as its column's header in the
 * reader's language (`name.en` → 지표명(영문), `interimTargets.2024-Q2` → 당초 목표 2024-Q2) and an
 * enumeration's value as its word (`increase` → 증가, `true` → 예), not the editor's identifiers.
 */

import { COLUMNS, type Lang, type SheetKind, wordFor } from './sheets.js';

type Level = 'sector' | 'strategy' | 'project' | 'indicator' | 'milestone';
const SHEET: Record<Level, SheetKind> = {
  sector: 'sectors',
  strategy: 'strategies',
  project: 'projects',
  indicator: 'indicators',
  milestone: 'milestones',
};

/** The editor's field (or its part) → the workbook column it is written in. */
const COLUMN_OF: Record<string, string> = {
  'name.ko': 'name_ko',
  'name.en': 'name_en',
  'goal.ko': 'goal_ko',
  'goal.en': 'goal_en',
  department: 'department_code',
  baseline: 'baseline',
  'baseline.value': 'baseline',
  'baseline.year': 'baseline_year',
  thresholds: 'on_track_threshold',
  'thresholds.onTrack': 'on_track_threshold',
  'thresholds.atRisk': 'at_risk_threshold',
  'definition.ko': 'definition_ko',
  'definition.en': 'definition_en',
  'formula.ko': 'formula_ko',
  'formula.en': 'formula_en',
  'dataSource.ko': 'data_source_ko',
  'dataSource.en': 'data_source_en',
  plannedDate: 'planned',
};

const header = (kind: SheetKind, column: string, lang: Lang) =>
  lang === 'en' ? column : (COLUMNS[kind][column] ?? column);

export function changeInWords(
  change: { level: Level; field: string; old: string; new: string },
  lang: Lang,
): { field: string; old: string; new: string } {
  const [field = '', part] = change.field.split(/\.(.*)/s);
  if (field === 'annualTarget' || field === 'interimTargets') {
    const period = field === 'interimTargets' && part ? ` ${part}` : '';
    return { field: `${header('targets', 'target', lang)}${period}`, old: change.old, new: change.new };
  }
  const kind = SHEET[change.level];
  const column = COLUMN_OF[change.field] ?? COLUMN_OF[field] ?? field;
  const word = (value: string) =>
    column === 'headline' && (value === 'true' || value === 'false')
      ? wordFor('headline', value === 'true' ? 'yes' : 'no', lang)
      : wordFor(column, value, lang);
  return { field: header(kind, column, lang), old: word(change.old), new: word(change.new) };
}
