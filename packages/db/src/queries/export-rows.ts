/**
 * The rows of the CSV exports, read for speed: arrays in the order of the export's columns, straight
 * from the connection, with no promise per row (nor, on SQLite, an object), and the names in the
 * language asked for chosen by the query. Each export is one query whose rows come in the export's order as they are
 * read, so the first row is sent before the last is read (row-source.ts). On SQLite each is a
 * generator over the statement (GuardedDatabase.scan) that reads nothing until it is asked for a row
 * and holds its statement until it ends or is returned; so it belongs on a connection only the export
 * reads (its snapshot, connection.ts openSnapshot), or is read to the end at once. On PostgreSQL the
 * rows come in batches through a cursor (postgres.ts), inside the export's own transaction.
 */

import { type Compilable, sql } from 'kysely';
import { connectionOf, type Db } from '../connection.js';
import { engineOf } from '../engine.js';
import type { MeasurementStatus, StatusColumn } from '../schema.js';
import { auditOf } from './audit.js';
import { storedFiguresMatching } from './indicator-pages.js';
import { indicatorsInPlace, measurementsInPlace, milestonesInPlace } from './placed.js';
import { isBatched, ROWS_PER_BATCH, type RowSource, readAll } from './row-source.js';

export type RowLanguage = 'ko' | 'en';

/** The rows of one query as arrays, in its columns' order, read as they are taken. */
function rowsOf<Row>(db: Db, query: Compilable<unknown>): RowSource<Row> {
  const compiled = query.compile();
  if (engineOf(db) === 'postgres') return batchesOf<Row>(db, compiled);
  return connectionOf(db).scan(compiled.sql, compiled.parameters) as Generator<Row>;
}

async function* batchesOf<Row>(db: Db, compiled: ReturnType<Compilable<unknown>['compile']>) {
  // Returning early (the client has gone) closes the cursor: Kysely's stream ends it in a finally.
  for await (const { rows } of db.getExecutor().stream(compiled, ROWS_PER_BATCH)) {
    yield rows.map((row) => Object.values(row as Record<string, unknown>) as Row);
  }
}

/**
 * The rows of `source`, then what a second query reads given to `check` with how many rows were
 * sent: it throws to refuse the file.
 */
function checkedAfter<Row, Found>(
  db: Db,
  source: RowSource<Row>,
  query: Compilable<unknown>,
  check: (sent: number, found: Found[]) => void,
): RowSource<Row> {
  let sent = 0;
  if (isBatched(source)) {
    return (async function* () {
      for await (const batch of source) {
        sent += batch.length;
        yield batch;
      }
      check(sent, await readAll(rowsOf<Found>(db, query)));
    })();
  }
  return (function* () {
    for (const row of source) {
      sent += 1;
      yield row;
    }
    check(sent, Array.from(rowsOf<Found>(db, query) as Iterable<Found>));
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
  analysis: string | null,
  nextSteps: string | null,
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
): RowSource<MeasurementExportRow> {
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
      'measurements.analysis',
      'measurements.next_steps',
    ])
    .where('sectors.plan_id', '=', planId);
  if (!narrowed) {
    // The plan's values lie between its first and its last by id (the index of values by indicator
    // finds both), so the read starts at the first: in id order, every value of earlier plans would
    // otherwise be stepped over before the first row (175,000 of them, 40 ms, for the fifth year of a
    // big city), and every one of later plans after the last.
    const bound = (end: 'min' | 'max') =>
      measurementsInPlace(db)
        .select((eb) => eb.fn[end]('measurements.id').as('id'))
        .where('sectors.plan_id', '=', planId);
    query = query.where('measurements.id', '>=', bound('min')).where('measurements.id', '<=', bound('max'));
  }
  if (filter.sectorCode) query = query.where('sectors.code', '=', filter.sectorCode);
  if (filter.departmentCode) query = query.where('departments.code', '=', filter.departmentCode);
  if (filter.indicatorCode) query = query.where('indicators.code', '=', filter.indicatorCode);
  if (filter.status) query = query.where('measurements.status', '=', filter.status);
  return rowsOf(db, query.orderBy('measurements.id'));
}

