import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../connection.js';
import { migrations } from '../migrations/index.js';
import { appendAudit } from '../queries/audit.js';
import { seededSqliteDatabase } from '../testing.js';
import { backupDatabase } from './backup.js';
import { DatabaseFileProblem, inspectDatabaseFile } from './check.js';
import { markerPath } from './presence.js';
import { restoreDatabase } from './restore.js';

const NOW = new Date('2025-02-01T00:00:00Z');
const folder = () => mkdtempSync(join(tmpdir(), 'tangible-backup-'));

async function problemOf(work: Promise<unknown> | (() => unknown)) {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    if (error instanceof DatabaseFileProblem) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error('expected a DatabaseFileProblem');
}

const audit = (n: number) => ({
  organisationId: 1,
  at: `2025-01-20T00:00:0${n}.000Z`,
  actorUserId: null,
  actor: 'test',
  action: 'test.write',
  entityType: 'test',
  entityId: String(n),
});

function auditIds(file: string): string[] {
  const sqlite = new SQLite(file, { readonly: true });
  try {
    return sqlite
      .prepare("select entity_id from audit_log where action = 'test.write'")
      .pluck()
      .all() as string[];
  } finally {
    sqlite.close();
  }
}

describe('db backup', () => {
  it('writes a checked, self-contained copy and says what it holds', async () => {
    const { db, path } = await seededSqliteDatabase();
    await appendAudit(db, audit(1));
    const target = join(folder(), 'nightly', 'tangible-2025-02-01.sqlite');
    const summary = await backupDatabase(path, target);
    expect(summary).toMatchObject({
      migration: Object.keys(migrations).at(-1),
      planYears: [2024, 2025],
      // Busan (2024, and 2025 made from it) and its two districts (2024).
      organisations: 3,
      plans: 4,
      lastChange: audit(1).at,
    });
    expect(summary.indicators).toBeGreaterThanOrEqual(45);
    expect(summary.users).toBeGreaterThanOrEqual(8);
    // Rollback-journal mode (header bytes 18 and 19 are 1): the copy is one file, nothing beside it.
    expect([...readFileSync(target).subarray(18, 20)]).toEqual([1, 1]);
    expect(existsSync(`${target}-wal`)).toBe(false);
    expect(auditIds(target)).toEqual(['1']);

    expect(await problemOf(backupDatabase(path, target))).toEqual({
      code: 'target_exists',
      params: { file: target },
    });
    await appendAudit(db, audit(2));
    await backupDatabase(path, target, { force: true });
    expect(auditIds(target)).toEqual(['1', '2']);
    expect((await problemOf(backupDatabase(path, path))).code).toBe('same_file');
    await db.destroy();
  });
});

describe('db restore', () => {
  it('puts the backup in place, keeps the database it replaces, and records it', async () => {
    const { db, path } = await seededSqliteDatabase();
    await appendAudit(db, audit(1));
    const copy = join(folder(), 'copy.sqlite');
    await backupDatabase(path, copy);
    await appendAudit(db, audit(2));

    // While the database is open anywhere (here: this process), the restore is refused.
    expect(await problemOf(restoreDatabase(copy, path, NOW))).toEqual({
      code: 'in_use',
      params: { file: path },
    });
    expect(auditIds(path)).toEqual(['1', '2']);
    await db.destroy();

    const restored = await restoreDatabase(copy, path, NOW);
    expect(restored.previous).toBe(`${path}.before-restore-2025-02-01T00-00-00-000Z`);
    expect(auditIds(path)).toEqual(['1']);
    expect(auditIds(restored.previous as string)).toEqual(['1', '2']);
    expect(inspectDatabaseFile(restored.previous as string).planYears).toEqual([2024, 2025]);
    expect(JSON.parse(readFileSync(markerPath(path), 'utf8')).createdAt).toBe(NOW.toISOString());
    // The server opens it as it opens any database.
    const reopened = openDatabase(path);
    expect(
      (await reopened.selectFrom('plans').select('year').distinct().orderBy('year').execute()).map(
        (p) => p.year,
      ),
    ).toEqual([2024, 2025]);
    await reopened.destroy();
  });

  it('restores where the database vanished, setting aside the -wal it left', async () => {
    const { db, path } = await seededSqliteDatabase();
    const copy = join(folder(), 'copy.sqlite');
    await backupDatabase(path, copy);
    await db.destroy();
    const target = join(folder(), 'tangible.sqlite');
    writeFileSync(`${target}-wal`, 'frames of a lost database');
    const restored = await restoreDatabase(copy, target, NOW);
    expect(restored.previous).toBeNull();
    expect(restored.setAside).toEqual([`${target}-wal.orphaned-2025-02-01T00-00-00-000Z`]);
    expect(inspectDatabaseFile(target).planYears).toEqual([2024, 2025]);
  });

  it('refuses a file that is not a sound Tangible database, and leaves the database alone', async () => {
    const { db, path } = await seededSqliteDatabase();
    await db.destroy();
    const dir = folder();
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database');
    const foreign = join(dir, 'foreign.sqlite');
    new SQLite(foreign).exec('create table t (x)').close();
    const newer = join(dir, 'newer.sqlite');
    copyFileSync(path, newer);
    const later = new SQLite(newer);
    later.prepare("insert into kysely_migration values ('2099-01-01-0099-future', 'x')").run();
    later.close();
    const damaged = join(dir, 'damaged.sqlite');
    copyFileSync(path, damaged);
    // Overwrite a page in the middle of the file (not the header): integrity_check finds it.
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, 4096 * 20);
    closeSync(fd);

    expect((await problemOf(restoreDatabase(join(dir, 'none.sqlite'), path, NOW))).code).toBe('missing');
    expect((await problemOf(restoreDatabase(text, path, NOW))).code).toBe('not_sqlite');
    // The refusal names the file the person gave, not the temporary copy it checked.
    expect(await problemOf(restoreDatabase(foreign, path, NOW))).toMatchObject({
      code: 'not_tangible',
      params: { file: foreign },
    });
    expect(await problemOf(restoreDatabase(newer, path, NOW))).toMatchObject({
      code: 'unknown_migration',
      params: { migration: '2099-01-01-0099-future' },
    });
    expect((await problemOf(restoreDatabase(damaged, path, NOW))).code).toBe('damaged');
    expect(inspectDatabaseFile(path).planYears).toEqual([2024, 2025]);
    expect(existsSync(`${path}.before-restore-2025-02-01T00-00-00-000Z`)).toBe(false);
  });
});
