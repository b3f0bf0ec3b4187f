/**
 * One edit of a plan, as every editor operation makes it: in one transaction, the organisation's
 * plan of the year and its shape (every thing with its code), the problems found so far with their
 * fields, the departments the edit touches (for proposals: changes.ts), and its audit entries.
 */

import {
  appendAudit,
  type Db,
  findDepartmentByCode,
  findPlan,
  findPlanShape,
  type PlanLevel,
  type PlanShape,
} from '@tangible/db';
import type { SignedInUser } from '../auth/policy.js';
import { type ProblemCode, refuse } from '../problems.js';
import { fieldError, type PlanFieldError, PlanValidationError } from './validation.js';

const SHAPE_OF: Record<PlanLevel, keyof PlanShape> = {
  sector: 'sectors',
  strategy: 'strategies',
  project: 'projects',
  indicator: 'indicators',
  milestone: 'milestones',
};

export type Thing = PlanShape['indicators'][number] | PlanShape['sectors'][number];

export interface EditScope {
  trx: Db;
  user: SignedInUser;
  plan: NonNullable<Awaited<ReturnType<typeof findPlan>>>;
  shape: PlanShape;
  at: string;
  errors: PlanFieldError[];
  /** The departments whose plan the edit changes; null for a change only the planning office makes. */
  touched: (number | null)[];
  /** The thing of the level with the code, or a problem on the field (it must not be retired unless `retired`). */
  find(level: PlanLevel, code: string, field: string, options?: { retired?: boolean }): Thing | undefined;
  /** A problem on `code` when the code is already used at the level. */
  claim(level: PlanLevel, code: string): void;
  department(code: string): Promise<number | undefined>;
  fail(field: string, code: ProblemCode, params?: Record<string, string | number>): void;
  /** Refuses the edit when any problem was found. */
  check(): void;
  /**
   * The edit's audit entry, naming the thing by level and id. Not by `indicator_id`: that column
   * refers to the indicator, and a draft's indicator may yet be deleted while the log keeps its entries.
   */
  audit(entry: {
    action: string;
    level: PlanLevel | 'plan';
    id: number;
    before?: unknown;
    after?: unknown;
    reason?: string | null;
  }): Promise<void>;
}

/** Codes as the plan stores them. */
export const codeOf = (code: string) => code.trim().toUpperCase();

export async function withPlan<T>(
  db: Db,
  user: SignedInUser,
  year: number,
  now: Date,
  work: (scope: EditScope) => Promise<T>,
): Promise<T> {
  const run = async (trx: Db) => {
    const plan = await findPlan(trx, user.organisationId, year);
    if (!plan) throw refuse('NOT_FOUND', 'no_such_plan', { year, years: '' });
    const shape = await findPlanShape(trx, plan.id);
    const errors: PlanFieldError[] = [];
    const scope: EditScope = {
      trx,
      user,
      plan,
      shape,
      at: now.toISOString(),
      errors,
      touched: [],
      find(level, code, field, options) {
        const wanted = codeOf(code);
        const found = (shape[SHAPE_OF[level]] as Thing[]).find((t) => t.code === wanted);
        if (!found) errors.push(fieldError(field, 'plan_no_such_thing', { level, code: wanted, year }));
        else if (found.retired_at !== null && !options?.retired)
          errors.push(fieldError(field, 'plan_thing_retired', { level, code: wanted }));
        return found;
      },
      claim(level, code) {
        const wanted = codeOf(code);
        if ((shape[SHAPE_OF[level]] as Thing[]).some((t) => t.code === wanted))
          errors.push(fieldError('code', 'plan_code_taken', { level, code: wanted }));
      },
      async department(code) {
        const found = await findDepartmentByCode(trx, user.organisationId, codeOf(code));
        if (!found) errors.push(fieldError('department', 'plan_unknown_department', { code: codeOf(code) }));
        return found?.id;
      },
      fail(field, code, params = {}) {
        errors.push(fieldError(field, code, params));
      },
      check() {
        if (errors.length > 0) throw new PlanValidationError([...errors]);
      },
      async audit(entry) {
        await appendAudit(trx, {
          organisationId: user.organisationId,
          at: scope.at,
          actorUserId: user.id,
          actor: user.username,
          action: entry.action,
          entityType: entry.level,
          entityId: String(entry.id),
          before: entry.before ?? null,
          after: entry.after ?? null,
          reason: entry.reason ?? null,
        });
      },
    };
    return work(scope);
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
