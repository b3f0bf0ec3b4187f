/**
 * What a workbook would change in the plan: things added, fields changed (old → new), target
 * revisions asked for (a confirmed plan's targets change only so: issue 12.2), and things the
 * workbook leaves out of a kind it holds, retired (or, in a draft and without history, deleted).
 * Each change is also the editor's operation that makes it (changes.ts carries them out), kept with
 * the row it came from.
 */

import type { IndicatorFields, OperationInput, OperationName } from '../inputs.js';
import type { Wanted, WantedPlan } from './desired.js';
import type { Outline } from './export.js';
import type { RowCells } from './read.js';
import { SHEET_NAMES, type SheetKind, sameInSpreadsheet } from './sheets.js';
import { placeProblems, targetFields } from './targets.js';

export type Level = 'sector' | 'strategy' | 'project' | 'indicator' | 'milestone';
const LEVEL: Record<Exclude<SheetKind, 'targets'>, Level> = {
  sectors: 'sector',
  strategies: 'strategy',
  projects: 'project',
  indicators: 'indicator',
  milestones: 'milestone',
};

export interface FieldChange {
  level: Level;
  code: string;
  field: string;
  old: string;
  new: string;
}
export interface Revision {
  code: string;
  period: string;
  old: number;
  new: number;
  reason: string;
}
export interface Leaving {
  level: Level;
  code: string;
  /** Retired when it (or anything under it) has history or the plan is confirmed; deleted otherwise. */
  how: 'retire' | 'delete';
}

export interface Step {
  operation: OperationName;
  input: OperationInput<OperationName>;
  row: RowCells | null;
}

export interface WorkbookDiff {
  added: { level: Level; code: string }[];
  changed: FieldChange[];
  revisions: (Revision & { row: RowCells })[];
  leaving: Leaving[];
  steps: Step[];
}

type Current = { code: string; parent: string | null; fields: Record<string, unknown> };

/** The plan's things in force, by level and code, with their parent's code. */
export function currentThings(outline: Outline) {
  const map = () => new Map<string, Current>();
  const things = {
    sectors: map(),
    strategies: map(),
    projects: map(),
    indicators: map(),
    milestones: map(),
  };
  const retired = new Set<string>();
  const put = (
    kind: keyof typeof things,
    t: { code: string; retiredAt: string | null; fields: object },
    parent: string | null,
  ) => {
    if (t.retiredAt !== null) retired.add(`${kind} ${t.code}`);
    else things[kind].set(t.code, { code: t.code, parent, fields: t.fields as Record<string, unknown> });
  };
  for (const s of outline.sectors) {
    put('sectors', s, null);
    for (const g of s.strategies) {
      put('strategies', g, s.code);
      for (const p of g.projects) {
        put('projects', p, g.code);
        for (const i of p.indicators) put('indicators', i, p.code);
        for (const m of p.milestones) put('milestones', m, p.code);
      }
    }
  }
  return { things, retired };
}
export type CurrentThings = ReturnType<typeof currentThings>;

const shown = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/** A field's value as its parts to show: a pair by language, interim targets by period, thresholds by name. */
function parts(value: unknown): Record<string, unknown> | null {
  if (Array.isArray(value))
    return Object.fromEntries((value as { period: string; value: number }[]).map((t) => [t.period, t.value]));
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;
}

/** The fields whose values differ, as the editor's partial input and as changes to show (part by part). */
function fieldChanges(
  level: Level,
  code: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
) {
  const input: Record<string, unknown> = {};
  const changes: FieldChange[] = [];
  for (const [field, value] of Object.entries(after)) {
    const was = before[field] ?? null;
    if (sameInSpreadsheet(was, value)) continue;
    input[field] = value;
    const [old, now] = [parts(was), parts(value)];
    if (!old || !now) {
      changes.push({ level, code, field, old: shown(was), new: shown(value) });
      continue;
    }
    for (const key of new Set([...Object.keys(old), ...Object.keys(now)]))
      if (!sameInSpreadsheet(old[key], now[key]))
        changes.push({ level, code, field: `${field}.${key}`, old: shown(old[key]), new: shown(now[key]) });
  }
  return { input, changes };
}

export interface DiffContext {
  year: number;
  confirmed: boolean;
  departments: Set<string>;
  /** `CODE period` → the approved revision's value in force. */
  inForce: Map<string, { value: number }>;
  /** `CODE period` of revisions waiting for a decision. */
  pending: Set<string>;
}

