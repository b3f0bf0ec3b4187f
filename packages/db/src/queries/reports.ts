/** Reported values as people enter and review them: pending, approved, returned, superseded. */

import type { Db } from '../connection.js';
import { engineOf } from '../engine.js';
import { refreshIndicators, refreshTrack } from '../figures/refresh.js';
import type { MeasurementStatus } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { inIdList } from './id-list.js';
import { indicatorsInPlace, measurementsInPlace, milestonesInPlace } from './placed.js';

/** One indicator of a plan by code, with what validation and authorisation need. */
export async function findIndicatorByCode(db: Db, planId: number, code: string) {
  return indicatorsInPlace(db)
    .select([
      'indicators.id',
      'indicators.code',
      'indicators.name_ko',
      'indicators.name_en',
      'indicators.unit',
      'indicators.aggregation',
      'indicators.frequency',
      'indicators.department_id',
      'indicators.retired_at',
      'departments.code as department_code',
    ])
    .where('sectors.plan_id', '=', planId)
    .where('indicators.code', '=', code)
    .executeTakeFirst();
}

export type ReportableIndicator = NonNullable<Awaited<ReturnType<typeof findIndicatorByCode>>>;

/**
 * Every value that is not superseded (approved, pending and returned), oldest first, of a plan's
 * indicators, narrowed to one department's or one indicator: joined on the plan, so a plan of any
 * size is one query with three bound values.
 */
export async function findReportedValues(
  db: Db,
  planId: number,
  filter: {
    departmentCode?: string | undefined;
    indicatorId?: number | undefined;
    /** Only these indicators' (a page of them), bound as one value. */
    indicatorIds?: readonly number[] | undefined;
  } = {},
) {
  let query = measurementsInPlace(db)
    .select([
      'measurements.id',
      'measurements.indicator_id',
      'measurements.period',
      'measurements.value',
      'measurements.note',
      'measurements.source',
      'measurements.evidence_url',
      'measurements.status',
      'measurements.entered_by',
      'measurements.entered_at',
      'measurements.reviewed_at',
      'measurements.review_reason',
      'measurements.analysis',
      'measurements.next_steps',
      'measurements.commentary_public',
    ])
    .where('sectors.plan_id', '=', planId)
    .where('measurements.status', '!=', 'superseded');
  if (filter.departmentCode) query = query.where('departments.code', '=', filter.departmentCode);
  if (filter.indicatorId !== undefined)
    query = query.where('measurements.indicator_id', '=', filter.indicatorId);
  if (filter.indicatorIds)
    query = query.where(inIdList(db, 'measurements.indicator_id', filter.indicatorIds));
  return query
    .orderBy('measurements.indicator_id')
    .orderBy('measurements.period')
    .orderBy('measurements.id')
    .execute();
}

/** A reported value by its id, if it is in one of the organisation's plans. */
export async function findMeasurementById(db: Db, organisationId: number, id: number) {
  return db
    .selectFrom('measurements')
    .selectAll('measurements')
    .where('measurements.id', '=', id)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('indicators')
          .innerJoin('projects', 'projects.id', 'indicators.project_id')
          .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
          .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
          .innerJoin('plans', 'plans.id', 'sectors.plan_id')
          .select('indicators.id')
          .whereRef('indicators.id', '=', 'measurements.indicator_id')
          .where('plans.organisation_id', '=', organisationId),
      ),
    )
    .executeTakeFirst();
}

