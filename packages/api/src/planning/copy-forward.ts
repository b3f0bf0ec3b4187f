/**
 * "Start 2025 from 2024": the planning office's copy of a confirmed plan into next year's draft,
 * in one transaction with its audit entry (packages/db queries/plan-copy.ts makes it; the seed's
 * second year is made by the same function). The summary says what was carried, which baselines
 * are the source year's actuals and which were kept for want of one.
 */

import { copyPlanForward, type Db, type PlanCopySummary } from '@tangible/db';
import { refuse } from '../problems.js';

/**
 * Who copies: a planning office's user (the procedure), or the operator at the command line
 * (`pnpm cli plan copy`, `userId` null), always within one organisation.
 */
export interface CopyingFor {
  organisationId: number;
  userId: number | null;
  name: string;
}

export async function copyForward(
  db: Db,
  who: CopyingFor,
  input: { fromYear: number; toYear: number },
  now: Date,
): Promise<PlanCopySummary> {
  const made = await copyPlanForward(db, {
    organisationId: who.organisationId,
    fromYear: input.fromYear,
    toYear: input.toYear,
    actor: { userId: who.userId, name: who.name },
    at: now.toISOString(),
  });
  if ('refused' in made) {
    switch (made.refused) {
      case 'no_such_plan':
        throw refuse('NOT_FOUND', 'no_such_plan', made.params);
      case 'plan_year_exists':
        throw refuse('CONFLICT', 'plan_year_exists', made.params);
      case 'plan_copy_from_draft':
        throw refuse('BAD_REQUEST', 'plan_copy_from_draft', made.params);
    }
  }
  return made;
}
