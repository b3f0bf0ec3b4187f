/**
 * `pnpm cli user mail`: an administrator sets where a user's reminders and digests go and in which
 * language; a wrong address is refused with the problem's sentence; `none` stops the email.
 */

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Db, seededTestDatabase, testDatabaseUrl } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

let db: Db;
let url: string;
beforeAll(async () => {
  const seeded = await seededTestDatabase();
  db = seeded.db;
  url = testDatabaseUrl(seeded.path);
}, 60_000);
afterAll(async () => {
  await db?.destroy();
});

function cli(language: 'ko' | 'en', ...args: string[]) {
  const result = spawnSync(TSX, ['--conditions=source', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, TANGIBLE_LANG: language },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const mailOf = (username: string) =>
  db
    .selectFrom('users')
    .select(['email', 'language'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();

describe('pnpm cli user mail', () => {
  it('sets the address and language, refuses what is not an address, and clears it with none', async () => {
    expect(cli('en', 'user', 'mail', 'fin.head', 'fin@busan.example', '--language', 'en')).toMatchObject({
      status: 0,
      stdout: 'Email of fin.head: fin@busan.example, in en.\n',
    });
    expect(await mailOf('fin.head')).toEqual({ email: 'fin@busan.example', language: 'en' });

    const wrong = cli('ko', 'user', 'mail', 'fin.head', 'not-an-address');
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain('"not-an-address"은(는) 이메일 주소가 아닙니다');
    expect(await mailOf('fin.head')).toEqual({ email: 'fin@busan.example', language: 'en' });

    expect(cli('en', 'user', 'mail', 'fin.head', 'none')).toMatchObject({
      status: 0,
      stdout: 'fin.head gets no email now.\n',
    });
    expect(await mailOf('fin.head')).toEqual({ email: null, language: 'en' });
  }, 60_000);
});
