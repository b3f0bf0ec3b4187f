/**
 * `pnpm cli figures rebuild`, and the stored figures any command builds when they are missing; never
 * behind a server that has the database open, which a rebuild would lock out of every change.
 */

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Db,
  openTestDatabase,
  STALE_RULES,
  seededSqliteDatabase,
  seededTestDatabase,
  TEST_ENGINE,
  testDatabaseUrl,
} from '@tangible/db';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function cli(path: string, ...args: string[]) {
  return cliIn('en', path, ...args);
}

function cliIn(language: 'ko' | 'en', path: string, ...args: string[]) {
  const result = spawnSync(TSX, ['--conditions=source', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(path), TANGIBLE_LANG: language },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** ADM-01 (GFCI rank, a level reported by quarter) as indicators.csv shows it at December. */
function rankInExport(path: string, succeeds = true) {
  const exported = cli(path, 'export', 'indicators', '--year', '2024', '--as-of', '2024-12', '--lang', 'en');
  if (succeeds) expect(exported.status, exported.stderr).toBe(0);
  const rows: Record<string, string>[] =
    exported.status === 0 ? parse(exported.stdout, { bom: true, columns: true }) : [];
  return {
    actual: rows.find((row) => row.kpi_code === 'ADM-01')?.actual_to_date,
    ...exported,
  };
}

describe('pnpm cli figures', () => {
  it('rebuild recomputes what was changed around the application, and says what it did', async () => {
    const { db, path } = await seededTestDatabase();
    // Written around Tangible, as a repair by hand would be: the stored figures do not know. (Only
    // the 2024 plan's ADM-01 has a 2024-Q3 value; 2025's holds the same code.)
    await sql`update measurements set value = 20 where status = 'approved' and period = '2024-Q3'
      and indicator_id in (select id from indicators where code = 'ADM-01')`.execute(db);
    await closeForTheCli(db);
    expect(rankInExport(path).actual).toBe('25');

    const rebuilt = cli(path, 'figures', 'rebuild');
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toMatch(
      /^busan, the 2024 plan: 57 indicators × 12 months = 684 stored figures\.$/m,
    );
    expect(rebuilt.stdout).toMatch(
      /^Recomputed every stored figure \(4 plan\(s\), 1596 rows\) in \d+\.\d s\.$/m,
    );
    expect(rankInExport(path).actual).toBe('20');
    await db.destroy();
  });

  it('any command builds the figures of a database migrated from before they were stored', async () => {
    const { db, path } = await seededTestDatabase();
    await db.deleteFrom('indicator_figures').execute();
    await db.deleteFrom('plan_figures').execute();
    await closeForTheCli(db);

    const { actual, stderr } = rankInExport(path);
    expect(stderr).toMatch(/Built the stored figures of the 2024 plan \(57 indicators\)/);
    expect(actual).toBe('25');
    const reopened = openTestDatabase(path);
    const { count } = await reopened
      .selectFrom('indicator_figures')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    await reopened.destroy();
    // Busan's 57 indicators of 2024 and 57 of 2025, and its two districts' 19, at every month.
    expect(count).toBe(1596);
    await db.destroy();
  });

  // SQLite only (the next two): who else has the file open; PostgreSQL lets a build run beside a server.
  it('rebuild refuses while a server has the database open, saying to stop it first', async () => {
    // The test's connection stands for the running server's: open and idle.
    const { db: server, path } = await seededSqliteDatabase();
    const before = await builds(server);
    const refused = cli(path, 'figures', 'rebuild');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/has .*tangible\.sqlite open: a rebuild would hold off its changes/);
    expect(refused.stderr).toMatch(/Stop the server first/);
    expect(cliIn('ko', path, 'figures', 'rebuild').stderr).toMatch(/서버를 먼저 멈춘 뒤/);
    expect(await builds(server)).toEqual(before);
    // The server was not held up: it writes at once.
    await server.updateTable('plan_figures').set({ latest_month: 11 }).execute();
    await server.destroy();
  });

  it('a command that would build figures behind a running server refuses instead, saying why', async () => {
    const { db: server, path } = await seededSqliteDatabase();
    // Marked for a rebuild by a refresh of another release (figures/refresh.ts).
    await server
      .updateTable('plan_figures')
      .set({ rules_version: STALE_RULES })
      .where('plan_id', '=', 1)
      .execute();
    const refused = rankInExport(path, false);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/need rebuilding .* and a server or another command has it open/);
    expect(refused.stderr).toMatch(/Restart the server/);
    expect(refused.stdout).toBe('');
    expect((await builds(server))[0]).toEqual({ rules_version: STALE_RULES });
    await server.destroy();
    // Alone with the database, the command builds them first as always.
    expect(rankInExport(path).stderr).toMatch(/Built the stored figures of the 2024 plan/);
  });

  it('a command whose figures are built runs beside a running server', async () => {
    const { db: server, path } = await seededTestDatabase();
    expect(rankInExport(path)).toEqual({ actual: '25', stderr: '', status: 0, stdout: expect.any(String) });
    await server.destroy();
  });
});

/**
 * An SQLite file open here would be a running server to the CLI, so it is closed (the file stays);
 * a PostgreSQL test database is dropped when closed, and a connection open beside the CLI is no
 * matter there, so it stays open until the test ends.
 */
async function closeForTheCli(db: Db) {
  if (TEST_ENGINE === 'sqlite') await db.destroy();
}

async function builds(db: Db) {
  return db.selectFrom('plan_figures').select('rules_version').execute();
}
