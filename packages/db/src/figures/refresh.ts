/**
 * Keeping stored figures equal to what the rules compute from the stored data: each change that can
 * move an indicator's figures recomputes that indicator at the months it can move, in the change's
 * own transaction; a rebuild recomputes everything. Both go through evaluate.ts, and a property test
 * (packages/api/src/figures.property.test.ts) holds that any sequence of changes leaves the figures a
 * rebuild would write.
 *
 * What moves what:
 * - an approved value (approval, and the value it supersedes): its indicator, at the as-of months by
 *   which its period has ended (core's hasEnded): an approved March value moves March to December.
 *   Pending and returned values count nowhere, so submitting, importing and returning move nothing;
 * - a milestone's dates or state: its project's milestone indicators, at every month (a forecast
 *   moves the projection from January on);
 * - an indicator's definition or targets: that indicator, at every month;
 * - loading a plan (seed): the whole plan.
 * With them, each plan's latest month with an approved value (plan_figures.latest_month), the month
 * screens open at: an approval can only move it later.
 * With the figures, the roll-ups they feed (rollups.ts: the indicator's sector × department cell,
 * then its sector, department and plan) at the same months, and after a milestone change the
 * project's stored track (tracks.ts) at every month. Roll-ups a screen filters further (by status,
 * say) are one pass over stored figures, with core's rollupParts.
 *
 * Two releases on one database (an older server still running after a newer release's CLI or start
 * rebuilt a plan under its own stamp) would each refresh with their own rules. So every refresh
 * clears the stamp of a plan stamped by other rules than its own, in its own transaction
 * (clearForeignStamp), and the simplest safe rule follows: a stamp is only ever written by a
 * rebuild of the whole plan; no refresh, whichever release's, restores one. A cleared plan is
 * rebuilt by the next start of any release (ensureFigures); until then reads serve it as stored,
 * since refusing or rebuilding on a read would turn the overlap into an outage or a read holding
 * the write lock for the whole plan (the CLI refuses to rebuild behind a running server).
 */

import { hasEnded, parsePeriod } from '@tangible/core';
import type { Db } from '../connection.js';
import { inIdList } from '../queries/id-list.js';
import { findReportedPeriods } from '../queries/indicators.js';
import { indicatorsInPlace } from '../queries/placed.js';
import { inTransaction } from '../transaction.js';
import { AS_OF_MONTHS, evaluateAt, type FigureInputs, latestMonthOf } from './evaluate.js';
import { loadFigureInputs } from './inputs.js';
import { buildRollups, type Cell, refreshRollups } from './rollups.js';
import { figureRow, writeFigures } from './store.js';
import { writeTracks } from './tracks.js';
import { RULES_VERSION, STALE_RULES } from './version.js';

/** Indicators computed at once by a rebuild: bounds its memory whatever the plan's size. */
const INDICATORS_PER_CHUNK = 1000;

async function computeAndWrite(
  db: Db,
  inputs: readonly FigureInputs[],
  monthsOf: (inputs: FigureInputs) => readonly number[],
): Promise<number> {
  const rows = inputs.flatMap((one) =>
    monthsOf(one).map((month) => figureRow(one.definition, evaluateAt(one, month))),
  );
  await writeFigures(db, rows);
  return rows.length;
}

/** Where the indicators' stored figures sit now: before a refresh, the cells a move leaves. */
async function storedCells(trx: Db, indicatorIds: readonly number[]) {
  if (indicatorIds.length === 0) return [];
  return trx
    .selectFrom('indicator_figures')
    .select(['plan_id', 'sector_id', 'department_id'])
    .distinct()
    .where(inIdList(trx, 'indicator_id', indicatorIds))
    .execute();
}

/**
 * The roll-ups the inputs' figures feed, at the months they were rewritten: plan by plan. `left` are
 * the cells the indicators sat in before (storedCells), refreshed at every month: they lose them.
 */
async function refreshRollupsOf(
  trx: Db,
  inputs: readonly FigureInputs[],
  monthsOf: (inputs: FigureInputs) => readonly number[],
  left: Awaited<ReturnType<typeof storedCells>> = [],
): Promise<void> {
  const plans = new Map<number, { months: Set<number>; cells: Cell[] }>();
  const planOf = (planId: number) => {
    const plan = plans.get(planId) ?? { months: new Set<number>(), cells: [] };
    plans.set(planId, plan);
    return plan;
  };
  for (const one of inputs) {
    const { plan_id, sector_id, department_id } = one.definition;
    const plan = planOf(plan_id);
    for (const month of monthsOf(one)) plan.months.add(month);
    plan.cells.push({ sectorId: sector_id, departmentId: department_id });
  }
  for (const { plan_id, sector_id, department_id } of left) {
    const plan = planOf(plan_id);
    for (const month of AS_OF_MONTHS) plan.months.add(month);
    plan.cells.push({ sectorId: sector_id, departmentId: department_id });
  }
  for (const [planId, { months, cells }] of plans)
    await refreshRollups(
      trx,
      planId,
      [...months].sort((a, b) => a - b),
      cells,
    );
}

