/**
 * Backups taken while writes stream in, and the `db backup` / `db restore` commands against the
 * built server.
 */

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { indicatorExport } from '@tangible/api';
import {
  backupDatabase,
  type Db,
  openDatabase,
  readAll,
  restoreDatabase,
  seededSqliteDatabase,
  vanishedDatabase,
} from '@tangible/db';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStream, writeTransaction } from '../../../scripts/write-stream.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SERVER = join(ROOT, 'apps/server/dist/tangible.js');

/** Calls `onLine` with each line the child prints. */
function eachLine(child: ChildProcess, onLine: (line: string) => void) {
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
}

/** How many transactions of the stream a database holds: one import or one approval each. */
async function streamTransactions(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from audit_log
    where (action = 'import' and entity_id like 'stream-%') or action = 'measurement.approve'`.execute(db);
  return Number(rows[0]?.n);
}

/** Everything the stream writes, row for row, and the figures computed from it. */
async function state(db: Db) {
  const measurements = await db.selectFrom('measurements').selectAll().orderBy('id').execute();
  const audit = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  const figures = await indicatorExport(db, 1, { year: 2024, asOf: '2024-12', lang: 'en' });
  return { measurements, audit, figures: await readAll(figures.rows) };
}

describe('backups taken while the database is written', () => {
  it('twenty backups, each restored, hold exactly the writes committed before their moment', async () => {
    const { db: seeded, path } = await seededSqliteDatabase();
    // The stream's starting point, to replay the stream on, and to count from.
    const start = join(mkdtempSync(join(tmpdir(), 'tangible-load-')), 'start.sqlite');
    await backupDatabase(path, start);
    expect(await streamTransactions(seeded)).toBe(0);
    await seeded.destroy();

    // One process (tsx as a loader, not its wrapper), so that the kill below reaches the writer.
    const writer = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', 'scripts/write-stream.ts', path],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let committed = 0;
    let waiting: { j: number; resolve: () => void; reject: (error: Error) => void }[] = [];
    eachLine(writer, (line) => {
      committed = Number(line);
      for (const w of waiting.filter((w) => committed >= w.j)) w.resolve();
      waiting = waiting.filter((w) => committed < w.j);
    });
    const exited = new Promise<number | null>((resolve) => writer.once('exit', resolve));
    void exited.then((code) => {
      for (const w of waiting) w.reject(new Error(`the writer stopped (${code}) at ${committed}`));
    });
    const reached = (j: number) =>
      new Promise<void>((resolve, reject) => {
        if (committed >= j) resolve();
        else waiting.push({ j, resolve, reject });
      });

    const backups: { file: string; committedBefore: number }[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        // Writes go on between backups (and during them: the writer does not wait).
        await reached(committed + 3);
        const file = join(tmpdir(), `tangible-load-backup-${process.pid}-${i}.sqlite`);
        const committedBefore = committed;
        await backupDatabase(path, file, { force: true });
        backups.push({ file, committedBefore });
      }
    } finally {
      writer.kill('SIGKILL');
      await exited;
    }

    const replay = openDatabase(start);
    const stream = await openStream(replay);
    let replayed = 0;
    const moments: number[] = [];
    for (const [i, { file, committedBefore }] of backups.entries()) {
      const target = join(mkdtempSync(join(tmpdir(), `tangible-restored-${i}-`)), 'tangible.sqlite');
      await restoreDatabase(file, target, new Date());
      const restored = openDatabase(target);
      const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(restored);
      expect(rows).toEqual([{ integrity_check: 'ok' }]);
      const moment = await streamTransactions(restored);
      expect(moment).toBeGreaterThanOrEqual(committedBefore);
      while (replayed < moment) await writeTransaction(replay, stream, ++replayed);
      // The same rows as the first `moment` writes give, and so the same figures.
      expect(await state(restored)).toEqual(await state(replay));
      moments.push(moment);
      await restored.destroy();
    }
    await replay.destroy();
    expect(moments).toEqual([...new Set(moments)].sort((a, b) => a - b));
    expect(moments).toHaveLength(20);
  }, 120_000);
});

function cli(database: string, language: 'en' | 'ko', ...args: string[]) {
  const result = spawnSync(TSX, ['--conditions=source', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${database}`, TANGIBLE_LANG: language },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function startServer(database: string) {
  const child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${database}`,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const listening = new Promise<string>((resolve, reject) => {
    eachLine(child, (line) => {
      if (line.includes('Tangible is listening')) resolve(JSON.parse(line).url);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { child, exited, listening };
}

describe('pnpm cli db backup and db restore', () => {
  it('back up under a running server; restore only once it is gone (even killed), keeping the old file', async () => {
    expect(existsSync(SERVER), 'run pnpm build first').toBe(true);
    const { db, path } = await seededSqliteDatabase();
    await db.destroy();
    const backup = join(mkdtempSync(join(tmpdir(), 'tangible-cli-backup-')), 'nightly.sqlite');
    const server = startServer(path);
    await server.listening;

    expect(cli(path, 'en', 'db', 'backup', backup)).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(
        /^Backed up .* to .*nightly.sqlite \(\d+(\.\d)? [KM]B\); the copy passed integrity_check.\nIt holds: organisations 3; plans 4 \(years 2024, 2025\); indicators \d+; reported values \d+ \(\d+ pending\); audit entries \d+; users \d+; migration \d{4}-\d\d-\d\d-\d{4}-[a-z-]+; last change/,
      ),
    });
    expect(cli(path, 'en', 'db', 'backup', backup)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/already exists; choose another name or add --force to replace it/),
    });
    expect(cli(path, 'ko', 'db', 'backup', backup, '--force')).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(
        /백업했습니다\. 사본은 integrity_check를 통과했습니다\.\n내용: 기관 3곳, 계획 4개\(2024, 2025년\)/,
      ),
    });
    expect(cli(path, 'en', 'db', 'restore', backup).stderr).toMatch(/required option '--yes'/);
    expect(cli(path, 'en', 'db', 'restore', backup, '--yes')).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/A server or another command has .* open\. Stop it/),
    });

    // A server killed outright leaves no lock behind.
    server.child.kill('SIGKILL');
    await server.exited;
    const restored = cli(path, 'en', 'db', 'restore', backup, '--yes');
    expect(restored).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^Restored .*nightly.sqlite into .*; it passed integrity_check\./),
    });
    expect(restored.stdout).toMatch(/The database it replaced is kept as .*tangible.sqlite.before-restore-/);

    const again = startServer(path);
    const health = await fetch(`${await again.listening}/healthz`);
    expect(health.status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);

    // Starting over after the database vanished is the other way back.
    rmSync(path);
    expect(vanishedDatabase(path)).toMatch(/is missing, but a database was created there/);
    expect(cli(path, 'en', 'db', 'reset', '--yes')).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/Reset and seeded/),
    });
    expect(vanishedDatabase(path)).toBeNull();
  }, 90_000);
});
