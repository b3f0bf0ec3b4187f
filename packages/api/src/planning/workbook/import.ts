/**
 * Importing a plan workbook: the dry-run says what would be added, changed (field: old → new),
 * revised and retired or deleted, with every problem at its sheet, row and column; applying carries
 * the same changes out through the editor's own operations (changes.ts carryOut, lifecycle.ts
 * proposeRevision) in one transaction, refused whole if any problem remains. The planning office's
 * (`plan`): a bureau head proposes changes one by one in the editor.
 */

import { appendAudit, type Db, findDepartments, findPlan, findPlanShape, withHistory } from '@tangible/db';
import { can, type Principal, type SignedInUser } from '../../auth/policy.js';
import { refuse } from '../../problems.js';
import { carryOut } from '../changes.js';
import { operationInputs } from '../inputs.js';
import { proposeRevision } from '../lifecycle.js';
import { planOutline } from '../outline.js';
import { PlanValidationError } from '../validation.js';
import { leavingAncestor, PARENT_KIND } from './ancestry.js';
import { wantedPlan } from './desired.js';
import { currentThings, type Leaving, type Level, planDiff } from './diff.js';
import { revisionsInForce } from './export.js';
import {
  Problems,
  readWorkbookFiles,
  type SheetTable,
  type UploadedFile,
  type WorkbookProblem,
} from './read.js';
import { PARENT, SHEET_NAMES, type SheetKind } from './sheets.js';

export interface WorkbookDryRun {
  year: number;
  status: 'draft' | 'confirmed';
  added: { level: Level; code: string }[];
  changed: { level: Level; code: string; field: string; old: string; new: string }[];
  revisions: { code: string; period: string; old: number; new: number; reason: string }[];
  leaving: Leaving[];
  problems: WorkbookProblem[];
}

/** Refused: the dry-run with its problems. */
export class WorkbookRejected extends Error {
  constructor(readonly dryRun: WorkbookDryRun) {
    super(`${dryRun.problems.length} problem(s) in the workbook`);
  }
}

const LEVELS: [Exclude<SheetKind, 'targets'>, Level][] = [
  ['sectors', 'sector'],
  ['strategies', 'strategy'],
  ['projects', 'project'],
  ['indicators', 'indicator'],
  ['milestones', 'milestone'],
];

/** The indicator's column an editor field is written in. */
const COLUMN: Record<string, string> = {
  weight: 'weight',
  direction: 'direction',
  aggregation: 'aggregation',
  frequency: 'frequency',
  headline: 'headline',
  department: 'department_code',
  thresholds: 'on_track_threshold',
  'thresholds.atRisk': 'at_risk_threshold',
  'baseline.year': 'baseline_year',
  'name.en': 'name_en',
  'goal.en': 'goal_en',
  unit: 'unit',
  name: 'name_ko',
  goal: 'goal_ko',
  source: 'source',
  plannedDate: 'planned',
  baseline: 'baseline',
  annualTarget: 'target',
  interimTargets: 'target',
};

/** The column an editor field's problem is at: its own part's column (`thresholds.atRisk`), else the field's. */
const columnOfField = (path: readonly PropertyKey[]) =>
  COLUMN[path.slice(0, 2).map(String).join('.')] ?? COLUMN[String(path[0] ?? '')] ?? null;

async function examine(
  db: Db,
  user: SignedInUser,
  year: number,
  tables: Map<SheetKind, SheetTable>,
  problems: Problems,
) {
  const plan = await findPlan(db, user.organisationId, year);
  if (!plan) throw refuse('NOT_FOUND', 'no_such_plan', { year, years: '' });
  const outline = await planOutline(db, user, year);
  const now = currentThings(outline);
  const indicator = (code: string) =>
    now.things.indicators.get(code)?.fields as
      | { frequency: 'monthly' | 'quarterly' | 'annual'; unit: string }
      | undefined;
  const wanted = wantedPlan(
    tables,
    problems,
    year,
    (c) => indicator(c)?.frequency,
    (c) => indicator(c)?.unit,
  );
  const departments = new Set((await findDepartments(db, user.organisationId)).map((d) => d.code));
  const inForce = await revisionsInForce(db, user.organisationId, year);
  const pending = new Set(outline.pendingRevisions.map((r) => `${r.code} ${r.period}`));
  const confirmed = plan.status === 'confirmed';
  const diff = planDiff(wanted, now, { year, confirmed, departments, inForce, pending });
  // The editor's own schemas, as a procedure would check the same input.
  for (const step of diff.steps) {
    const parsed = operationInputs[step.operation].safeParse(step.input);
    if (parsed.success || !step.row || step.row.hasProblem) continue;
    for (const issue of parsed.error.issues) {
      const column = columnOfField(issue.path);
      // The field is named as the file names its column (the reader's language), not by its identifier.
      const header = column === null ? undefined : step.row.table.columns.get(column)?.header;
      step.row.fail(column, 'workbook_bad_value', { field: header ?? issue.path.join('.') });
    }
  }
  // A row kept under an ancestor the upload leaves out (through a sheet it does not hold) would go
  // with that ancestor, unseen: refused at its parent's cell.
  for (const [kind] of LEVELS) {
    const parentKind = PARENT_KIND[kind];
    if (!parentKind || wanted.kinds.has(parentKind)) continue;
    for (const w of wanted[kind].values()) {
      const gone = leavingAncestor(wanted, now, kind, w.parent);
      if (gone)
        w.row.fail(PARENT[kind]?.column ?? null, 'workbook_unknown_parent', {
          code: gone.code,
          sheet: `${SHEET_NAMES[gone.kind].ko} (${SHEET_NAMES[gone.kind].en})`,
        });
    }
  }
  // What a kind's sheet leaves out: the top-most thing only (what is under it goes with it).
  const shape = await findPlanShape(db, plan.id);
  const leaving: Leaving[] = [];
  for (const [kind, level] of LEVELS) {
    if (!wanted.kinds.has(kind)) continue;
    for (const thing of now.things[kind].values()) {
      if (wanted[kind].has(thing.code)) continue;
      if (leavingAncestor(wanted, now, kind, thing.parent)) continue;
      const how = confirmed
        ? 'retire'
        : (await hasHistory(db, shape, level, thing.code))
          ? 'retire'
          : 'delete';
      leaving.push({ level, code: thing.code, how });
    }
  }
  const dryRun: WorkbookDryRun = {
    year,
    status: plan.status,
    added: diff.added,
    changed: diff.changed,
    revisions: diff.revisions.map(({ row: _row, ...r }) => r),
    leaving,
    problems: problems.list,
  };
  return { dryRun, diff };
}