/**
 * Clears the stamp of each plan of the inputs when other rules than this release's built it: the
 * figures just written are this release's, the rest of the plan the other's (see the top).
 */
async function clearForeignStamp(trx: Db, inputs: readonly FigureInputs[]): Promise<void> {
  const plans = [...new Set(inputs.map(({ definition }) => definition.plan_id))];
  if (plans.length === 0) return;
  await trx
    .updateTable('plan_figures')
    .set({ rules_version: STALE_RULES })
    .where('plan_id', 'in', plans)
    .where('rules_version', '!=', RULES_VERSION)
    .execute();
}

/** Recomputes the indicators at every month: after their definition or targets change. */
export async function refreshIndicators(db: Db, indicatorIds: readonly number[]): Promise<void> {
  await inTransaction(db, async (trx) => {
    // A definition change can move an indicator (department, sector): the cell it leaves is refreshed too.
    const left = await storedCells(trx, indicatorIds);
    const inputs = await loadFigureInputs(trx, indicatorIds);
    // A retired indicator (no inputs any more) leaves the figures altogether.
    const gone = indicatorIds.filter((id) => !inputs.some(({ definition }) => definition.id === id));
    if (gone.length > 0)
      await trx
        .deleteFrom('indicator_figures')
        .where(inIdList(trx, 'indicator_id', gone))
        .execute();
    await computeAndWrite(trx, inputs, () => AS_OF_MONTHS);
    await refreshRollupsOf(trx, inputs, () => AS_OF_MONTHS, left);
    await clearForeignStamp(trx, inputs);
  });
}

/**
 * After a value of the period was approved (replacing the approved one of the same period, if any):
 * the indicator at each as-of month by which the period has ended, the only months where it counts;
 * and its plan's latest reported month, which an approval can only move later (none is withdrawn).
 */
export async function refreshAfterApproval(db: Db, indicatorId: number, period: string): Promise<void> {
  const parsed = parsePeriod(period);
  await inTransaction(db, async (trx) => {
    const inputs = await loadFigureInputs(trx, [indicatorId]);
    // A period that does not parse counts nowhere; recomputing every month is the safe answer anyway.
    const moved = ({ definition }: FigureInputs) =>
      AS_OF_MONTHS.filter((month) => parsed === null || hasEnded(parsed, { year: definition.year, month }));
    await computeAndWrite(trx, inputs, moved);
    await refreshRollupsOf(trx, inputs, moved);
    for (const { definition } of inputs) {
      const plan = await trx
        .selectFrom('plan_figures')
        .select('latest_month')
        .where('plan_id', '=', definition.plan_id)
        .executeTakeFirst();
      const latest = latestMonthOf([period], definition.year);
      if (plan && latest !== null && latest > (plan.latest_month ?? 0)) {
        await trx
          .updateTable('plan_figures')
          .set({ latest_month: latest })
          .where('plan_id', '=', definition.plan_id)
          .execute();
      }
    }
    await clearForeignStamp(trx, inputs);
  });
}

/**
 * After a milestone of the project changed: the project's milestone indicators and its stored track,
 * at every month.
 */
export async function refreshTrack(db: Db, projectId: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const project = await trx
      .selectFrom('projects')
      .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
      .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
      .select('sectors.plan_id')
      .where('projects.id', '=', projectId)
      .executeTakeFirst();
    if (project) await writeTracks(trx, project.plan_id, [projectId]);
    const track = await trx
      .selectFrom('indicators')
      .select('id')
      .where('project_id', '=', projectId)
      .where('aggregation', '=', 'milestones')
      .execute();
    const inputs = await loadFigureInputs(
      trx,
      track.map((t) => t.id),
    );
    await computeAndWrite(trx, inputs, () => AS_OF_MONTHS);
    await refreshRollupsOf(trx, inputs, () => AS_OF_MONTHS);
    await clearForeignStamp(trx, inputs);
  });
}

export interface PlanBuild {
  /** The code of the organisation whose plan it is. */
  organisation: string;
  year: number;
  indicators: number;
  /** Stored rows written: indicators × as-of months. */
  rows: number;
}

