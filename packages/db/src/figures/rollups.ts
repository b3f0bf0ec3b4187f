/**
 * Stored roll-ups (migration 0006): what each group of a plan's indicators adds up to at each as-of
 * month, by core's rollupParts over the stored figures, so screens read a row where they added up
 * thousands. The smallest group is a cell — one sector's indicators owned by one department — read
 * from the indicators; every larger group is made of cells by core's combineRollups, in one fixed
 * order (cells by department id within a sector, by sector id within a department; sectors by id
 * within the plan), so a refresh and a rebuild write the same numbers bit for bit.
 *
 * A change to one indicator rereads its cell (a handful of indicators) and recombines its sector, its
 * department and the plan from stored cells: bounded by the number of departments, not indicators.
 */

import { combineRollups, type RollupParts, rollupParts, type Status } from '@tangible/core';
import type { Insertable } from 'kysely';
import type { Db } from '../connection.js';
import { inIdList } from '../queries/id-list.js';
import type { RollupFiguresTable } from '../schema.js';

/** 0 in a roll-up's sector or department: every one. */
export const EVERY = 0;

export interface Cell {
  sectorId: number;
  departmentId: number;
}

type RollupRow = Insertable<RollupFiguresTable>;

const ROWS_PER_INSERT = 500;

function rowOf(planId: number, month: number, scope: Cell, parts: RollupParts): RollupRow {
  return {
    plan_id: planId,
    month,
    sector_id: scope.sectorId,
    department_id: scope.departmentId,
    score_weighted: parts.score.weighted,
    score_weights: parts.score.weights,
    on_track: parts.statusCounts.on_track,
    at_risk: parts.statusCounts.at_risk,
    off_track: parts.statusCounts.off_track,
    no_data: parts.statusCounts.no_data,
    indicator_count: parts.indicatorCount,
    unreported_count: parts.unreportedCount,
    last_period: parts.lastPeriod,
  };
}

/** A stored row as the roll-up it holds. */
export function storedRollup(
  row: Omit<RollupFiguresTable, 'plan_id' | 'month' | 'sector_id' | 'department_id'>,
): RollupParts {
  const statusCounts: Record<Status, number> = {
    on_track: row.on_track,
    at_risk: row.at_risk,
    off_track: row.off_track,
    no_data: row.no_data,
  };
  return {
    score: { weighted: row.score_weighted, weights: row.score_weights },
    statusCounts,
    indicatorCount: row.indicator_count,
    lastPeriod: row.last_period,
    unreportedCount: row.unreported_count,
  };
}

/** The narrow rows cells are made of, in plan order within each cell; all the plan's, or some cells'. */
async function cellIndicators(
  trx: Db,
  planId: number,
  months: readonly number[],
  cells: readonly Cell[] | null,
) {
  if (!cells) return cellRows(trx, planId, months, null);
  // A cell at a time: the planner then reads the department's index entries (a JSON list of sectors
  // and departments would leave it reading the plan's figures at every month).
  const rows = [];
  // Row by row: a cell can hold tens of thousands of indicators × months, past what a spread of
  // arguments takes (large-plan.test.ts: 33,000 in one department, "Maximum call stack size exceeded").
  for (const cell of new Map(cells.map((c) => [cellKey(c), c])).values())
    for (const row of await cellRows(trx, planId, months, cell)) rows.push(row);
  return rows;
}

async function cellRows(trx: Db, planId: number, months: readonly number[], cell: Cell | null) {
  let query = trx
    .selectFrom('indicator_figures as f')
    .innerJoin('indicators', 'indicators.id', 'f.indicator_id')
    .select([
      'f.sector_id',
      'f.department_id',
      'f.month',
      'indicators.weight',
      'indicators.aggregation',
      'f.attainment',
      'f.status',
      'f.last_period',
      'f.periods_due',
      'f.periods_reported',
    ])
    .where('f.plan_id', '=', planId)
    .where('f.month', 'in', [...months]);
  if (cell)
    query = query.where('f.sector_id', '=', cell.sectorId).where('f.department_id', '=', cell.departmentId);
  return query.orderBy('f.month').orderBy('f.place').execute();
}

const cellKey = (cell: Cell) => `${cell.sectorId}:${cell.departmentId}`;

/** Rolls up the cells' indicators at each month: rows for the cells that have indicators. */
async function computeCells(
  trx: Db,
  planId: number,
  months: readonly number[],
  cells: readonly Cell[] | null,
) {
  const groups = new Map<
    string,
    { month: number; cell: Cell; indicators: Parameters<typeof rollupParts>[0][number][] }
  >();
  for (const row of await cellIndicators(trx, planId, months, cells)) {
    const cell = { sectorId: row.sector_id, departmentId: row.department_id };
    const key = `${row.month}/${cellKey(cell)}`;
    let group = groups.get(key);
    if (!group) {
      group = { month: row.month, cell, indicators: [] };
      groups.set(key, group);
    }
    group.indicators.push({
      weight: row.weight,
      aggregation: row.aggregation,
      figures: {
        attainment: row.attainment,
        status: row.status,
        lastPeriod: row.last_period,
        periodsDue: row.periods_due,
        periodsReported: row.periods_reported,
      },
    });
  }
  return [...groups.values()].map((group) =>
    rowOf(planId, group.month, group.cell, rollupParts(group.indicators)),
  );
}

