/**
 * The rows of the CSV exports, read for speed: arrays in the order of the export's columns, straight
 * from the connection (GuardedDatabase.scan), with no object or promise per row, and the names in the
 * language asked for chosen by the query. On SQLite each is a generator that reads nothing until it
 * is asked for a row and holds its statement until it ends or is returned; so it belongs on a
 * connection only the export reads (its snapshot, connection.ts openSnapshot), or is read to the end
 * at once. PostgreSQL's driver answers asynchronously: there the rows are read in full first (a
 * cursor that streams them is the next step for the largest exports).
 */

import type { Compilable } from 'kysely';
import { connectionOf, type Db } from '../connection.js';
import { engineOf } from '../engine.js';
import type { MeasurementStatus, StatusColumn } from '../schema.js';
import { indicatorsInPlace, measurementsInPlace, milestonesInPlace } from './placed.js';

export type RowLanguage = 'ko' | 'en';

/** The rows of one query as arrays, in its columns' order. */
function rowsOf<Row>(db: Db, query: Compilable<unknown>): Promise<Iterable<Row>> {
  return chained(db, [() => query]);
}

/** The rows of several queries, one after the other, each compiled only when its turn comes. */
async function chained<Row>(db: Db, queries: readonly (() => Compilable<unknown>)[]): Promise<Iterable<Row>> {
  if (engineOf(db) === 'postgres') {
    const rows: Row[] = [];
    for (const query of queries) {
      const result = await db.executeQuery<Record<string, unknown>>(query().compile());
      for (const row of result.rows) rows.push(Object.values(row) as Row);
    }
    return rows;
  }
  const connection = connectionOf(db);
  return (function* () {
    for (const query of queries) {
      const { sql, parameters } = query().compile();
      yield* connection.scan(sql, parameters) as Generator<Row>;
    }
  })();
}

export interface ExportRowFilter {
  sectorCode?: string | undefined;
  departmentCode?: string | undefined;
}

/** A reported value, in measurements.csv's column order. */
export type MeasurementExportRow = [
  sectorCode: string,
  kpiCode: string,
  kpiName: string,
  unit: string,
  department: string,
  period: string,
  value: number,
  status: MeasurementStatus,
  note: string | null,
  evidenceUrl: string | null,
  source: string,
  enteredBy: string,
  enteredAt: string,
  reviewedAt: string | null,
  reviewReason: string | null,
];

/** measurementsInPlace with the values as the outer loop, in id order. */
function valuesFirst(db: Db) {
  return db
    .selectFrom('measurements')
    .crossJoin('indicators')
    .crossJoin('projects')
    .crossJoin('strategies')
    .crossJoin('sectors')
    .crossJoin('departments')
    .whereRef('indicators.id', '=', 'measurements.indicator_id')
    .whereRef('projects.id', '=', 'indicators.project_id')
    .whereRef('strategies.id', '=', 'projects.strategy_id')
    .whereRef('sectors.id', '=', 'strategies.sector_id')
    .whereRef('departments.id', '=', 'indicators.department_id');
}

/**
 * Every reported value of a plan matching the filter, in the order they were entered. For the whole
 * plan, the values are the outer loop (CROSS JOIN fixes SQLite's join order), read in id order with
 * each row's indicator, project, strategy, sector and department looked up by key, so rows stream
 * from the first one. Joined the other way, SQLite collects and sorts every value of the plan before
 * the first row (1.3 s and the whole result in memory for 380,000 values), holding the event loop all
 * that time; that way is kept for a sector, a department or an indicator, whose values are fewer and
 * found by index, where reading every value of the plan to find them would cost more.
 */
export function measurementRows(
  db: Db,
  planId: number,
  lang: RowLanguage,
  filter: ExportRowFilter & { indicatorCode?: string | undefined; status?: MeasurementStatus | undefined },
): Promise<Iterable<MeasurementExportRow>> {
  const narrowed = Boolean(filter.sectorCode || filter.departmentCode || filter.indicatorCode);
  const values = narrowed ? measurementsInPlace(db) : valuesFirst(db);
  let query = values
    .select([
      'sectors.code as sector_code',
      'indicators.code as kpi_code',
      lang === 'ko' ? 'indicators.name_ko as kpi_name' : 'indicators.name_en as kpi_name',
      'indicators.unit',
      lang === 'ko' ? 'departments.name_ko as department' : 'departments.name_en as department',
      'measurements.period',
      'measurements.value',
      'measurements.status',
      'measurements.note',
      'measurements.evidence_url',
      'measurements.source',
      'measurements.entered_by',
      'measurements.entered_at',
      'measurements.reviewed_at',
      'measurements.review_reason',
    ])
    .where('sectors.plan_id', '=', planId);
  if (filter.sectorCode) query = query.where('sectors.code', '=', filter.sectorCode);
  if (filter.departmentCode) query = query.where('departments.code', '=', filter.departmentCode);
  if (filter.indicatorCode) query = query.where('indicators.code', '=', filter.indicatorCode);
  if (filter.status) query = query.where('measurements.status', '=', filter.status);
  return rowsOf(db, query.orderBy('measurements.id'));
}

/**
 * An indicator with its stored figures at a month (figures/store.ts), in indicators.csv's column
 * order up to last_period, then the source. The figures are null where none are stored.
 */
