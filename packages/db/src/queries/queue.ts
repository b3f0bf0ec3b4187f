/**
 * Reporting lists a page at a time: the values waiting for approval (with the value each would
 * replace), and the periods overdue (past their due date with no value approved, pending or
 * returned). Cut and counted in SQL, so the approvals screen and the overview's reporting panel
 * receive the rows they show at any plan size.
 */

import { sql } from 'kysely';
import type { Db } from '../connection.js';
import { indicatorsInPlace, measurementsInPlace } from './placed.js';

export interface QueueWindow {
  limit: number;
  offset: number;
}

/** The values waiting for approval, of a department if one is named, in every plan. */
function waitingOf(db: Db, filter: { departmentCode?: string | undefined }) {
  const query = measurementsInPlace(db).where('measurements.status', '=', 'pending');
  return filter.departmentCode ? query.where('departments.code', '=', filter.departmentCode) : query;
}

function pendingOf(db: Db, planId: number, filter: { departmentCode?: string | undefined }) {
  return waitingOf(db, filter).where('sectors.plan_id', '=', planId);
}

/** A page of the values waiting for approval, oldest first, each with the approved value it would replace. */
export async function findPendingPage(
  db: Db,
  planId: number,
  filter: { departmentCode?: string | undefined },
  window: QueueWindow,
) {
  return pendingOf(db, planId, filter)
    .leftJoin('measurements as approved', (join) =>
      join
        .onRef('approved.indicator_id', '=', 'measurements.indicator_id')
        .onRef('approved.period', '=', 'measurements.period')
        .on('approved.status', '=', 'approved'),
    )
    .select([
      'measurements.id',
      'measurements.period',
      'measurements.value',
      'measurements.note',
      'measurements.analysis',
      'measurements.next_steps',
      'measurements.evidence_url',
      'measurements.entered_by',
      'measurements.entered_at',
      'indicators.id as indicator_id',
      'indicators.code',
      'indicators.name_ko',
      'indicators.name_en',
      'indicators.unit',
      'departments.code as department_code',
      'departments.name_ko as department_name_ko',
      'departments.name_en as department_name_en',
      'approved.value as approved_value',
    ])
    .orderBy('measurements.entered_at')
    .orderBy('measurements.id')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}

export async function countPending(
  db: Db,
  planId: number,
  filter: { departmentCode?: string | undefined },
): Promise<number> {
  const row = await pendingOf(db, planId, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * How many values wait for approval in each of an organisation's confirmed plans, by plan year
 * (oldest first). A draft takes no reports, and its queue is not shown.
 */
export async function countPendingByYear(
  db: Db,
  organisationId: number,
  filter: { departmentCode?: string | undefined },
): Promise<{ year: number; count: number }[]> {
  const rows = await waitingOf(db, filter)
    .innerJoin('plans', 'plans.id', 'sectors.plan_id')
    .where('plans.organisation_id', '=', organisationId)
    .where('plans.status', '=', 'confirmed')
    .select(['plans.year', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('plans.year')
    .orderBy('plans.year')
    .execute();
  return rows.map((row) => ({ year: Number(row.year), count: Number(row.count) }));
}

/** A period of the plan year a value is reported for, with the date its value is due. */
export interface DuePeriod {
  frequency: 'monthly' | 'quarterly' | 'annual';
  period: string;
  due: string;
}

/**
 * The periods of measured indicators that are overdue on `today` (their value was due before it)
 * with no value approved, pending or returned; reporting.ts (`reportingStatus`) decides the same
 * period by period for one department, and a test holds both equal.
 */
function overdueOf(
  db: Db,
  planId: number,
  periods: readonly DuePeriod[],
  today: string,
  filter: { departmentCode?: string | undefined },
) {
  // The periods as a VALUES list (3 bound values each, 17 in a year): SQLite reads it once and looks
  // the indicators up by frequency, where a JSON table would be parsed again for every indicator.
  // Both engines name a VALUES list's columns column1, column2…; PostgreSQL wants it aliased.
  const rows = sql.join(periods.map((p) => sql`(${p.frequency}, ${p.period}, ${p.due})`));
  let query = indicatorsInPlace(db)
    .innerJoin(
      sql<DuePeriod>`(select column1 as frequency, column2 as period, column3 as due from (values ${rows}) as v)`.as(
        'p',
      ),
      (join) => join.onRef('p.frequency', '=', 'indicators.frequency'),
    )
    .where('sectors.plan_id', '=', planId)
    .where('indicators.aggregation', '!=', 'milestones')
    .where('p.due', '<', today)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('measurements as m')
            .select('m.id')
            .whereRef('m.indicator_id', '=', 'indicators.id')
            .whereRef('m.period', '=', 'p.period')
            .where('m.status', 'in', ['approved', 'pending', 'returned']),
        ),
      ),
    );
  if (filter.departmentCode) query = query.where('departments.code', '=', filter.departmentCode);
  return query;
}

/** A page of overdue periods, the longest overdue first, then in plan order. */
export async function findOverduePage(
  db: Db,
  planId: number,
  periods: readonly DuePeriod[],
  today: string,
  filter: { departmentCode?: string | undefined },
  window: QueueWindow,
) {
  return overdueOf(db, planId, periods, today, filter)
    .select([
      'indicators.code',
      'indicators.name_ko',
      'indicators.name_en',
      'indicators.unit',
      'indicators.frequency',
      'departments.code as department_code',
      'departments.name_ko as department_name_ko',
      'departments.name_en as department_name_en',
      'p.period',
      'p.due',
    ])
    .orderBy('p.due')
    .orderBy('sectors.position')
    .orderBy('strategies.position')
    .orderBy('projects.position')
    .orderBy('indicators.position')
    .orderBy('indicators.id')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}

export async function countOverdue(
  db: Db,
  planId: number,
  periods: readonly DuePeriod[],
  today: string,
  filter: { departmentCode?: string | undefined },
): Promise<number> {
  const row = await overdueOf(db, planId, periods, today, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
