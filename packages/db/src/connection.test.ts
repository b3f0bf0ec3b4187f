import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectionOf,
  type Db,
  databaseFileOf,
  migrateToLatest,
  type Opening,
  openDatabase,
  openSnapshot,
  snapshotPool,
  snapshotsBeside,
} from './connection.js';
import { SEED_DIR } from './location.js';
import { prepareDatabase } from './setup.js';
import { DatabaseFileProblem } from './storage/check.js';
import { recordDatabase } from './storage/presence.js';
import { seededSqliteDatabase } from './testing.js';

let db: Db;
let path: string;
beforeAll(async () => {
  ({ db, path } = await seededSqliteDatabase());
});
afterAll(async () => {
  await db.destroy();
});

const departments = async (from: Db) =>
  Number((await sql<{ n: number }>`select count(*) as n from departments`.execute(from)).rows[0]?.n);

describe('a read snapshot', () => {
  it('keeps reading the moment it began while the main connection writes, and cannot write', async () => {
    const snapshot = openSnapshot(path);
    try {
      const before = await departments(snapshot);
      await db
        .insertInto('departments')
        .values({ organisation_id: 1, code: 'SNAP', name_ko: '스냅샷', name_en: 'Snapshot' })
        .execute();
      expect(await departments(snapshot)).toBe(before);
      expect(await departments(db)).toBe(before + 1);
      await expect(
        snapshot
          .insertInto('departments')
          .values({ organisation_id: 1, code: 'NO', name_ko: '안됨', name_en: 'No' })
          .execute(),
      ).rejects.toThrow(/readonly/);
    } finally {
      await snapshot.destroy();
    }
    const later = openSnapshot(path);
    expect(await departments(later)).toBe(await departments(db));
    await later.destroy();
  });

  it('knows the file a connection has open, and that an in-memory database has none', async () => {
    expect(await databaseFileOf(db)).toBe(path);
    const memory = openDatabase(':memory:');
    expect(await databaseFileOf(memory)).toBeNull();
    await memory.destroy();
  });
});

describe('snapshots kept between exports', () => {
  const insertDepartment = (code: string) =>
    db.insertInto('departments').values({ organisation_id: 1, code, name_ko: code, name_en: code }).execute();

  it('gives the next taker the same connection in a new transaction, which sees what was written meanwhile', async () => {
    const pool = snapshotPool(path, 2);
    const first = pool.take();
    const before = await departments(first);
    await insertDepartment('POOL1');
    expect(await departments(first)).toBe(before);
    await pool.give(first);
    expect(pool.waiting).toBe(1);
    await insertDepartment('POOL2');
    const second = pool.take();
    expect(second).toBe(first);
    expect(pool.waiting).toBe(0);
    expect(await departments(second)).toBe(before + 2);
    // And it is a snapshot again: a write after its first read is not seen.
    await insertDepartment('POOL3');
    expect(await departments(second)).toBe(before + 2);
    await pool.give(second);
    await pool.close();
    expect(pool.waiting).toBe(0);
    // Closed: the connection is gone.
    await expect(departments(second)).rejects.toThrow();
  });

  it('keeps at most `keep`, ends the rows a reader left, and closes what is given back after close', async () => {
    const pool = snapshotPool(path, 1);
    const [a, b] = [pool.take(), pool.take()];
    expect(a).not.toBe(b);
    await pool.give(a);
    await pool.give(b);
    expect(pool.waiting).toBe(1);
    const again = pool.take();
    expect(again).toBe(a);
    await expect(departments(b)).rejects.toThrow();
    // Rows left unread: ended when it is given back, so its transaction ends and it is kept.
    const rows = connectionOf(again).scan('select id from departments', []);
    expect(rows.next().done).toBe(false);
    await pool.give(again);
    expect(pool.waiting).toBe(1);
    expect(rows.next().done).toBe(true);
    expect(connectionOf(again).sqlite.inTransaction).toBe(false);
    // Nothing holds the -wal: a checkpoint takes all of it.
    await insertDepartment('POOL4');
    const [checkpoint] = connectionOf(db).sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    expect(checkpoint?.busy).toBe(0);
    const fresh = pool.take();
    expect(fresh).toBe(again);
    await pool.close();
    await pool.give(fresh);
    expect(pool.waiting).toBe(0);
    await expect(departments(fresh)).rejects.toThrow();
  });

  it('closes a snapshot with rows still being read, leaving nothing open', async () => {
    const { db: own, path: ownPath } = await seededSqliteDatabase();
    const snapshot = openSnapshot(ownPath);
    const rows = connectionOf(snapshot).scan('select id from departments', []);
    rows.next();
    await snapshot.destroy();
    expect(rows.next().done).toBe(true);
    await own.destroy();
    expect(existsSync(`${ownPath}-wal`)).toBe(false);
  });

  it('does not reuse a kept snapshot of a file that was replaced at its path', async () => {
    const { db: other, path: otherPath } = await seededSqliteDatabase();
    const pool = snapshotPool(otherPath, 2);
    const kept = pool.take();
    await departments(kept);
    await pool.give(kept);
    // The file at the path is now another one (as a restore would leave it).
    await other.destroy();
    const moved = `${otherPath}.old`;
    renameSync(otherPath, moved);
    copyFileSync(moved, otherPath);
    const next = pool.take();
    expect(next).not.toBe(kept);
    await expect(departments(kept)).rejects.toThrow();
    await pool.give(next);
    await pool.close();
  });

  it('closes an idle one after the idle time, and every waiting one when its database is destroyed', async () => {
    const pool = snapshotPool(path, 2, 20);
    const idle = pool.take();
    await pool.give(idle);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(pool.waiting).toBe(0);
    await expect(departments(idle)).rejects.toThrow();

    const { db: own, path: ownPath } = await seededSqliteDatabase();
    const beside = await snapshotsBeside(own, 2);
    if (!beside) throw new Error('a file database has snapshots');
    // One pool per database, keeping as many as the most any asker holds at once.
    const [second, third] = await Promise.all([snapshotsBeside(own, 4), snapshotsBeside(own, 1)]);
    expect(second).toBe(beside);
    expect(third).toBe(beside);
    expect(beside.keep).toBe(4);
    const waiting = beside.take();
    await departments(waiting);
    await beside.give(waiting);
    await own.destroy();
    expect(beside.waiting).toBe(0);
    // The last connection closed checkpoints and removes the -wal: nothing was left open.
    expect(existsSync(`${ownPath}-wal`)).toBe(false);
    const memory = openDatabase(':memory:');
    expect(await snapshotsBeside(memory, 2)).toBeNull();
    await memory.destroy();
  });
});

