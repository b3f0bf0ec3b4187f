/**
 * `pnpm cli export indicators --year 2023,2024` takes several years as `indicators.csv?year=` does:
 * the same rows (a year without a plan stood for by the next plan's baselines), and the same
 * refusals, said in the reader's language.
 */

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportAcrossYears, indicatorBaselineExport, indicatorExport } from '@tangible/api';
import { type Db, readAll, seededTestDatabase, testDatabaseUrl } from '@tangible/db';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

let db: Db;
let url: string;
beforeAll(async () => {
  // Kept open to the end: a PostgreSQL test database is dropped when its maker lets it go.
  const seeded = await seededTestDatabase();
  db = seeded.db;
  url = testDatabaseUrl(seeded.path);
});
afterAll(async () => {
  await db.destroy();
});

function cli(lang: 'ko' | 'en', ...args: string[]) {
  const result = spawnSync(
    TSX,
    ['--conditions=source', 'apps/cli/src/main.ts', 'export', 'indicators', '--lang', lang, ...args],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pnpm cli export indicators --year with several years', () => {
  it('writes the server’s rows of 2023 and 2024, 2023 as the 2024 plan’s baselines', {
    timeout: 60_000,
  }, async () => {
    const result = cli('en', '--year', '2024,2023');
    expect(result.status, result.stderr).toBe(0);
    const rows = parse(result.stdout, { bom: true, columns: true }) as Record<string, string>[];
    // As apps/server/src/export.ts makes indicators.csv?year=2023,2024.
    const served = await exportAcrossYears(
      db,
      1,
      { years: [2023, 2024], lang: 'en' },
      (year, asOf) => indicatorExport(db, 1, { year, asOf, lang: 'en' }),
      (year) => indicatorBaselineExport(db, 1, { year, lang: 'en' }),
    );
    const cells = (await readAll(served.rows)).map((row) =>
      row.map((cell) => (cell === null ? '' : String(cell))),
    );
    expect(rows.map((row) => Object.values(row))).toEqual(cells);
    const cul = rows.find((row) => row.year === '2023' && row.kpi_code === 'CUL-01');
    expect(cul).toMatchObject({
      kind: 'baseline',
      baseline_of_plan: '2024',
      actual_to_date: '1820057',
      status: '',
    });
    expect(new Set(rows.map((row) => row.year))).toEqual(new Set(['2023', '2024']));
  });

  it.each([
    ['en', '2023-2024', /The years "2023-2024" cannot be read.*year=2023,2024/],
    ['ko', '2023-2024', /연도 「2023-2024」을\(를\) 읽을 수 없습니다/],
    ['en', '2019,2024', /There is no plan for 2019, and no later plan has a baseline of that year/],
    ['ko', '2019,2024', /2019년은 계획도 없고/],
    ['en', '2022,2024 --as-of 2026-06', /The month 2026-06 is in none of the years exported \(2022, 2024\)/],
  ] as const)(
    'refuses (%s) --year %s as the server does, in the reader’s language',
    (lang, given, said) => {
      const [years, ...rest] = given.split(' ');
      const result = cli(lang, '--year', years ?? '', ...rest);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(said);
      expect(result.stdout).toBe('');
    },
    30_000,
  );
});