/**
 * An indicator with its stored figures at a month (figures/store.ts), in indicators.csv's column
 * order up to last_period, then the source.
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
  annualTarget: number,
  targetToDate: number,
  actualToDate: number | null,
  attainment: number | null,
  status: StatusColumn,
  forecastYearEnd: number | null,
  /** 1 or 0; null without a forecast. */
  forecastMeetsTarget: number | null,
  lastPeriod: string | null,
  source: string,
  /** The annual target as planned, and its latest approved revision (null without one). */
  originalTarget: number,
  revisedTarget: number | null,
  revisedAt: string | null,
  revisionReason: string | null,
];

/**
 * A plan's indicators matching the filter with their stored figures at a month, in plan order: one
 * query, read from the stored figures by their place in plan order (an index range, as a page is:
 * indicator-pages.ts), each row's names looked up by key, so rows stream from the first one without
 * a sort. A query per project instead (4,800 of 5 indicators each in a nation's plan) spent more on
 * compiling, preparing and sorting each than on reading the rows: 3.3 times the floor.
 *
 * An indicator of the plan without stored figures at the month would be missing from the file
 * rather than wrong in it: once the rows are read they are counted against the plan's indicators,
 * and a shortfall ends the rows with an error (the sender then cuts the file, never ends it).
 */
export function indicatorFigureRows(
  db: Db,
  planId: number,
  month: number,
  lang: RowLanguage,
  filter: ExportRowFilter & { status?: StatusColumn | undefined },
): RowSource<IndicatorFigureRow> {
  const ko = lang === 'ko';
  const query = storedFiguresMatching(db, planId, month, {
    sectorCode: filter.sectorCode,
    departmentCode: filter.departmentCode,
    statuses: filter.status ? [filter.status] : undefined,
  })
    .innerJoin('indicators', 'indicators.id', 'f.indicator_id')
    .innerJoin('projects', 'projects.id', 'indicators.project_id')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .innerJoin('departments', 'departments.id', 'indicators.department_id')
    // The annual target's latest approved revision. One revision of a target waits at a time, so
    // the highest id among the approved ones is also the last decided.
    .leftJoin('target_revisions as r', (join) =>
      join
        .onRef('r.indicator_id', '=', 'indicators.id')
        .on('r.kind', '=', 'annual')
        .on('r.state', '=', 'approved')
        .on('r.id', '=', (eb) =>
          eb
            .selectFrom('target_revisions as later')
            .select((later) => later.fn.max('later.id').as('id'))
            .whereRef('later.indicator_id', '=', 'indicators.id')
            .where('later.kind', '=', 'annual')
            .where('later.state', '=', 'approved'),
        ),
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
      sql<number>`coalesce(r.original_value, f.annual_target)`.as('original_target'),
      'r.revised_value',
      'r.decided_at',
      'r.reason',
    ])
    .orderBy('f.place');
  const rows = rowsOf<IndicatorFigureRow>(db, query);
  // Filtered by status, an indicator without figures has no status to match: nothing to count.
  if (filter.status) return rows;
  // A retired indicator has no stored figures (it counts in none): it is not missing from the file.
  let inScope = indicatorsInPlace(db)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('sectors.plan_id', '=', planId)
    .where('indicators.retired_at', 'is', null);
  if (filter.sectorCode) inScope = inScope.where('sectors.code', '=', filter.sectorCode);
  if (filter.departmentCode) inScope = inScope.where('departments.code', '=', filter.departmentCode);
  return checkedAfter<IndicatorFigureRow, [number]>(db, rows, inScope, (sent, [[count] = [0]]) => {
    if (sent < Number(count))
      throw new Error(
        `${Number(count) - sent} of ${count} indicators have no stored figures for month ${month} of plan ${planId}: run \`pnpm cli figures rebuild\`.`,
      );
  });
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
): RowSource<MilestoneExportRow> {
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
    .where('milestones.status', '=', 'active')
    .where('milestones.retired_at', 'is', null);
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
export function auditRows(
  db: Db,
  filter: { organisationId: number; indicatorId?: number | undefined },
): RowSource<AuditRow> {
  let query = db
    .selectFrom('audit_log')
    .select(['at', 'actor', 'action', 'entity_type', 'entity_id', 'before_json', 'after_json', 'reason'])
    .where(auditOf(filter.organisationId));
  if (filter.indicatorId !== undefined) query = query.where('indicator_id', '=', filter.indicatorId);
  return rowsOf(db, query.orderBy('id'));
}