export async function findPendingOf(db: Db, indicatorId: number, period: string) {
  return db
    .selectFrom('measurements')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('period', '=', period)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export async function findApprovedOf(db: Db, indicatorId: number, period: string) {
  return db
    .selectFrom('measurements')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('period', '=', period)
    .where('status', '=', 'approved')
    .executeTakeFirst();
}

/**
 * The pending and the approved value (at most one each) of every period of the given indicators,
 * by `indicatorId period`: what findPendingOf and findApprovedOf say, for a whole file at once. The
 * ids are bound as one value (id-list.ts), so a file naming any number of indicators is one query.
 */
export async function findCurrentOf(db: Db, indicatorIds: readonly number[]) {
  type Row = Awaited<ReturnType<typeof findPendingOf>> & {};
  const current = new Map<string, { pending?: Row; approved?: Row }>();
  const ids = [...new Set(indicatorIds)];
  if (ids.length === 0) return current;
  const rows = await db
    .selectFrom('measurements')
    .selectAll()
    .where(inIdList(db, 'indicator_id', ids))
    .where('status', 'in', ['pending', 'approved'])
    .execute();
  for (const row of rows) {
    const key = `${row.indicator_id} ${row.period}`;
    const both = current.get(key) ?? {};
    if (row.status === 'pending') both.pending = row;
    else both.approved = row;
    current.set(key, both);
  }
  return current;
}

export interface NewReport {
  indicatorId: number;
  period: string;
  value: number;
  note: string | null;
  evidenceUrl: string | null;
  /** The commentary (원인 분석, 향후 대책), approved with the value. */
  analysis?: string | null;
  nextSteps?: string | null;
  commentaryPublic?: boolean;
  source: string;
  enteredBy: string;
  enteredByUserId: number;
  enteredAt: string;
}

export async function insertPendingReport(db: Db, report: NewReport): Promise<number> {
  const { id } = await db
    .insertInto('measurements')
    .values({
      indicator_id: report.indicatorId,
      period: report.period,
      value: report.value,
      note: report.note,
      evidence_url: report.evidenceUrl,
      analysis: report.analysis ?? null,
      next_steps: report.nextSteps ?? null,
      commentary_public: report.commentaryPublic ? 1 : 0,
      source: report.source,
      status: 'pending',
      entered_by: report.enteredBy,
      entered_by_user_id: report.enteredByUserId,
      entered_at: report.enteredAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Sets a value's review state. Only approved values count in the figures: whoever moves a value into
 * or out of `approved` calls refreshAfterApproval (figures/) in the same transaction.
 */
/**
 * Holds the indicators' reporting until the transaction ends: on PostgreSQL two reports of one
 * period at once (a double click, an import beside a typed entry, two processes) each read "nothing
 * pending" and each inserted a pending value, and the second broke the one-pending-value index (an
 * internal error); held, the second waits, then finds the first's value and supersedes it, as it
 * would have a moment later. In id order, so two holders never wait on each other. SQLite writes one
 * transaction at a time already.
 */
export async function holdIndicators(db: Db, indicatorIds: readonly number[]): Promise<void> {
  await hold(db, 'indicators', indicatorIds);
}

/**
 * Holds a milestone until the transaction ends (PostgreSQL; see holdIndicators), so that a change
 * read after it sees the one made just before, rather than writing back the dates it read earlier.
 */
export async function holdMilestone(db: Db, id: number): Promise<void> {
  await hold(db, 'milestones', [id]);
}

async function hold(db: Db, table: 'indicators' | 'milestones', ids: readonly number[]): Promise<void> {
  if (engineOf(db) !== 'postgres' || ids.length === 0) return;
  await db
    .selectFrom(table)
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .orderBy('id')
    // Not FOR UPDATE: that also waits for, and is waited on by, every row inserted that refers to
    // the held one (a foreign key's KEY SHARE), and an approval storing the indicator's figures
    // while holding the value a report supersedes deadlocked with that report.
    .forNoKeyUpdate()
    .execute();
}

/**
 * Moves a value from the status it was read with (`from`) to another; returns whether it was still
 * in it. Two decisions made at once on PostgreSQL (READ COMMITTED, a connection each) both read a
 * value as pending; the second's update waits for the first's and then finds it moved on, rather
 * than undoing it (a value approved and then returned, the approved value before it superseded).
 */
export async function setMeasurementStatus(
  db: Db,
  id: number,
  from: MeasurementStatus,
  status: MeasurementStatus,
  review: { userId: number; at: string; reason: string | null } | null,
): Promise<boolean> {
  const result = await db
    .updateTable('measurements')
    .set({
      status,
      ...(review
        ? { reviewed_by_user_id: review.userId, reviewed_at: review.at, review_reason: review.reason }
        : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Values waiting for approval in a plan, oldest first, with their indicator and owner. */
export async function findPendingReports(db: Db, planId: number) {
  return measurementsInPlace(db)
    .select([
      'measurements.id',
      'measurements.period',
      'measurements.value',
      'measurements.note',
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
    ])
    .where('sectors.plan_id', '=', planId)
    .where('measurements.status', '=', 'pending')
    .orderBy('measurements.entered_at')
    .orderBy('measurements.id')
    .execute();
}

export async function findMilestoneByCode(db: Db, planId: number, code: string) {
  return milestonesInPlace(db)
    .selectAll('milestones')
    .where('sectors.plan_id', '=', planId)
    .where('milestones.code', '=', code)
    .executeTakeFirst();
}

/** Sets a milestone's dates and note, and its track's stored figures with them, in one transaction. */
export async function setMilestoneDates(
  db: Db,
  id: number,
  dates: { forecast_date: string | null; actual_date: string | null; note: string | null },
) {
  const write = async (trx: Db) => {
    const changed = await trx
      .updateTable('milestones')
      .set(dates)
      .where('id', '=', id)
      .returning('project_id')
      .executeTakeFirst();
    if (changed) await refreshTrack(trx, changed.project_id);
  };
  await inTransaction(db, write);
}

/** Changes an indicator's annual target, and its stored figures with it, in one transaction. */
export async function setAnnualTarget(db: Db, indicatorId: number, period: string, value: number) {
  const write = async (trx: Db) => {
    await trx
      .updateTable('targets')
      .set({ value })
      .where('indicator_id', '=', indicatorId)
      .where('period', '=', period)
      .where('kind', '=', 'annual')
      .execute();
    await refreshIndicators(trx, [indicatorId]);
  };
  await inTransaction(db, write);
}

/** The milestone indicator of a project (the track's indicator), if it has one. */
export async function findTrackIndicator(db: Db, projectId: number) {
  return db
    .selectFrom('indicators')
    .select('id')
    .where('project_id', '=', projectId)
    .where('aggregation', '=', 'milestones')
    .executeTakeFirst();
}
