/**
 * `pnpm cli plan copy`, run as an operator runs it: a new draft year from a confirmed one through
 * the plan editor's service, its summary in Korean and English, and the refusals as the problem
 * sentences say them (exit 1, nothing written).
 */

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTestDatabase, seededTestDatabase, TEST_ENGINE, testDatabaseUrl } from '@tangible/db';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function cli(language: 'ko' | 'en', path: string, ...args: string[]) {
  const result = spawnSync(TSX, ['--conditions=source', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(path), TANGIBLE_LANG: language },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function seeded() {
  const { db, path } = await seededTestDatabase();
  if (TEST_ENGINE === 'sqlite') await db.destroy();
  return { path, close: () => (TEST_ENGINE === 'sqlite' ? Promise.resolve() : db.destroy()) };
}

describe('pnpm cli plan copy', () => {
  it('starts a draft year from 2024 and says what it carried, in English', async () => {
    const { path, close } = await seeded();
    const copied = cli('en', path, 'plan', 'copy', '--from', '2024', '--to', '2026');
    expect(copied.status, copied.stderr).toBe(0);
    expect(copied.stdout).toMatch(
      /^Started the 2026 plan from 2024 as a draft: 5 sectors, \d+ strategies, \d+ projects, 57 indicators, \d+ unfinished milestones \(\d+ finished ones stay in 2024\)\.$/m,
    );
    expect(copied.stdout).toMatch(
      /^Baselines: 51 are the 2024 actual \(baseline year 2024\); 6 kept from the 2024 plan for want of an actual: .*CUL-08.*\.$/m,
    );
    const db = openTestDatabase(path);
    try {
      const plan = await db
        .selectFrom('plans')
        .select(['status', 'id'])
        .where('year', '=', 2026)
        .where('organisation_id', '=', 1)
        .executeTakeFirstOrThrow();
      expect(plan.status).toBe('draft');
      const audit = await db
        .selectFrom('audit_log')
        .select(['actor', 'actor_user_id'])
        .where('action', '=', 'plan.copy_forward')
        .where('entity_id', '=', String(plan.id))
        .execute();
      expect(audit).toEqual([{ actor: 'cli', actor_user_id: null }]);
    } finally {
      await db.destroy();
      await close();
    }
  });

  it('says it in Korean, and refuses a year that exists or an unknown organisation with exit 1', async () => {
    const { path, close } = await seeded();
    const copied = cli('ko', path, 'plan', 'copy', '--from', '2024', '--to', '2027', '--org', 'haeundae');
    expect(copied.status, copied.stderr).toBe(0);
    expect(copied.stdout).toMatch(/^2024년 계획에서 2027년 계획 초안을 시작했습니다: 분야 \d+개/m);
    expect(copied.stdout).toMatch(/초안에서 고친 뒤 확정하세요/);
    const again = cli('ko', path, 'plan', 'copy', '--from', '2024', '--to', '2027', '--org', 'haeundae');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('2027년 계획이 이미 있습니다');
    const nowhere = cli('en', path, 'plan', 'copy', '--from', '2024', '--to', '2028', '--org', 'nowhere');
    expect(nowhere.status).toBe(1);
    expect(nowhere.stderr).toMatch(/nowhere/);
    const badYear = cli('en', path, 'plan', 'copy', '--from', '24', '--to', '2028');
    expect(badYear.status).not.toBe(0);
    expect(badYear.stderr).toContain('--from: must be a year from 2000 to 2100');
    await close();
  });
});