async function insertRows(trx: Db, rows: readonly RollupRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT)
    await trx
      .insertInto('rollup_figures')
      .values(rows.slice(start, start + ROWS_PER_INSERT))
      .execute();
}

/**
 * Recombines the larger groups from the stored cells at the months: the sectors and departments
 * named (all of them when null), then the plan.
 */
async function recombine(
  trx: Db,
  planId: number,
  months: readonly number[],
  touched: { sectors: readonly number[]; departments: readonly number[] } | null,
): Promise<void> {
  const cells = await trx
    .selectFrom('rollup_figures')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('month', 'in', [...months])
    .where('sector_id', '!=', EVERY)
    .where('department_id', '!=', EVERY)
    .orderBy('month')
    .orderBy('sector_id')
    .orderBy('department_id')
    .execute();
  const sectors = touched ? new Set(touched.sectors) : null;
  const departments = touched ? new Set(touched.departments) : null;
  let del = trx
    .deleteFrom('rollup_figures')
    .where('plan_id', '=', planId)
    .where('month', 'in', [...months])
    .where((eb) => eb.or([eb('sector_id', '=', EVERY), eb('department_id', '=', EVERY)]));
  if (touched) {
    del = del.where((eb) =>
      eb.or([
        eb.and([eb('sector_id', '=', EVERY), eb('department_id', '=', EVERY)]),
        eb.and([eb('department_id', '=', EVERY), inIdList(trx, 'sector_id', touched.sectors)]),
        eb.and([eb('sector_id', '=', EVERY), inIdList(trx, 'department_id', touched.departments)]),
      ]),
    );
  }
  await del.execute();
  const rows: RollupRow[] = [];
  for (const month of months) {
    const own = cells.filter((cell) => cell.month === month);
    const bySector = groupParts(own, (cell) => cell.sector_id);
    const byDepartment = groupParts(
      [...own].sort((a, b) => a.department_id - b.department_id || a.sector_id - b.sector_id),
      (cell) => cell.department_id,
    );
    for (const [sectorId, parts] of bySector) {
      if (!sectors || sectors.has(sectorId))
        rows.push(rowOf(planId, month, { sectorId, departmentId: EVERY }, combineRollups(parts)));
    }
    for (const [departmentId, parts] of byDepartment) {
      if (!departments || departments.has(departmentId))
        rows.push(rowOf(planId, month, { sectorId: EVERY, departmentId }, combineRollups(parts)));
    }
    if (bySector.size > 0) {
      // The plan from its sectors, by sector id, each as combined above (recomputed: cheap, and the same).
      const sectorRollups = [...bySector.values()].map((parts) => combineRollups(parts));
      rows.push(
        rowOf(planId, month, { sectorId: EVERY, departmentId: EVERY }, combineRollups(sectorRollups)),
      );
    }
  }
  await insertRows(trx, rows);
}

function groupParts<T extends Parameters<typeof storedRollup>[0]>(
  rows: readonly T[],
  key: (row: T) => number,
) {
  const groups = new Map<number, RollupParts[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(storedRollup(row));
    else groups.set(key(row), [storedRollup(row)]);
  }
  return groups;
}

/** Rebuilds every roll-up of the plan from its stored figures (after they are all written). */
export async function buildRollups(trx: Db, planId: number, months: readonly number[]): Promise<void> {
  await trx.deleteFrom('rollup_figures').where('plan_id', '=', planId).execute();
  for (const month of months) await insertRows(trx, await computeCells(trx, planId, [month], null));
  await recombine(trx, planId, months, null);
}

/**
 * After the indicators' stored figures changed at the months: their cells, and the sectors,
 * departments and plan those make up. `cells` are where the indicators sit now, plus where any of
 * them sat before a move (a plan edit moving an indicator must name both).
 */
export async function refreshRollups(
  trx: Db,
  planId: number,
  months: readonly number[],
  cells: readonly Cell[],
): Promise<void> {
  if (months.length === 0 || cells.length === 0) return;
  const unique = [...new Map(cells.map((cell) => [cellKey(cell), cell])).values()];
  const sectors = [...new Set(unique.map((cell) => cell.sectorId))];
  const departments = [...new Set(unique.map((cell) => cell.departmentId))];
  await trx
    .deleteFrom('rollup_figures')
    .where('plan_id', '=', planId)
    .where('month', 'in', [...months])
    .where(inIdList(trx, 'sector_id', sectors))
    .where(inIdList(trx, 'department_id', departments))
    .execute();
  // The deleted cells (sector × department in the lists) beyond those asked for are rewritten too.
  const rewritten = [];
  for (const sectorId of sectors)
    for (const departmentId of departments) rewritten.push({ sectorId, departmentId });
  await insertRows(trx, await computeCells(trx, planId, months, rewritten));
  await recombine(trx, planId, months, { sectors, departments });
}
