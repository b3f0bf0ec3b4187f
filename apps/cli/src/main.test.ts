import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyTestDatabaseUrl, seededTestDatabase, testDatabaseUrl } from '@tangible/db';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** Runs `pnpm cli …` the way the script does, against its own database file. */
function cli(databaseUrl: string, ...args: string[]) {
  const result = spawnSync(TSX, ['--conditions=source', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, TANGIBLE_LANG: 'en' },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Databases on the engine the tests run on, thrown away when the file's tests are done. */
const made: Awaited<ReturnType<typeof emptyTestDatabaseUrl>>[] = [];
async function emptyDatabase(): Promise<string> {
  const database = await emptyTestDatabaseUrl();
  made.push(database);
  return database.url;
}
afterAll(async () => {
  for (const database of made) await database.drop();
});

describe('pnpm cli --org', () => {
  it('exports, lists and refuses by organisation', { timeout: 60_000 }, async () => {
    // Kept open to the end: a PostgreSQL test database is dropped when its maker lets it go.
    const { db, path } = await seededTestDatabase();
    const url = testDatabaseUrl(path);
    const exported = cli(url, 'export', 'indicators', '--year', '2024', '--org', 'haeundae', '--lang', 'en');
    expect(exported.status).toBe(0);
    const codes = (parse(exported.stdout, { bom: true, columns: true }) as Record<string, string>[]).map(
      (row) => row.kpi_code ?? '',
    );
    expect(codes).toContain('HUD-01');
    expect(codes).toContain('GU-01');
    expect(codes.some((code) => code.startsWith('CUL-'))).toBe(false);
    const busan = cli(url, 'export', 'indicators', '--year', '2024', '--lang', 'en');
    expect(busan.stdout).toMatch(/CUL-01/);
    expect(busan.stdout).not.toMatch(/HUD-01/);
    expect(cli(url, 'user', 'list', '--org', 'busanjin').stdout).toMatch(/^busanjin\.mayor\texecutive/m);
    expect(cli(url, 'user', 'list', '--org', 'busanjin').stdout).not.toMatch(/^mayor\t/m);
    expect(cli(url, 'export', 'indicators', '--year', '2024', '--org', 'nowhere')).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/There is no organisation "nowhere"/),
    });
    await db.destroy();
  });
});

