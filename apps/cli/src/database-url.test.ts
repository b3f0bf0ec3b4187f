/** The CLI reads DATABASE_URL with the server's parser: what it cannot run on stops it, said by its code. */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function cli(databaseUrl: string, lang: 'en' | 'ko', ...args: string[]) {
  const result = spawnSync(TSX, ['--conditions=source', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, TANGIBLE_LANG: lang },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pnpm cli with a DATABASE_URL it cannot use', { timeout: 60_000 }, () => {
  it('refuses an unsupported scheme, saying what it accepts, and makes no file', () => {
    const result = cli('mysql://localhost/tangible', 'en', 'db', 'migrate');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /DATABASE_URL names a database Tangible does not run on \("mysql:"\).*postgres:\/\//,
    );
    // Read as a path, it was an SQLite file in a folder named `mysql:` under the repository.
    expect(existsSync(join(ROOT, 'mysql:'))).toBe(false);
  });

  it('refuses a malformed PostgreSQL URL, in Korean too', () => {
    expect(cli('postgres:tangible', 'ko', 'user', 'list')).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/DATABASE_URL "postgres:tangible"을\(를\) 읽을 수 없습니다/),
    });
  });

  it('refuses a file-only command on PostgreSQL by name, before connecting', () => {
    const backup = join(mkdtempSync(join(tmpdir(), 'tangible-url-')), 'copy.sqlite');
    expect(cli('postgres://127.0.0.1:1/tangible', 'en', 'db', 'backup', backup)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/db backup works on an SQLite file only; this database is postgres/),
    });
  });
});