export type IndicatorFigureRow = [
  sectorCode: string,
  sectorName: string,
  strategy: string,
  project: string,
  kpiCode: string,
  kpiName: string,
  unit: string,
  direction: string,
  aggregation: string,
  frequency: string,
  department: string,
  baseline: number | null,
  annualTarget: number | null,
  targetToDate: number | null,
  actualToDate: number | null,
  attainment: number | null,
  status: StatusColumn | null,
  forecastYearEnd: number | null,
  /** 1 or 0; null without a forecast. */
  forecastMeetsTarget: number | null,
  lastPeriod: string | null,
  source: string,
];

/**
 * A plan's projects (optionally one sector's) in plan order: the indicator rows are read project by
 * project, each project's sorted by SQLite on its own. One query sorting a plan's indicators across
 * sectors, strategies and projects collects them all before its first row (0.2 s for 24,000, the
 * event loop held all that time), since no index gives that order.
 */
async function projectsInOrder(db: Db, planId: number, sectorCode: string | undefined): Promise<number[]> {
  let query = db
    .selectFrom('projects')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .select('projects.id')
    .where('sectors.plan_id', '=', planId);
  if (sectorCode) query = query.where('sectors.code', '=', sectorCode);
  const ordered = query
    .orderBy('sectors.position')
    .orderBy('strategies.position')
    .orderBy('projects.position')
    .orderBy('projects.id');
  return Array.from(await rowsOf<[number]>(db, ordered), ([id]) => id);
}

/** A plan's indicators matching the filter with their stored figures at a month, in plan order. */
export async function indicatorFigureRows(
  db: Db,
  planId: number,
  month: number,
  lang: RowLanguage,
  filter: ExportRowFilter & { status?: StatusColumn | undefined },
): Promise<Iterable<IndicatorFigureRow>> {
  const ko = lang === 'ko';
  const queryOf = (projectId: number) => {
    let query = indicatorsInPlace(db)
      .leftJoin('indicator_figures as f', (join) =>
        join.onRef('f.indicator_id', '=', 'indicators.id').on('f.month', '=', month),
      )
      .select([
        'sectors.code as sector_code',
        ko ? 'sectors.name_ko as sector_name' : 'sectors.name_en as sector_name',
        ko ? 'strategies.name_ko as strategy' : 'strategies.name_en as strategy',
        ko ? 'projects.name_ko as project' : 'projects.name_en as project',
        'indicators.code as kpi_code',
        ko ? 'indicators.name_ko as kpi_name' : 'indicators.name_en as kpi_name',
        'indicators.unit',
        'indicators.direction',
        'indicators.aggregation',
        'indicators.frequency',
        ko ? 'departments.name_ko as department' : 'departments.name_en as department',
        'indicators.baseline_value',
        'f.annual_target',
        'f.target_to_date',
        'f.actual_to_date',
        'f.attainment',
        'f.status',
        'f.forecast_year_end',
        'f.forecast_meets_target',
        'f.last_period',
        'indicators.source',
      ])
      .where('indicators.project_id', '=', projectId);
    if (filter.departmentCode) query = query.where('departments.code', '=', filter.departmentCode);
    if (filter.status) query = query.where('f.status', '=', filter.status);
    return query.orderBy('indicators.position').orderBy('indicators.id');
  };
  const projects = await projectsInOrder(db, planId, filter.sectorCode);
  return chained(
    db,
    projects.map((projectId) => () => queryOf(projectId)),
  );
}

/** A milestone as exported: where it sits, its dates and weight (its state is the caller's to judge). */
export type MilestoneExportRow = [
  sectorCode: string,
  project: string,
  milestoneCode: string,
  milestoneName: string,
  department: string,
  plannedDate: string,
  forecastDate: string | null,
  actualDate: string | null,
  weight: number,
  source: string,
];

/** A plan's active milestones matching the filter, by sector, project and position. */
export function milestoneRows(
  db: Db,
  planId: number,
  lang: RowLanguage,
  filter: ExportRowFilter,
): Promise<Iterable<MilestoneExportRow>> {
  const ko = lang === 'ko';
  let query = milestonesInPlace(db)
    .select([
      'sectors.code as sector_code',
      ko ? 'projects.name_ko as project' : 'projects.name_en as project',
      'milestones.code',
      ko ? 'milestones.name_ko as name' : 'milestones.name_en as name',
      ko ? 'departments.name_ko as department' : 'departments.name_en as department',
      'milestones.planned_date',
      'milestones.forecast_date',
      'milestones.actual_date',
      'milestones.weight',
      'milestones.source',
    ])
    .where('sectors.plan_id', '=', planId)
    .where('milestones.status', '=', 'active');
  if (filter.sectorCode) query = query.where('sectors.code', '=', filter.sectorCode);
  if (filter.departmentCode) query = query.where('departments.code', '=', filter.departmentCode);
  return rowsOf(
    db,
    query.orderBy('sectors.position').orderBy('milestones.project_id').orderBy('milestones.position'),
  );
}

/** An audit entry, in audit.csv's column order. */
export type AuditRow = [
  at: string,
  actor: string,
  action: string,
  entityType: string,
  entityId: string,
  before: string | null,
  after: string | null,
  reason: string | null,
];

/** The audit trail (optionally one indicator's), oldest first. */
export function auditRows(db: Db, filter: { indicatorId?: number | undefined }): Promise<Iterable<AuditRow>> {
  let query = db
    .selectFrom('audit_log')
    .select(['at', 'actor', 'action', 'entity_type', 'entity_id', 'before_json', 'after_json', 'reason']);
  if (filter.indicatorId !== undefined) query = query.where('indicator_id', '=', filter.indicatorId);
  return rowsOf(db, query.orderBy('id'));
}