describe('pnpm cli', () => {
  let database: string;
  beforeAll(async () => {
    database = await emptyDatabase();
  });

  // Twelve commands, each its own process (about a second each alone, several under a loaded suite).
  it('migrates, seeds once, exports indicators as CSV and resets', { timeout: 120_000 }, () => {
    expect(cli(database, 'db', 'migrate')).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/Applied: 2024-01-01-0001-plan, 2024-01-02-0002-accounts/),
    });
    expect(cli(database, 'db', 'seed')).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(
        /Seeded busan’s 2024 plan: 5 sectors.*\n…and its 2025 plan, started from 2024 by copy-forward and confirmed: 57 indicators.*\nSeeded busanjin’s 2024 plan.*\nSeeded haeundae’s 2024 plan/,
      ),
    });
    expect(cli(database, 'db', 'seed')).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/already in the database/),
    });

    const exported = cli(
      database,
      'export',
      'indicators',
      '--year',
      '2024',
      '--as-of',
      '2024-06',
      '--sector',
      'ADM',
      '--lang',
      'en',
    );
    expect(exported.status).toBe(0);
    const rows: Record<string, string>[] = parse(exported.stdout, { bom: true, columns: true });
    expect(rows.length).toBeGreaterThanOrEqual(7);
    expect(rows.every((row) => row.sector_code === 'ADM' && row.as_of === '2024-06')).toBe(true);
    expect(rows.find((row) => row.kpi_code === 'ADM-01')?.actual_to_date).toBe('27');

    expect(cli(database, 'user', 'list').stdout).toMatch(/^mayor\texecutive\t-\t.*DEMO PASSWORD$/m);
    const created = cli(database, 'token', 'create', 'analyst', '--name', 'nightly export');
    expect(created.stdout.trim()).toMatch(/^tgb_[\w-]{40,}$/);
    expect(cli(database, 'token', 'list').stdout).toMatch(
      /#1\tanalyst\tnightly export\ttgb_\S+…\t\S+\tactive/,
    );
    expect(cli(database, 'token', 'revoke', '1')).toMatchObject({ status: 0 });
    expect(cli(database, 'token', 'list').stdout).toMatch(/#1\t.*revoked/);
    // Named as the list shows it.
    cli(database, 'token', 'create', 'analyst', '--name', 'weekly export');
    expect(cli(database, 'token', 'revoke', '#2')).toMatchObject({ status: 0 });
    expect(cli(database, 'token', 'list').stdout).toMatch(/#2\t.*revoked/);
    expect(cli(database, 'token', 'revoke', '#x').status).not.toBe(0);
    const weak = spawnSync(TSX, ['--conditions=source', 'apps/cli/src/main.ts', 'user', 'passwd', 'mayor'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database, TANGIBLE_PASSWORD: 'short', TANGIBLE_LANG: 'en' },
      encoding: 'utf8',
    });
    expect(weak.stderr).toMatch(/at least 10 characters/);
    // A district's user is found by name alone (usernames are unique across organisations); naming
    // another organisation than theirs finds no such user there.
    const passwd = (...args: string[]) =>
      spawnSync(TSX, ['--conditions=source', 'apps/cli/src/main.ts', 'user', 'passwd', ...args], {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: database,
          TANGIBLE_PASSWORD: 'a-long-new-password',
          TANGIBLE_LANG: 'en',
        },
        encoding: 'utf8',
      });
    expect(passwd('haeundae.mayor')).toMatchObject({ status: 0 });
    expect(passwd('haeundae.mayor', '--org', 'busan').status).not.toBe(0);
    expect(cli(database, 'user', 'list', '--org', 'haeundae').stdout).not.toMatch(
      /^haeundae\.mayor\t.*DEMO PASSWORD$/m,
    );

    expect(cli(database, 'db', 'reset', '--yes')).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/Reset and seeded/),
    });
  });

  it('stops quietly when the reader closes the pipe early (`pnpm cli user list | head -1`)', async () => {
    const db = await emptyDatabase();
    expect(cli(db, 'db', 'seed').status).toBe(0);
    const child = spawn(TSX, ['--conditions=source', 'apps/cli/src/main.ts', 'user', 'list'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db, TANGIBLE_LANG: 'en' },
    });
    // The reader goes away before the list is written, as `head` does once it has its line.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const status = await new Promise((resolve) => child.on('close', resolve));
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  }, 60_000);

  it('says what is wrong with an argument', () => {
    const bad = cli(database, 'export', 'indicators', '--year', '2024', '--as-of', '2024-13');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--as-of: must be YYYY-MM/);
    const missing = cli(database, 'export', 'indicators', '--year', '2030');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no plan for 2030/);
  });

  it('imports a file: a dry run writes nothing, problems exit 1 with their lines, a clean file enters as pending', async () => {
    const db = await emptyDatabase();
    expect(cli(db, 'db', 'seed').status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'tangible-import-'));
    const good = join(dir, 'good.csv');
    writeFileSync(good, 'kpi_code,period,value\r\nCUL-01,2024년 12월,"260,000"\r\n');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'kpi_code,period,value\nCUL-01,2024-13,5\n');
    const dry = cli(db, 'import', good, '--year', '2024', '--user', 'tourism.head', '--dry-run');
    expect(dry).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/1 changed[\s\S]*Dry run: nothing was written/),
    });
    const refused = cli(db, 'import', bad, '--year', '2024', '--user', 'tourism.head');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/B2 \(line 2, column "period"\): "2024-13" is not a period/);
    const done = cli(db, 'import', good, '--year', '2024', '--user', 'tourism.head');
    expect(done).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/Imported 1 value\(s\) as pending approval/),
    });
  }, 60_000);
});
