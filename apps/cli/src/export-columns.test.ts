/**
 * `pnpm cli export indicators` writes the file `GET /api/export/indicators.csv` writes (README: the
 * same export from a shell), so a script may take it from either: the same columns, `year` included.
 */

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acrossYears, indicatorExport } from '@tangible/api';
import { seededSqliteDatabase, testDatabaseUrl } from '@tangible/db';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

describe('pnpm cli export indicators', () => {
  it('writes the columns the server’s indicators.csv writes, its last column year included', async () => {
    const { db, path } = await seededSqliteDatabase();
    // As apps/server/src/export.ts makes the file for year=2024.
    const served = await acrossYears([2024], 'en', (year) =>
      indicatorExport(db, 1, { year, asOf: '2024-12', lang: 'en' }),
    );
    await db.destroy();
    const result = spawnSync(
      TSX,
      [
        '--conditions=source',
        'apps/cli/src/main.ts',
        'export',
        'indicators',
        '--year',
        '2024',
        '--as-of',
        '2024-12',
        '--lang',
        'en',
      ],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: testDatabaseUrl(path) }, encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(0);
    const [header] = parse(result.stdout, { bom: true, to: 1 }) as string[][];
    expect(header).toEqual(served.header);
  });
});
