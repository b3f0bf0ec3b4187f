/**
 * What departments owe: each confirmed plan's measured indicators with the periods already answered
 * (a value pending, approved or returned), and the bureau heads who answer for each department. The
 * reporting calendar (core) decides from these which reports are due, overdue or due soon; the inbox
 * and the reminders read the same rows.
 */

import type { Db } from '../connection.js';
import type { FrequencyColumn } from '../schema.js';
import { indicatorsInPlace, measurementsInPlace } from './placed.js';

export interface DutyPlan {
  id: number;
  organisation_id: number;
  year: number;
  report_due_working_days: number;
}

export interface DutyIndicator {
  id: number;
  code: string;
  name_ko: string;
  name_en: string;
  frequency: FrequencyColumn;
  department_id: number;
}

export interface AnsweredPeriod {
  indicator_id: number;
  period: string;
  status: 'pending' | 'approved' | 'returned' | 'superseded';
  id: number;
  reviewed_at: string | null;
  review_reason: string | null;
}

/** Confirmed plans of these years (every organisation's, or one's). */
export async function findDutyPlans(
  db: Db,
  years: readonly number[],
  organisationId?: number,
): Promise<DutyPlan[]> {
  let query = db
    .selectFrom('plans')
    .select(['id', 'organisation_id', 'year', 'report_due_working_days'])
    .where('status', '=', 'confirmed')
    .where('year', 'in', [...years]);
  if (organisationId !== undefined) query = query.where('organisation_id', '=', organisationId);
  return query.orderBy('id').execute();
}

/** A plan's indicators reported by value (not computed from milestones), not retired; one department's when given. */
export async function findDutyIndicators(
  db: Db,
  planId: number,
  departmentId?: number,
): Promise<DutyIndicator[]> {
  let query = indicatorsInPlace(db)
    .select([
      'indicators.id',
      'indicators.code',
      'indicators.name_ko',
      'indicators.name_en',
      'indicators.frequency',
      'indicators.department_id',
    ])
    .where('sectors.plan_id', '=', planId)
    .where('indicators.aggregation', '!=', 'milestones')
    .where('indicators.retired_at', 'is', null);
  if (departmentId !== undefined) query = query.where('indicators.department_id', '=', departmentId);
  return query.orderBy('indicators.code').execute();
}

/** The values of a plan's indicators that answer a period (superseded ones left out). */
export async function findAnsweredPeriods(
  db: Db,
  planId: number,
  departmentId?: number,
): Promise<AnsweredPeriod[]> {
  let query = measurementsInPlace(db)
    .select([
      'measurements.indicator_id',
      'measurements.period',
      'measurements.status',
      'measurements.id',
      'measurements.reviewed_at',
      'measurements.review_reason',
    ])
    .where('sectors.plan_id', '=', planId)
    .where('measurements.status', '!=', 'superseded');
  if (departmentId !== undefined) query = query.where('indicators.department_id', '=', departmentId);
  return query.orderBy('measurements.id').execute();
}

export interface DutyHolder {
  id: number;
  department_id: number;
}

/** The bureau heads of an organisation who can be reminded by email, with their departments. */
export async function findMailableHeads(db: Db, organisationId: number): Promise<DutyHolder[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'department_id'])
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'bureau_head')
    .where('disabled_at', 'is', null)
    .where('email', 'is not', null)
    .where('department_id', 'is not', null)
    .execute();
  return rows.flatMap((r) =>
    r.department_id === null ? [] : [{ id: r.id, department_id: r.department_id }],
  );
}
