/**
 * After the database vanished under a running server (deleted; its `-wal` left behind with the data,
 * its marker beside it), neither a CLI command nor the next start makes a new database in its place:
 * they refuse, saying why, and leave what is there untouched.
 */

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  findPlanYears,
  markerPath,
  migrateToLatest,
  openDatabase,
  recordDatabase,
  seededSqliteDatabase,
} from '@tangible/db';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SERVER = join(ROOT, 'apps/server/dist/tangible.js');
const CREATED = new Date('2025-01-15T09:00:00Z');

function cli(database: string, language: 'en' | 'ko', ...args: string[]) {
  const result = spawnSync(TSX, ['--conditions=source', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${database}`, TANGIBLE_LANG: language },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the built server; resolves with its exit code, or null once it listens (it is then stopped). */
function start(database: string): Promise<{ code: number | null; lines: string[] }> {
  const child: ChildProcess = spawn(process.execPath, [SERVER], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${database}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  return new Promise((resolve) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
      if (parts.some((line) => line.includes('Tangible is listening'))) child.kill('SIGTERM');
    });
    child.once('exit', (code) =>
      resolve({ code: lines.some((l) => l.includes('Tangible is listening')) ? null : code, lines }),
    );
  });
}

/** What a server leaves when its database file is deleted under it: the -wal with the data, and the marker. */
async function vanishedUnderServer(): Promise<string> {
  const { db, path } = await seededSqliteDatabase();
  recordDatabase(path, CREATED);
  unlinkSync(path);
  // The last connection to close does not checkpoint a file that was unlinked: the -wal stays.
  await db.destroy();
  expect(existsSync(path)).toBe(false);
  expect(readFileSync(`${path}-wal`).length).toBeGreaterThan(0);
  return path;
}

describe('after the database vanished', () => {
  it('every CLI command refuses, in English or Korean, and leaves the -wal as it was', async () => {
    const path = await vanishedUnderServer();
    const wal = readFileSync(`${path}-wal`);

    const listed = cli(path, 'en', 'user', 'list');
    expect(listed.status).toBe(1);
    expect(listed.stderr).toMatch(
      /^error: The database file .*tangible\.sqlite is missing, but a database was created there on 2025-01-15T09:00:00.000Z \(.*tangible\.sqlite\.created records it\)\. Nothing was opened or changed\. Restore a backup with `pnpm cli db restore FILE --yes`, or start over with `pnpm cli db reset --yes`/,
    );
    expect(cli(path, 'ko', 'user', 'list').stderr).toMatch(
      /데이터베이스 파일 .*tangible\.sqlite이\(가\) 없습니다\. 그런데 이 자리에는 2025-01-15T09:00:00.000Z에 만들어진 데이터베이스가 있었습니다/,
    );
    // Those that may make a database where none ever was refuse here too.
    for (const args of [
      ['export', 'indicators', '--year', '2024'],
      ['token', 'list'],
      ['db', 'migrate'],
      ['db', 'seed'],
    ]) {
      expect(cli(path, 'en', ...args), args.join(' ')).toMatchObject({
        status: 1,
        stderr: expect.stringMatching(/is missing, but a database was created there/),
      });
    }
    // Without the marker, the -wal alone says it.
    rmSync(markerPath(path));
    expect(cli(path, 'en', 'user', 'list').stderr).toMatch(
      /The database file .* is missing, but its write-ahead log .*-wal \(\d+ bytes\) is still there/,
    );

    expect(existsSync(path)).toBe(false);
    expect(readFileSync(`${path}-wal`).equals(wal)).toBe(true);
  }, 60_000);

  it('the server refuses to start, and does not seed over a database a careless opener made there', async () => {
    expect(existsSync(SERVER), 'run pnpm build first').toBe(true);
    const path = await vanishedUnderServer();
    const wal = readFileSync(`${path}-wal`);
    const refused = await start(path);
    expect(refused.code).toBe(1);
    expect(refused.lines.join('\n')).toMatch(/refusing to start: the database file .* is missing/);
    expect(readFileSync(`${path}-wal`).equals(wal)).toBe(true);

    // What a command that opened without checking used to leave: a new, migrated, empty file.
    const dir = mkdtempSync(join(tmpdir(), 'tangible-replaced-'));
    const replaced = join(dir, 'tangible.sqlite');
    const empty = openDatabase(replaced);
    await migrateToLatest(empty);
    await empty.destroy();
    recordDatabase(replaced, CREATED);

    const started = await start(replaced);
    expect(started.code).toBe(1);
    expect(started.lines.join('\n')).toMatch(
      /refusing to start: the database file .*tangible\.sqlite holds no plan, but a database was created there on 2025-01-15T09:00:00.000Z/,
    );
    expect(cli(replaced, 'en', 'user', 'list').stderr).toMatch(/holds no plan, but a database was created/);
    const after = openDatabase(replaced, 'replace');
    expect(await findPlanYears(after)).toEqual([]);
    await after.destroy();
  }, 60_000);
});