export function planDiff(wanted: WantedPlan, now: CurrentThings, ctx: DiffContext): WorkbookDiff {
  const diff: WorkbookDiff = { added: [], changed: [], revisions: [], leaving: [], steps: [] };
  const { things, retired } = now;
  const step = (operation: OperationName, input: object, row: RowCells | null) =>
    diff.steps.push({ operation, input: { year: ctx.year, ...input } as OperationInput<OperationName>, row });

  function walk<F extends object>(
    kind: Exclude<SheetKind, 'targets'>,
    rows: Map<string, Wanted<F>>,
    parentKind: Exclude<SheetKind, 'targets'> | null,
    parentColumn: string,
    codeColumn: string,
    make: (w: Wanted<F>) => { create: object; fields: Record<string, unknown>; validate?: () => void } | null,
  ) {
    const level = LEVEL[kind];
    for (const w of rows.values()) {
      if (retired.has(`${kind} ${w.code}`)) {
        w.row.fail(codeColumn, 'plan_thing_retired', { level, code: w.code });
        continue;
      }
      if (parentKind && w.parent) {
        const known = wanted.kinds.has(parentKind)
          ? wanted[parentKind].has(w.parent)
          : things[parentKind].has(w.parent);
        if (!known && w.parent !== '')
          w.row.fail(parentColumn, 'workbook_unknown_parent', {
            code: w.parent,
            sheet: `${SHEET_NAMES[parentKind].ko} (${SHEET_NAMES[parentKind].en})`,
          });
      }
      const dept = (w.fields as { department?: string }).department;
      if (dept && !ctx.departments.has(dept))
        w.row.fail('department_code', 'plan_unknown_department', { code: dept });
      const made = make(w);
      // A row with a refused cell changes nothing, so that no change shows a value never read.
      if (!made || w.row.hasProblem) continue;
      const current = things[kind].get(w.code);
      if (!current) {
        made.validate?.();
        diff.added.push({ level, code: w.code });
        step(`create${cap(level)}` as OperationName, { code: w.code, ...made.create }, w.row);
        continue;
      }
      if (parentKind && current.parent !== w.parent)
        w.row.fail(parentColumn, 'workbook_moved', {
          code: w.code,
          parent: current.parent ?? '',
          moved: w.parent ?? '',
        });
      const { input, changes } = fieldChanges(level, w.code, current.fields, made.fields);
      if (changes.length === 0) continue;
      // The editor checks an indicator's fields as they will stand when it changes, so does this.
      made.validate?.();
      diff.changed.push(...changes);
      step(`edit${cap(level)}` as OperationName, { code: w.code, ...input }, w.row);
    }
  }

  walk('sectors', wanted.sectors, null, '', 'sector_code', (w) => ({ create: w.fields, fields: w.fields }));
  walk('strategies', wanted.strategies, 'sectors', 'sector_code', 'strategy_code', (w) => ({
    create: { sector: w.parent, ...w.fields },
    fields: w.fields,
  }));
  walk('projects', wanted.projects, 'strategies', 'strategy_code', 'project_code', (w) => ({
    create: { strategy: w.parent, ...w.fields },
    fields: w.fields,
  }));

  // Indicators: their own fields from the indicators sheet (or as they stand), targets from the targets sheet.
  const indicatorCodes = new Set([
    ...wanted.indicators.keys(),
    ...(wanted.kinds.has('targets') ? wanted.targets.keys() : []),
  ]);
  const complete = new Map<string, Wanted<IndicatorFields>>();
  for (const code of indicatorCodes) {
    const w = wanted.indicators.get(code);
    const current = things.indicators.get(code);
    if (!w && !current) continue;
    const base = (w?.fields ?? current?.fields) as unknown as IndicatorFields;
    const row = w?.row ?? wanted.targets.get(code)?.[0]?.row ?? null;
    const targets = wanted.kinds.has('targets')
      ? targetFields(
          code,
          wanted.targets.get(code) ?? [],
          current?.fields as IndicatorFields | undefined,
          row,
          diff,
          ctx,
        )
      : current
        ? {
            annualTarget: (current.fields as IndicatorFields).annualTarget,
            interimTargets: (current.fields as IndicatorFields).interimTargets,
          }
        : null;
    if (!targets) {
      row?.fail('kpi_code', 'workbook_no_annual_target', { code, year: ctx.year });
      continue;
    }
    const fields: IndicatorFields = { ...base, ...targets };
    const validate = () => placeProblems(fields, ctx.year, w?.row ?? null, wanted.targets.get(code) ?? []);
    if (w) complete.set(code, { ...w, fields });
    else if (current) {
      const { input, changes } = fieldChanges('indicator', code, current.fields, targets);
      if (changes.length > 0) {
        validate();
        diff.changed.push(...changes);
        step('editIndicator', { code, ...input }, row);
      }
    }
  }
  walk('indicators', complete, 'projects', 'project_code', 'kpi_code', (w) => ({
    create: { project: w.parent, ...w.fields },
    fields: w.fields as unknown as Record<string, unknown>,
    validate: () => placeProblems(w.fields, ctx.year, w.row, wanted.targets.get(w.code) ?? []),
  }));
  walk('milestones', wanted.milestones, 'projects', 'project_code', 'milestone_code', (w) => ({
    create: { project: w.parent, ...w.fields },
    fields: w.fields,
  }));
  return diff;
}

const cap = (level: string) => level.charAt(0).toUpperCase() + level.slice(1);