/**
 * Recomputes every figure of a plan from scratch, a chunk of indicators at a time, and records the
 * build: in the caller's transaction, or in one of its own.
 */
export async function buildPlanFigures(db: Db, planId: number, builtAt: string): Promise<PlanBuild> {
  return inTransaction(db, async (trx) => {
    // A write first, so that the transaction takes the write lock (waiting its turn) before it reads:
    // one that had read would fail at its first write if another connection committed meanwhile.
    await trx
      .deleteFrom('indicator_figures')
      .where('indicator_id', 'in', (eb) =>
        eb
          .selectFrom('indicators')
          .innerJoin('projects', 'projects.id', 'indicators.project_id')
          .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
          .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
          .select('indicators.id')
          .where('sectors.plan_id', '=', planId),
      )
      .execute();
    const plan = await trx
      .selectFrom('plans')
      .innerJoin('organisations', 'organisations.id', 'plans.organisation_id')
      .select(['plans.year', 'organisations.code'])
      .where('plans.id', '=', planId)
      .executeTakeFirstOrThrow();
    const ids = (
      await indicatorsInPlace(trx)
        .select('indicators.id')
        .where('sectors.plan_id', '=', planId)
        .where('indicators.retired_at', 'is', null)
        .orderBy('indicators.id')
        .execute()
    ).map((r) => r.id);
    let rows = 0;
    for (let start = 0; start < ids.length; start += INDICATORS_PER_CHUNK) {
      const chunk = await loadFigureInputs(trx, ids.slice(start, start + INDICATORS_PER_CHUNK));
      rows += await computeAndWrite(trx, chunk, () => AS_OF_MONTHS);
    }
    await buildRollups(trx, planId, AS_OF_MONTHS);
    await writeTracks(trx, planId, null);
    const built = {
      rules_version: RULES_VERSION,
      built_at: builtAt,
      latest_month: latestMonthOf(await findReportedPeriods(trx, planId), plan.year),
    };
    await trx
      .insertInto('plan_figures')
      .values({ plan_id: planId, ...built })
      .onConflict((oc) => oc.column('plan_id').doUpdateSet(built))
      .execute();
    return { organisation: plan.code, year: plan.year, indicators: ids.length, rows };
  });
}

/**
 * Builds the plans one after the other, each in a transaction of its own (unless the caller holds
 * one): a rebuild holds the write lock for one plan at a time, never for all of them.
 */
async function buildPlans(db: Db, planIds: readonly number[], now: Date): Promise<PlanBuild[]> {
  const built: PlanBuild[] = [];
  for (const planId of planIds) built.push(await buildPlanFigures(db, planId, now.toISOString()));
  return built;
}

/** Recomputes the stored figures of every plan: `pnpm cli figures rebuild`. */
export async function rebuildFigures(db: Db, now: Date = new Date()): Promise<PlanBuild[]> {
  const plans = await db.selectFrom('plans').select('id').orderBy('year').execute();
  return buildPlans(
    db,
    plans.map((plan) => plan.id),
    now,
  );
}

/**
 * The plans whose figures need building: never built (a database migrated from before stored
 * figures, or restored from a backup of one), built by other rules (RULES_VERSION, or a stamp a
 * refresh cleared), or with an indicator that has none (added outside the application).
 */
export async function plansNeedingFigures(db: Db): Promise<number[]> {
  const unbuilt = await db
    .selectFrom('plans')
    .leftJoin('plan_figures', 'plan_figures.plan_id', 'plans.id')
    .select('plans.id')
    .where((eb) =>
      eb.or([
        eb('plan_figures.rules_version', 'is', null),
        eb('plan_figures.rules_version', '!=', RULES_VERSION),
      ]),
    )
    .execute();
  const incomplete = await indicatorsInPlace(db)
    .select('sectors.plan_id as id')
    .distinct()
    .where('indicators.retired_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('indicator_figures')
            .select('indicator_figures.indicator_id')
            .whereRef('indicator_figures.indicator_id', '=', 'indicators.id')
            .where('indicator_figures.month', '=', 12),
        ),
      ),
    )
    .execute();
  return [...new Set([...unbuilt, ...incomplete].map((p) => p.id))].sort((a, b) => a - b);
}

/** Builds the figures of every plan that needs it (plansNeedingFigures): run after migrating. */
export async function ensureFigures(db: Db, now: Date = new Date()): Promise<PlanBuild[]> {
  return buildPlans(db, await plansNeedingFigures(db), now);
}
