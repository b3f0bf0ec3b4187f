/**
 * Storage failures: the SQLite errors that say the database cannot be written (or read) right now,
 * whatever the request was, as one error with a short reason code. The API answers them with 503
 * and the reason; the log keeps SQLite's own code and message.
 */

/** Why the database cannot be written, as the health check and the 503 answers say it. */
export const STORAGE_REASONS = [
  /** The file, its folder or the mount is read-only, or the connection was opened read-only. */
  'read_only',
  /** No room: the disk (or the page limit) is full, or nearly so. */
  'disk_full',
  /** The database file was deleted while the server had it open: writes would go nowhere. */
  'file_missing',
  /** Another file now sits at the database's path: writes would go to the old one. */
  'file_replaced',
  /** The write-ahead log (`-wal`) was deleted or replaced under the server. */
  'wal_failed',
  /** The shared-memory index (`-shm`) was deleted, replaced, truncated or cannot be mapped. */
  'shm_failed',
  /** The file or its journal cannot be opened or created. */
  'cannot_open',
  /** The operating system reported an input/output error. */
  'io_error',
  /** The file is not a database, or is damaged. */
  'corrupt',
  /** Another process has held the write lock for longer than the busy timeout. */
  'locked',
] as const;

export type StorageReason = (typeof STORAGE_REASONS)[number];

/**
 * A storage failure: the reason code, and SQLite's error code and message (or what the file checks
 * found) for the log. `cause` is the original error when there was one.
 */
export class StorageFailure extends Error {
  readonly reason: StorageReason;
  /** SQLite's extended code (SQLITE_FULL, SQLITE_IOERR_WRITE…), or null when a file check found it. */
  readonly sqliteCode: string | null;
  constructor(reason: StorageReason, detail: string, sqliteCode: string | null = null, cause?: unknown) {
    super(`storage failure (${reason}): ${sqliteCode ? `${sqliteCode}: ` : ''}${detail}`, { cause });
    this.name = 'StorageFailure';
    this.reason = reason;
    this.sqliteCode = sqliteCode;
  }
}

/** SQLite's result codes (extended codes start with their primary one) and what they mean here. */
const BY_CODE: [prefix: string, reason: StorageReason][] = [
  // SQLite itself noticed that the file was unlinked or renamed (rollback-journal mode).
  ['SQLITE_READONLY_DBMOVED', 'file_replaced'],
  ['SQLITE_READONLY', 'read_only'],
  ['SQLITE_FULL', 'disk_full'],
  ['SQLITE_IOERR_SHM', 'shm_failed'],
  ['SQLITE_IOERR', 'io_error'],
  ['SQLITE_CANTOPEN', 'cannot_open'],
  ['SQLITE_CORRUPT', 'corrupt'],
  ['SQLITE_NOTADB', 'corrupt'],
  ['SQLITE_BUSY', 'locked'],
  ['SQLITE_PROTOCOL', 'locked'],
];

/** The storage failure an error is, or carries as its cause; null for any other error. */
export function storageFailureOf(error: unknown): StorageFailure | null {
  for (let seen = error, depth = 0; seen && depth < 8; depth++) {
    if (seen instanceof StorageFailure) return seen;
    const code = (seen as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) {
      const found = BY_CODE.find(([prefix]) => code.startsWith(prefix));
      return found ? new StorageFailure(found[1], (seen as Error).message, code, seen) : null;
    }
    seen = (seen as { cause?: unknown }).cause;
  }
  return null;
}
