/**
 * `pnpm cli db copy`: an installation with its approval history copied from an SQLite file into a
 * database of the engine the tests run on (PostgreSQL on the suite's PostgreSQL half) and back into
 * a new SQLite file, by the command itself; the screens answer alike on all three, and what it refuses
 * it says by its code.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callerAs } from '@tangible/api';
import {
  type Db,
  emptyTestDatabaseUrl,
  openDatabase,
  openTestDatabase,
  seededSqliteDatabase,
  tableNames,
  tableShape,
  testDatabaseUrl,
} from '@tangible/db';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';

/** The commentary a slipping value needs (follow-through); it moves no figure. */
const COMMENTARY = { analysis: '분석', nextSteps: '대책' };

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function cli(lang: 'en' | 'ko', ...args: string[]) {
  const result = spawnSync(TSX, ['--conditions=source', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, TANGIBLE_LANG: lang },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const done of cleanup.reverse()) await done();
});

/** An empty database of the engine the tests run on, by its URL. */
async function emptyDatabase(): Promise<string> {
  const made = await emptyTestDatabaseUrl();
  cleanup.push(made.drop);
  return made.url;
}

function opened(url: string): Db {
  const db = openTestDatabase(url);
  cleanup.push(() => db.destroy());
  return db;
}

function newSqliteFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'tangible-copy-')), 'back.sqlite');
}

/** Values entered, approved and returned through the API: figures moved and an approval history. */
async function withHistory(db: Db): Promise<void> {
  const admin = await callerAs(db, 'admin');
  const planner = await callerAs(db, 'planner');
  await admin.reports.submitMany({
    year: 2024,
    entries: [
      { code: 'ECO-14', period: '2024', value: 46.123456789, ...COMMENTARY },
      { code: 'CUL-02', period: '2024-Q4', value: 3, ...COMMENTARY },
    ],
  });
  const [first, second] = (await planner.approvals.pending({ year: 2024 })).items;
  await planner.approvals.approve({ id: first?.id ?? 0 });
  await planner.approvals.return({ id: second?.id ?? 0, reason: 'check the quarter' });
}

/** Every table, row for row, in primary-key order. */
async function everyRow(db: Db): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const table of await tableNames(db)) {
    const key = sql.join((await tableShape(db, table)).primaryKey.map((c) => sql.ref(c)));
    rows[table] = (await sql`select * from ${sql.table(table)} order by ${key}`.execute(db)).rows;
  }
  return rows;
}

/** What the screens answer: the overview, a sector, the departments, the districts, the audit trail. */
async function screens(db: Db) {
  const mayor = await callerAs(db, 'mayor');
  const admin = await callerAs(db, 'admin');
  const view = { year: 2024, asOf: '2024-12' };
  return {
    overview: await mayor.plan.overview(view),
    sector: await mayor.sectors.detail({ ...view, sector: 'CUL' }),
    indicators: await mayor.sectors.indicators({ ...view, sector: 'CUL' }),
    departments: await mayor.departments.comparison(view),
    districts: await mayor.districts.comparison(view),
    audit: await admin.audit.list({ year: 2024 }),
  };
}

describe('pnpm cli db copy', () => {
  it('moves a whole installation and back, and every screen answers alike', {
    timeout: 180_000,
  }, async () => {
    const { db: source, path } = await seededSqliteDatabase();
    cleanup.push(() => source.destroy());
    await withHistory(source);
    const rows = await everyRow(source);
    expect(rows.audit_log?.length).toBeGreaterThanOrEqual(3);

    const target = await emptyDatabase();
    const there = cli('en', 'db', 'copy', '--from', testDatabaseUrl(path), '--to', target);
    expect(there.stderr).toBe('');
    expect(there).toMatchObject({ status: 0 });
    expect(there.stdout).toMatch(/^Migrated .* to the source’s version first: 2024-01-01-0001-plan/m);
    expect(there.stdout).toMatch(new RegExp(`^ {2}measurements: ${rows.measurements?.length} rows$`, 'm'));
    expect(there.stdout).toMatch(
      /^Copied \d+ rows in \d+ tables in .* s \(\d+ rows\/s\); both databases are at migration \d{4}-\d\d-\d\d-\d{4}-[a-z-]+\.$/m,
    );

    const back = newSqliteFile();
    const home = cli('ko', 'db', 'copy', '--from', target, '--to', back);
    expect(home).toMatchObject({ status: 0, stdout: expect.stringMatching(/테이블 \d+개, \d+행을/) });

    const copies = [opened(target), opened(`file:${back}`)];
    for (const copy of copies) expect(await everyRow(copy)).toEqual(rows);
    const answers = await screens(source);
    expect(answers.districts.districts.length).toBeGreaterThanOrEqual(2);
    for (const copy of copies) expect(await screens(copy)).toEqual(answers);
  });

  it('refuses, by its code and in the reader’s language, what it cannot copy', {
    timeout: 120_000,
  }, async () => {
    const { db: source, path } = await seededSqliteDatabase();
    cleanup.push(() => source.destroy());
    const from = testDatabaseUrl(path);
    const target = await emptyDatabase();
    expect(cli('en', 'db', 'copy', '--from', from, '--to', target).status).toBe(0);

    expect(cli('en', 'db', 'copy', '--from', from, '--to', target)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(
        /already holds data \(table organisations\)\. A copy goes into an empty database only/,
      ),
    });
    expect(cli('ko', 'db', 'copy', '--from', from, '--to', target)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/이미 자료가 있습니다\(organisations 테이블\)/),
    });
    expect(cli('en', 'db', 'copy', '--from', from, '--to', path)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/--from and --to name the same database/),
    });
    expect(cli('en', 'db', 'copy', '--from', 'mysql://db/x', '--to', newSqliteFile())).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/names a database Tangible does not run on \("mysql:"\)/),
    });
    // A source that is not there: refused, and no file is left where the target was to be.
    const nowhere = newSqliteFile();
    expect(cli('en', 'db', 'copy', '--from', `${nowhere}.missing`, '--to', nowhere)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/There is no database at/),
    });
    expect(existsSync(nowhere)).toBe(false);
    const empty = newSqliteFile();
    const unmigrated = openDatabase(empty);
    await sql`create table notes (id integer primary key)`.execute(unmigrated);
    await unmigrated.destroy();
    const unused = newSqliteFile();
    expect(cli('en', 'db', 'copy', '--from', empty, '--to', unused)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/holds no Tangible installation/),
    });
    expect(existsSync(unused)).toBe(false);
  });
});
