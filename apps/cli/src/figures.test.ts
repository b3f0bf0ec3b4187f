/** `pnpm cli figures rebuild`, and the stored figures any command builds when they are missing. */

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, seededTestDatabase } from '@tangible/db';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function cli(path: string, ...args: string[]) {
  const result = spawnSync(TSX, ['--conditions=source', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${path}`, TANGIBLE_LANG: 'en' },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** ADM-01 (GFCI rank, a level reported by quarter) as indicators.csv shows it at December. */
function rankInExport(path: string) {
  const exported = cli(path, 'export', 'indicators', '--year', '2024', '--as-of', '2024-12', '--lang', 'en');
  expect(exported.status).toBe(0);
  const rows: Record<string, string>[] = parse(exported.stdout, { bom: true, columns: true });
  return { actual: rows.find((row) => row.kpi_code === 'ADM-01')?.actual_to_date, stderr: exported.stderr };
}

describe('pnpm cli figures', () => {
  it('rebuild recomputes what was changed around the application, and says what it did', async () => {
    const { db, path } = await seededTestDatabase();
    // Written around Tangible, as a repair by hand would be: the stored figures do not know.
    await sql`update measurements set value = 20 where status = 'approved' and period = '2024-Q3'
      and indicator_id = (select id from indicators where code = 'ADM-01')`.execute(db);
    await db.destroy();
    expect(rankInExport(path).actual).toBe('25');

    const rebuilt = cli(path, 'figures', 'rebuild');
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toMatch(/^The 2024 plan: 57 indicators × 12 months = 684 stored figures\.$/m);
    expect(rebuilt.stdout).toMatch(
      /^Recomputed every stored figure \(1 plan\(s\), 684 rows\) in \d+\.\d s\.$/m,
    );
    expect(rankInExport(path).actual).toBe('20');
  });

  it('any command builds the figures of a database migrated from before they were stored', async () => {
    const { db, path } = await seededTestDatabase();
    await db.deleteFrom('indicator_figures').execute();
    await db.deleteFrom('plan_figures').execute();
    await db.destroy();

    const { actual, stderr } = rankInExport(path);
    expect(stderr).toMatch(/Built the stored figures of the 2024 plan \(57 indicators\)/);
    expect(actual).toBe('25');
    const reopened = openDatabase(path, 'existing');
    const { count } = await reopened
      .selectFrom('indicator_figures')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    await reopened.destroy();
    expect(count).toBe(684);
  });
});