type Shape = Awaited<ReturnType<typeof findPlanShape>>;

/** Whether the thing or anything under it has reported values or dates (retirement.ts's rule). */
async function hasHistory(db: Db, shape: Shape, level: Level, code: string) {
  const own = <T extends { id: number; code: string }>(rows: T[]) =>
    rows.filter((r) => r.code === code).map((r) => r.id);
  const under = <T extends { id: number; parent_id: number }>(rows: T[], parents: number[]) =>
    rows.filter((r) => parents.includes(r.parent_id)).map((r) => r.id);
  const strategies =
    level === 'sector'
      ? under(shape.strategies, own(shape.sectors))
      : level === 'strategy'
        ? own(shape.strategies)
        : [];
  const projects = level === 'project' ? own(shape.projects) : under(shape.projects, strategies);
  const indicators = level === 'indicator' ? own(shape.indicators) : under(shape.indicators, projects);
  const milestones = level === 'milestone' ? own(shape.milestones) : under(shape.milestones, projects);
  const found = await withHistory(db, indicators, milestones);
  return found.indicators + found.milestones > 0;
}

function planningOffice(principal: Principal): SignedInUser {
  if (principal.kind !== 'user') throw refuse('UNAUTHORIZED', 'sign_in_required');
  if (!can(principal, 'plan')) throw refuse('FORBIDDEN', 'needs_permission', { permission: 'plan' });
  return principal.user;
}

/** What the workbook would change, and its problems; writes nothing. */
export async function dryRunWorkbook(
  db: Db,
  principal: Principal,
  year: number,
  files: readonly UploadedFile[],
) {
  const user = planningOffice(principal);
  const problems = new Problems();
  const tables = await readWorkbookFiles(files, problems);
  return (await examine(db, user, year, tables, problems)).dryRun;
}

/** Carries the workbook's changes out in one transaction, or refuses them all (WorkbookRejected). */
export async function applyWorkbook(
  db: Db,
  principal: Principal,
  year: number,
  files: readonly UploadedFile[],
  now: Date,
): Promise<WorkbookDryRun> {
  const user = planningOffice(principal);
  const problems = new Problems();
  // Files are read before the transaction: a workbook takes a while, and the plan waits for none of it.
  const tables = await readWorkbookFiles(files, problems);
  return db.transaction().execute(async (trx) => {
    const { dryRun, diff } = await examine(trx, user, year, tables, problems);
    if (dryRun.problems.length > 0) throw new WorkbookRejected(dryRun);
    for (const step of diff.steps) {
      try {
        await carryOut(trx, user, step.operation, step.input, now);
      } catch (error) {
        if (!(error instanceof PlanValidationError) || !step.row) throw error;
        for (const found of error.errors)
          step.row.fail(columnOfField(found.field.split('.')), found.code, found.params);
        throw new WorkbookRejected({ ...dryRun, problems: problems.list });
      }
    }
    for (const r of diff.revisions)
      await proposeRevision(
        trx,
        principal as Principal & { kind: 'user' },
        { year, code: r.code, period: r.period, value: r.new, reason: r.reason },
        now,
      );
    for (const l of dryRun.leaving)
      await carryOut(
        trx,
        user,
        l.how === 'delete' ? 'remove' : 'retire',
        { year, level: l.level, code: l.code },
        now,
      );
    await appendAudit(trx, {
      organisationId: user.organisationId,
      at: now.toISOString(),
      actorUserId: user.id,
      actor: user.username,
      action: 'plan.workbook.import',
      entityType: 'plan',
      entityId: String(year),
      after: {
        files: files.map((f) => f.filename),
        added: dryRun.added.length,
        changed: dryRun.changed.length,
        revisions: dryRun.revisions.length,
        leaving: dryRun.leaving.length,
      },
    });
    return dryRun;
  });
}

/** The plan years the workbook's annual targets name (a targets row whose period is a year). */
export async function workbookYears(files: readonly UploadedFile[]): Promise<number[]> {
  const tables = await readWorkbookFiles(files, new Problems());
  const targets = tables.get('targets');
  const column = targets?.columns.get('period')?.index;
  const years = new Set<number>();
  for (const row of targets?.rows ?? []) {
    const text = column === undefined ? '' : (row.cells[column]?.text.trim() ?? '');
    if (/^\d{4}$/.test(text)) years.add(Number(text));
  }
  return [...years].sort();
}
