/**
 * A seed's later years, made the way the planning office makes one: copy-forward from the year
 * before (queries/plan-copy.ts, the function behind `planEditor.copyForward`), then the cited facts
 * of `years/plan-YYYY.csv` applied to the draft (targets, milestone dates, the plan's sources),
 * every other indicator marked illustrative, and the plan confirmed. Not a second set of files with
 * the digits changed: what the copy does not carry (finished milestones, retired things) is not there.
 */

import { rescaledInterim } from '@tangible/core';
import type { Db } from '../connection.js';
import { buildPlanFigures } from '../figures/refresh.js';
import { appendAudit } from '../queries/audit.js';
import { copyPlanForward } from '../queries/plan-copy.js';
import { type NextYearFile, SeedError } from './files.js';

export interface NextYearSummary {
  year: number;
  indicators: number;
  milestones: number;
  /** Indicators and milestones whose value in this year cites a source (the rest are illustrative). */
  citedIndicators: number;
  citedMilestones: number;
}

const ILLUSTRATIVE = 'illustrative';

/** The year's plan's things of a level by code, with what the facts change. */
async function thingsOf(trx: Db, planId: number, table: 'indicators' | 'milestones') {
  const rows = await trx
    .selectFrom(table)
    .innerJoin('projects', 'projects.id', `${table}.project_id`)
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .select([`${table}.id as id`, `${table}.code as code`, `${table}.project_id as project_id`])
    .where('sectors.plan_id', '=', planId)
    .execute();
  return new Map(rows.map((r) => [r.code, r]));
}

export async function loadNextYear(
  db: Db,
  organisationId: number,
  fromYear: number,
  next: NextYearFile,
  at: string,
): Promise<NextYearSummary> {
  return db.transaction().execute(async (trx) => {
    const made = await copyPlanForward(trx, {
      organisationId,
      fromYear,
      toYear: next.year,
      actor: { userId: null, name: 'seed' },
      at,
    });
    if ('refused' in made)
      throw new SeedError(
        `${next.file}: the ${next.year} plan cannot be made from ${fromYear} (${made.refused})`,
      );
    const indicators = await thingsOf(trx, made.planId, 'indicators');
    const milestones = await thingsOf(trx, made.planId, 'milestones');
    const ids = [...indicators.values()].map((i) => i.id);
    // The copy's proposals are illustrative until a fact below says otherwise.
    if (ids.length > 0)
      await trx.updateTable('indicators').set({ source: ILLUSTRATIVE }).where('id', 'in', ids).execute();
    let citedIndicators = 0;
    let citedMilestones = 0;
    for (const [i, fact] of next.rows.entries()) {
      const at_ = `${next.file}, row ${i + 2}`;
      if (fact.level === 'plan') {
        await trx.updateTable('plans').set({ source: fact.source }).where('id', '=', made.planId).execute();
      } else if (fact.level === 'indicator') {
        const found = indicators.get(fact.code);
        if (!found)
          throw new SeedError(`${at_}, code: "${fact.code}" is not an indicator of the ${next.year} plan`);
        await setAnnualTarget(trx, found.id, next.year, Number(fact.value));
        await trx.updateTable('indicators').set({ source: fact.source }).where('id', '=', found.id).execute();
        citedIndicators += 1;
      } else {
        const found = milestones.get(fact.code);
        if (!found)
          throw new SeedError(`${at_}, code: "${fact.code}" is not a milestone carried into ${next.year}`);
        await trx
          .updateTable('milestones')
          .set({ planned_date: fact.value, source: fact.source })
          .where('id', '=', found.id)
          .execute();
        citedMilestones += 1;
      }
    }
    await buildPlanFigures(trx, made.planId, at);
    await trx
      .updateTable('plans')
      .set({ status: 'confirmed', confirmed_at: at, confirmed_by_user_id: null })
      .where('id', '=', made.planId)
      .execute();
    await appendAudit(trx, {
      organisationId,
      at,
      actorUserId: null,
      actor: 'seed',
      action: 'plan.confirm',
      entityType: 'plan',
      entityId: String(made.planId),
      before: { status: 'draft' },
      after: { status: 'confirmed', confirmed_at: at, facts: next.file },
    });
    return {
      year: next.year,
      indicators: indicators.size,
      milestones: milestones.size,
      citedIndicators,
      citedMilestones,
    };
  });
}

/** A cited annual target in place of the proposed one, its interim targets moved with it. */
async function setAnnualTarget(trx: Db, indicatorId: number, year: number, value: number) {
  const indicator = await trx
    .selectFrom('indicators')
    .select(['aggregation', 'baseline_value'])
    .where('id', '=', indicatorId)
    .executeTakeFirstOrThrow();
  const targets = await trx
    .selectFrom('targets')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .execute();
  const proposed = targets.find((t) => t.kind === 'annual')?.value ?? value;
  const from = { baseline: indicator.baseline_value, target: proposed };
  const to = { baseline: indicator.baseline_value, target: value };
  for (const t of targets)
    await trx
      .updateTable('targets')
      .set({
        value: t.kind === 'annual' ? value : rescaledInterim(indicator.aggregation, t.value, from, to),
      })
      .where('id', '=', t.id)
      .execute();
  if (!targets.some((t) => t.kind === 'annual'))
    await trx
      .insertInto('targets')
      .values({ indicator_id: indicatorId, period: String(year), kind: 'annual', value })
      .execute();
}
