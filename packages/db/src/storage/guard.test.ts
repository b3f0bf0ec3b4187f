import { statSync, truncateSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type Db, openSnapshot } from '../connection.js';
import { appendAudit } from '../queries/audit.js';
import { seededSqliteDatabase } from '../testing.js';
import { type StorageReason, storageFailureOf } from './failure.js';
import { injectStorageFault, type StorageFault } from './faults.js';
import { probeStorage } from './probe.js';

/** An audit entry large enough to need new pages (a 64 KB payload), so a full disk cannot absorb it. */
const entry = (n: number) => ({
  organisationId: 1,
  at: '2025-01-15T09:00:00.000Z',
  actorUserId: null,
  actor: 'test',
  action: 'test.write',
  entityType: 'test',
  entityId: String(n),
  after: { filler: 'x'.repeat(65_536) },
});

async function auditCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function failureOf(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, 'the write should have been refused').not.toBeNull();
  return { message: (error as Error).message, failure: storageFailureOf(error) };
}

const FAULTS: [StorageFault, StorageReason, sqliteCode: string | null][] = [
  ['read_only', 'read_only', 'SQLITE_READONLY'],
  ['disk_full', 'disk_full', 'SQLITE_FULL'],
  ['file_missing', 'file_missing', null],
  ['file_replaced', 'file_replaced', null],
  ['shm_replaced', 'shm_failed', null],
  ['wal_missing', 'wal_failed', null],
];

describe('a database whose storage fails', () => {
  it.each(FAULTS)(
    'with %s: every write is refused as %s, and the probe says so',
    async (fault, reason, code) => {
      const { db } = await seededSqliteDatabase();
      await appendAudit(db, entry(1));
      const before = await auditCount(db);
      expect(await probeStorage(db)).toBeNull();

      injectStorageFault(db, fault);

      const alone = await failureOf(appendAudit(db, entry(2)));
      expect(alone.failure?.reason).toBe(reason);
      expect(alone.failure?.sqliteCode).toBe(code);

      const inTransaction = await failureOf(
        db.transaction().execute(async (trx) => {
          await appendAudit(trx, entry(3));
          await appendAudit(trx, entry(4));
        }),
      );
      // The real error, not Kysely's ROLLBACK failing after SQLite already rolled back.
      expect(inTransaction.message).not.toMatch(/cannot rollback/);
      expect(inTransaction.failure?.reason).toBe(reason);

      expect((await probeStorage(db))?.reason).toBe(reason);
      // Reads still answer from the open file, and show that nothing was written.
      expect(await auditCount(db)).toBe(before);
      await db.destroy();
    },
  );

  it('the probe leaves nothing behind and fails on a disk with too little room', async () => {
    const { db } = await seededSqliteDatabase();
    expect(await probeStorage(db)).toBeNull();
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where name like '%probe%'`.execute(db);
    expect(tables.rows).toEqual([]);
    const failure = await probeStorage(db, { minFreeBytes: Number.MAX_SAFE_INTEGER });
    expect(failure?.reason).toBe('disk_full');
    expect(failure?.message).toMatch(/bytes free on the disk holding/);
    await db.destroy();
  });

  it('says which SQLite errors are storage failures', () => {
    const sqliteError = (code: string) => Object.assign(new Error('boom'), { code });
    expect(storageFailureOf(sqliteError('SQLITE_IOERR_WRITE'))?.reason).toBe('io_error');
    expect(storageFailureOf(sqliteError('SQLITE_IOERR_SHMMAP'))?.reason).toBe('shm_failed');
    expect(storageFailureOf(sqliteError('SQLITE_READONLY_DBMOVED'))?.reason).toBe('file_replaced');
    expect(storageFailureOf(sqliteError('SQLITE_CANTOPEN'))?.reason).toBe('cannot_open');
    expect(storageFailureOf(sqliteError('SQLITE_NOTADB'))?.reason).toBe('corrupt');
    expect(storageFailureOf(sqliteError('SQLITE_BUSY'))?.reason).toBe('locked');
    expect(storageFailureOf(sqliteError('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storageFailureOf(new Error('wrapped', { cause: sqliteError('SQLITE_FULL') }))?.reason).toBe(
      'disk_full',
    );
  });
});

describe('a database whose -shm is truncated under it', () => {
  // Touching the truncated mapping would kill this test process with SIGBUS; the server's own test
  // (apps/server/src/shm-truncated.test.ts) shows the same in a child process.
  it('refuses reads, the probe and new snapshots as shm_failed, for good', async () => {
    const { db, path } = await seededSqliteDatabase();
    const shm = `${path}-shm`;
    const size = statSync(shm).size;
    // A read first: the mapping is in use.
    await auditCount(db);
    truncateSync(shm, 0);
    try {
      const read = await failureOf(auditCount(db));
      expect(read.failure?.reason).toBe('shm_failed');
      expect(read.message).toMatch(/-shm was truncated \(\d+ → 0 bytes\)/);
      expect((await probeStorage(db))?.reason).toBe('shm_failed');
      // An export's snapshot shares the mapping: refused before it reads.
      expect(() => openSnapshot(path)).toThrow(/shm_failed/);
    } finally {
      // Back to its size (its content zeroed, which SQLite recovers from), so that the connection
      // left open is safe when the test process ends.
      truncateSync(shm, size);
    }
    // Whatever the file looks like now, this process does not trust the mapping again.
    expect((await failureOf(auditCount(db))).failure?.reason).toBe('shm_failed');
    await db.destroy();
  });
});
