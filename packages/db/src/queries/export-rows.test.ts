/**
 * The exports' rows are read as they are taken, on either engine: what the database has handed over
 * is counted by a probe (queries run, rows read), never timed. A plan's indicators are one query
 * however many projects it has; a long table holds no more than a batch ahead of its reader, and
 * stops being read when its reader stops.
 */

import type { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectionOf, type Db } from '../connection.js';
import { engineOf } from '../engine.js';
import { seededTestDatabase } from '../testing.js';
import { auditRows, indicatorFigureRows, measurementRows } from './export-rows.js';
import { measurementsInPlace } from './placed.js';
import { isBatched, ROWS_PER_BATCH, type RowSource, readAll } from './row-source.js';

let db: Db;
let planId: number;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  const plan = await db
    .selectFrom('plans')
    .innerJoin('organisations', 'organisations.id', 'plans.organisation_id')
    .select('plans.id')
    .where('organisations.code', '=', 'busan')
    .where('plans.year', '=', 2024)
    .executeTakeFirstOrThrow();
  planId = plan.id;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await db.destroy();
});

/** Counts what the database hands this process from now on: queries run, and rows read. */
function probe(): { queries: number; rows: number } {
  vi.restoreAllMocks();
  const seen = { queries: 0, rows: 0 };
  if (engineOf(db) === 'postgres') {
    const executor = db.getExecutor();
    const execute = executor.executeQuery.bind(executor);
    const stream = executor.stream.bind(executor);
    vi.spyOn(executor, 'executeQuery').mockImplementation(async (query, options) => {
      seen.queries += 1;
      const result = await execute(query, options);
      seen.rows += result.rows.length;
      return result;
    });
    vi.spyOn(executor, 'stream').mockImplementation(async function* (
      query: CompiledQuery,
      chunk: number,
      options?: Parameters<typeof stream>[2],
    ) {
      seen.queries += 1;
      for await (const result of stream(query, chunk, options)) {
        seen.rows += result.rows.length;
        yield result;
      }
    });
  } else {
    const connection = connectionOf(db);
    const scan = connection.scan.bind(connection);
    vi.spyOn(connection, 'scan').mockImplementation(function* (sql, parameters) {
      seen.queries += 1;
      for (const row of scan(sql, parameters)) {
        seen.rows += 1;
        yield row;
      }
    });
  }
  return seen;
}

/** Takes the first row of a source, then calls `meanwhile`, then stops reading. */
async function firstRow<Row>(source: RowSource<Row>, meanwhile: () => void): Promise<Row | undefined> {
  if (isBatched(source)) {
    const batches = source[Symbol.asyncIterator]();
    const first = await batches.next();
    meanwhile();
    await batches.return?.();
    return first.done ? undefined : first.value[0];
  }
  const rows = source[Symbol.iterator]();
  const first = rows.next();
  meanwhile();
  rows.return?.();
  return first.done ? undefined : first.value;
}

describe('export rows', () => {
  it("reads a plan's indicators in one query, however many projects hold them", async () => {
    const projects = await db
      .selectFrom('projects')
      .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
      .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('sectors.plan_id', '=', planId)
      .executeTakeFirstOrThrow();
    expect(Number(projects.count)).toBeGreaterThan(5);
    const seen = probe();
    const rows = await readAll(indicatorFigureRows(db, planId, 6, 'en', {}));
    expect(rows.length).toBeGreaterThan(Number(projects.count));
    // The rows, then one count of the plan's indicators to check none lacks stored figures.
    expect(seen.queries).toBe(2);
  });

  it("reads every value of a plan and no other plan's, however the plans' values lie by id", async () => {
    // Another value of the plan entered after every other plan's: its values then span theirs.
    const last = await db
      .selectFrom('measurements')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const ofPlan = await measurementsInPlace(db)
      .selectAll('measurements')
      .where('sectors.plan_id', '=', planId)
      .where('measurements.status', '=', 'approved')
      .orderBy('measurements.id')
      .executeTakeFirstOrThrow();
    const { id: _id, ...copied } = ofPlan;
    const added = await db
      .insertInto('measurements')
      .values({ ...copied, status: 'returned', note: 'entered last' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(added.id).toBeGreaterThan(last.id);
    const plans = await db.selectFrom('plans').select('id').execute();
    let between = 0;
    for (const plan of plans) {
      const expected = await measurementsInPlace(db)
        .select(['indicators.code', 'measurements.period', 'measurements.status', 'measurements.id'])
        .where('sectors.plan_id', '=', plan.id)
        .orderBy('measurements.id')
        .execute();
      const ids = expected.map((row) => row.id);
      if (ids.length > 0) {
        const others = await measurementsInPlace(db)
          .select('measurements.id')
          .where('sectors.plan_id', '!=', plan.id)
          .where('measurements.id', '>', Math.min(...ids))
          .where('measurements.id', '<', Math.max(...ids))
          .execute();
        between += others.length;
      }
      const rows = await readAll(measurementRows(db, plan.id, 'en', {}));
      expect(rows.map((row) => [row[1], row[5], row[7]])).toEqual(
        expected.map((row) => [row.code, row.period, row.status]),
      );
    }
    // The seed's plans and the value above: one plan's values span another's.
    expect(between).toBeGreaterThan(0);
  });

  it('holds no more than a batch of rows ahead of its reader', async () => {
    const entries = Array.from({ length: 2 * ROWS_PER_BATCH + 500 }, (_, i) => ({
      at: `2025-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
      actor: 'probe',
      action: 'probe.entry',
      entity_type: 'probe',
      entity_id: String(i),
      organisation_id: 1,
    }));
    for (let i = 0; i < entries.length; i += 500)
      await db
        .insertInto('audit_log')
        .values(entries.slice(i, i + 500))
        .execute();
    const seen = probe();
    let readBeforeFirst = 0;
    const first = await firstRow(auditRows(db, { organisationId: 1 }), () => {
      readBeforeFirst = seen.rows;
    });
    expect(first).toBeDefined();
    expect(readBeforeFirst).toBeGreaterThan(0);
    expect(readBeforeFirst).toBeLessThanOrEqual(ROWS_PER_BATCH);
    // Once its reader stops, nothing more is read (the statement reset, the cursor closed).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.rows).toBe(readBeforeFirst);
    // The probe sees every row when the table is read to the end: more than two batches.
    const all = await readAll(auditRows(db, { organisationId: 1 }));
    expect(all.length).toBeGreaterThan(2 * ROWS_PER_BATCH);
    expect(seen.rows).toBeGreaterThanOrEqual(readBeforeFirst + all.length);
  });

  it('ends the rows of indicators.csv with an error when an indicator has no stored figures', async () => {
    const some = await db
      .selectFrom('indicator_figures')
      .select('indicator_id')
      .where('plan_id', '=', planId)
      .where('month', '=', 6)
      .orderBy('place')
      .executeTakeFirstOrThrow();
    await db
      .deleteFrom('indicator_figures')
      .where('indicator_id', '=', some.indicator_id)
      .where('month', '=', 6)
      .execute();
    await expect(readAll(indicatorFigureRows(db, planId, 6, 'en', {}))).rejects.toThrow(
      /1 of \d+ indicators have no stored figures/,
    );
    // Filtered by status, an indicator without figures has none to match: the rows end cleanly.
    await expect(
      readAll(indicatorFigureRows(db, planId, 6, 'en', { status: 'on_track' })),
    ).resolves.toBeDefined();
  });
});