type Found = 'nothing' | 'marker' | 'marker, empty file' | 'marker, no plan' | 'wal' | 'marker, plan';

/** A database path with what a lost (or kept) database leaves there. */
async function place(found: Found): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'tangible-opening-')), 'tangible.sqlite');
  if (found === 'marker, plan') {
    const seeded = await seededSqliteDatabase();
    await seeded.db.destroy();
    recordDatabase(seeded.path, new Date());
    return seeded.path;
  }
  if (found === 'marker, no plan') {
    const made = openDatabase(file);
    await migrateToLatest(made);
    await made.destroy();
  }
  if (found === 'marker, empty file') writeFileSync(file, '');
  if (found === 'wal') writeFileSync(`${file}-wal`, 'frames of a lost database');
  if (found.startsWith('marker')) recordDatabase(file, new Date());
  return file;
}

type Outcome = { code: string; state?: unknown } | 'opened';

async function problemOf(open: () => Db): Promise<Outcome> {
  let opened: Db;
  try {
    opened = open();
  } catch (error) {
    if (!(error instanceof DatabaseFileProblem)) throw error;
    return { code: error.code, state: error.params.state };
  }
  await opened.destroy();
  return 'opened';
}

const vanished = (state: string) => ({ code: 'vanished', state });

describe('opening a database where one may have been lost', () => {
  it.each<[Found, Opening, Outcome]>([
    ['nothing', 'existing', { code: 'missing', state: undefined }],
    ['nothing', 'new', 'opened'],
    ['marker', 'existing', vanished('missing')],
    ['marker', 'new', vanished('missing')],
    ['marker', 'replace', 'opened'],
    ['marker, empty file', 'new', vanished('empty')],
    ['marker, no plan', 'existing', vanished('no_plan')],
    ['marker, no plan', 'new', vanished('no_plan')],
    ['marker, no plan', 'replace', 'opened'],
    ['wal', 'existing', { code: 'orphaned_wal', state: 'missing' }],
    ['wal', 'new', { code: 'orphaned_wal', state: 'missing' }],
    ['marker, plan', 'existing', 'opened'],
    ['marker, plan', 'new', 'opened'],
  ])('with %s there, opening it as %s: %o', async (found, opening, expected) => {
    const file = await place(found);
    const wal = existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : null;
    expect(await problemOf(() => openDatabase(file, opening))).toEqual(expected);
    if (expected === 'opened') return;
    // Refused before SQLite touched the path: no file made, a -wal left as it was.
    if (found !== 'marker, no plan' && found !== 'marker, empty file') expect(existsSync(file)).toBe(false);
    if (wal) expect(readFileSync(`${file}-wal`).equals(wal)).toBe(true);
  });

  it('never seeds a database without a plan where one with a plan was created', async () => {
    const file = await place('marker, no plan');
    const replaced = openDatabase(file, 'replace');
    await expect(prepareDatabase(replaced, SEED_DIR)).rejects.toMatchObject({
      code: 'vanished',
      params: { state: 'no_plan' },
    });
    expect(await replaced.selectFrom('plans').selectAll().execute()).toEqual([]);
    await replaced.destroy();
  });
});
