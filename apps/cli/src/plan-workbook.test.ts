/**
 * `pnpm cli plan export|import` as an operator runs them: the workbook written as xlsx and as CSV
 * per kind; the year found from the workbook's annual targets; a dry-run that prints each change and
 * each problem at its cell in the reader's language, exit 1 while any problem remains; `--apply`
 * proposing a confirmed plan's target change as a revision; a bureau head refused.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededTestDatabase, testDatabaseUrl } from '@tangible/db';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function cli(databaseUrl: string, ...args: string[]) {
  const result = spawnSync(TSX, ['--conditions=source', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, TANGIBLE_LANG: 'en' },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pnpm cli plan', () => {
  it('exports, dry-runs, refuses bad cells and applies a revision', { timeout: 120_000 }, async () => {
    const { db, path } = await seededTestDatabase();
    const url = testDatabaseUrl(path);
    const folder = mkdtempSync(join(tmpdir(), 'tangible-plan-cli-'));
    const xlsx = join(folder, 'plan.xlsx');
    expect(cli(url, 'plan', 'export', '--year', '2024', '--out', xlsx, '--user', 'planner').status).toBe(0);
    expect(existsSync(xlsx)).toBe(true);
    const same = cli(url, 'plan', 'import', xlsx, '--user', 'planner');
    expect(same.stdout.split('\n').slice(0, 2)).toEqual([
      'The 2024 plan (confirmed): 0 to add, 0 field(s) to change, 0 target revision(s) to propose, 0 to retire or delete; 0 problem(s).',
      'Nothing to change: the plan is as the workbook says.',
    ]);

    const stem = join(folder, 'plan');
    const csv = cli(
      url,
      'plan',
      'export',
      '--year',
      '2024',
      '--format',
      'csv',
      '--out',
      stem,
      '--lang',
      'en',
      '--user',
      'planner',
    );
    expect(csv.status).toBe(0);
    const targets = `${stem}-targets.csv`;
    const text = readFileSync(targets, 'utf8');
    writeFileSync(targets, text.replace(/^ECO-01,2024,10,,$/m, 'ECO-01,2024,10,12,'));
    const refused = cli(url, '--lang', 'ko', 'plan', 'import', targets, '--user', 'planner');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(
      /plan-targets\.csv E\d+ \[revision_reason\]: ECO-01의 2024 목표를 바꾸려면 변경 사유가 있어야 합니다/,
    );
    writeFileSync(targets, text.replace(/^ECO-01,2024,10,,$/m, 'ECO-01,2024,10,12,협약 확대'));
    const applied = cli(url, 'plan', 'import', targets, '--apply', '--user', 'planner');
    expect(applied.status).toBe(0);
    expect(applied.stdout).toMatch(/~ target ECO-01 2024: 10 → 12 \(revision, pending approval: 협약 확대\)/);
    expect(applied.stdout).toMatch(/Applied in one transaction\./);
    const pending = await db.selectFrom('target_revisions').select(['state', 'revised_value']).execute();
    expect(pending).toEqual([{ state: 'pending', revised_value: 12 }]);

    const head = cli(url, 'plan', 'import', xlsx, '--user', 'tourism.head');
    expect(head.status).toBe(1);
    expect(head.stderr).toMatch(/needs "plan"/);
    await db.destroy();
  });
});
