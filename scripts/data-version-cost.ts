/**
 * What the data version's triggers (migration 0008) add to writes: figures, not assertions. Busan's
 * plan plus 2,000 indicators like CUL-01 (monthly); then, with the triggers as migrated, with
 * row-level triggers (PostgreSQL only: SQLite has no other kind, so there this is the same), and
 * with none:
 *  - importing a 2,000-row file (one value per indicator, written pending with its audit entries);
 *  - a whole approval through the API (20 of them);
 *  - a full rebuild of the stored figures.
 *
 *   npx tsx --conditions=source scripts/data-version-cost.ts                 (SQLite, a temporary file)
 *   TEST_POSTGRES_URL=$(scripts/postgres.sh start) TEST_DATABASE=postgres npx tsx --conditions=source scripts/data-version-cost.ts
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callerAs, commitImport, principalFor, signIn } from '@tangible/api';
import {
  addIndicatorsLike,
  type Db,
  emptyPostgresTestDatabase,
  engineOf,
  openDatabase,
  prepareDatabase,
  rebuildFigures,
  SEED_DIR,
  TEST_ENGINE,
} from '@tangible/db';
import { sql } from 'kysely';
import { quantiles, timed } from './figures-workload.js';

const INDICATORS = 2_000;
const APPROVALS = 20;

async function open(): Promise<Db> {
  if (TEST_ENGINE === 'postgres') {
    const { db } = await emptyPostgresTestDatabase();
    await prepareDatabase(db, SEED_DIR, new Date('2025-01-15T09:00:00Z'));
    return db;
  }
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'tangible-version-cost-')), 'db.sqlite'));
  await prepareDatabase(db, SEED_DIR, new Date('2025-01-15T09:00:00Z'));
  return db;
}

/** The triggers 0008 made, by table and event. */
async function versionTriggers(db: Db): Promise<{ table: string; name: string }[]> {
  const query =
    engineOf(db) === 'postgres'
      ? sql<{ table: string; name: string }>`select c.relname as "table", t.tgname as name from pg_trigger t
          join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
          where not t.tgisinternal and p.proname = 'raise_data_version'`
      : sql<{ table: string; name: string }>`select tbl_name as "table", name from sqlite_master
          where type = 'trigger' and name like '%_raises_version_%'`;
  return (await query.execute(db)).rows;
}

type Kind = 'statement' | 'row' | 'none';

/** Drops the triggers and makes them again as `kind` (SQLite makes row triggers only). */
async function retrigger(db: Db, triggers: { table: string; name: string }[], kind: Kind): Promise<void> {
  const postgres = engineOf(db) === 'postgres';
  for (const { table, name } of triggers) {
    await sql`drop trigger if exists ${sql.id(name)}${postgres ? sql` on ${sql.table(table)}` : sql``}`.execute(
      db,
    );
    if (kind === 'none') continue;
    const event = sql.raw(name.slice(name.lastIndexOf('_') + 1));
    await (postgres
      ? sql`create trigger ${sql.id(name)} after ${event} on ${sql.table(table)}
          for each ${sql.raw(kind)} execute function raise_data_version()`
      : sql`create trigger ${sql.id(name)} after ${event} on ${sql.table(table)}
          begin update data_version set version = version + 1; end`
    ).execute(db);
  }
}

async function measure(db: Db, label: string, round: number): Promise<void> {
  const plan = await db
    .selectFrom('plans')
    .innerJoin('organisations', 'organisations.id', 'plans.organisation_id')
    .select(['plans.id', 'plans.year'])
    .where('organisations.code', '=', 'busan')
    .where('plans.year', '=', 2024)
    .executeTakeFirstOrThrow();
  const period = `2024-${String(round).padStart(2, '0')}`;
  const rows = Array.from({ length: INDICATORS }, (_, i) => `VER-${i},${period},${100 + i + round}`);
  const file = new TextEncoder().encode(`kpi_code,period,value\n${rows.join('\n')}\n`);
  const { token } = await signIn(db, 'tourism.head');
  const tourism = await principalFor(db, token);
  const [, imported] = await timed(() =>
    commitImport(db, plan, tourism, file, { kind: 'template' }, new Date(), `round-${round}.csv`),
  );

  const admin = await callerAs(db, 'admin');
  const planner = await callerAs(db, 'planner');
  const approvals: number[] = [];
  for (let i = 0; i < APPROVALS; i++) {
    const submitted = `2024-${String(round + 3).padStart(2, '0')}`;
    await admin.reports.submit({ year: 2024, code: `VER-${i}`, period: submitted, value: i + 1 });
    const pending = await db
      .selectFrom('measurements')
      .innerJoin('indicators', 'indicators.id', 'measurements.indicator_id')
      .select('measurements.id')
      .where('indicators.code', '=', `VER-${i}`)
      .where('measurements.period', '=', submitted)
      .where('measurements.status', '=', 'pending')
      .executeTakeFirstOrThrow();
    approvals.push((await timed(() => planner.approvals.approve({ id: pending.id })))[1]);
  }
  const [, rebuilt] = await timed(() => rebuildFigures(db));
  console.log(
    `${label}: import of ${INDICATORS.toLocaleString('en')} rows ${imported.toFixed(0)} ms; approval ${quantiles(approvals)}; rebuild ${rebuilt.toFixed(0)} ms`,
  );
}

const db = await open();
await addIndicatorsLike(db, 'CUL-01', INDICATORS, 'VER', { ko: '버전', en: 'Version' });
await rebuildFigures(db);
const triggers = await versionTriggers(db);
const kinds: Kind[] = engineOf(db) === 'postgres' ? ['statement', 'row', 'none'] : ['row', 'none'];
console.log(
  `${engineOf(db)}: ${triggers.length} triggers raise the data version; each kind measured twice, alternating.`,
);
let round = 0;
for (let pass = 0; pass < 2; pass++) {
  for (const kind of kinds) {
    await retrigger(db, triggers, kind);
    round += 1;
    await measure(db, kind === 'none' ? 'no triggers' : `${kind}-level triggers`, round);
  }
}
await db.destroy();
