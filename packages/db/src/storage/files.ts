/**
 * The files under an open database (the file, its `-wal`, its `-shm`) as the connection saw them
 * when it opened, checked against what is at their paths now: before every statement the guard
 * (guard.ts) lets through.
 *
 * Why each check matters:
 * - On Linux an unlinked or renamed database file still accepts writes through the open descriptor;
 *   they succeed and are lost when the process ends. Only comparing the path's device and inode
 *   with what was opened notices it.
 * - The `-shm` is memory-mapped by SQLite, once per process for every connection to the database.
 *   Once someone shortens it (`truncate -s 0 tangible.sqlite-shm`), touching a mapped page past its
 *   new end kills the whole process with SIGBUS: no error, no answer, no log. A read touches it as
 *   much as a write does, and so does closing the last connection (it checkpoints). So its size is
 *   checked before every statement, reads included, and once it was found shortened no connection to
 *   that database in this process touches it again: every statement is refused with `shm_failed`
 *   until the process restarts (see GuardedDatabase.close).
 */

import { statSync } from 'node:fs';
import { StorageFailure } from './failure.js';

interface Seen {
  dev: number;
  ino: number;
  size: number;
}

function identity(path: string): Seen | null {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    throw new StorageFailure('io_error', `cannot stat ${path}: ${(error as Error).message}`, null, error);
  }
  return stats ? { dev: stats.dev, ino: stats.ino, size: stats.size } : null;
}

/**
 * What this process knows of one database's `-shm`. SQLite keeps one mapping of it per process,
 * shared by every connection to the same file (device and inode), so this record is shared the same
 * way: the export snapshots' connections (connection.ts openSnapshot) map the very pages the main
 * connection maps.
 */
interface SharedMemory {
  readonly path: string;
  /** The `-shm` at its largest as seen while open (it only grows while any connection has it). */
  seen: Seen | null;
  /** Set for good once the mapping cannot be trusted. */
  failure: StorageFailure | null;
  /** Connections of this process open on the database. */
  users: number;
}

const sharedMemories = new Map<string, SharedMemory>();

export class StorageFiles {
  readonly #seen = new Map<string, Seen>();
  #shared: SharedMemory | null = null;
  constructor(readonly path: string) {}

  /**
   * Records the database file as the connection opened it and joins what this process knows of its
   * `-shm`; call right after opening, before anything reads from it. Throws when the file is not
   * there, or when this process has stopped touching the database's `-shm` (a connection that has
   * not read yet can still be closed).
   */
  opened(): void {
    const database = identity(this.path);
    if (!database) throw new StorageFailure('file_missing', `${this.path} does not exist after opening it`);
    const key = `${database.dev}:${database.ino}`;
    let shared = sharedMemories.get(key);
    if (shared?.failure) throw shared.failure;
    if (!shared) {
      shared = { path: `${this.path}-shm`, seen: null, failure: null, users: 0 };
      sharedMemories.set(key, shared);
    }
    this.#seen.set(this.path, database);
    shared.users += 1;
    this.#shared = shared;
  }

  /**
   * Records the `-wal` and `-shm` as they are after the connection's first read (which creates
   * them), so that a `-shm` truncated before any later statement is told from its first size.
   */
  read(): void {
    for (const companion of [`${this.path}-wal`, `${this.path}-shm`]) {
      const found = identity(companion);
      if (found) this.#seen.set(companion, found);
    }
    this.checkMapping();
  }

  /** Whether this process has stopped touching the database's `-shm` (then closing must not either). */
  get mappingFailed(): boolean {
    return this.#shared?.failure != null;
  }

  /** The connection is gone; true when SQLite may close it (it checkpoints through the mapping). */
  closed(): boolean {
    const shared = this.#shared;
    if (!shared) return true;
    this.#shared = null;
    shared.users -= 1;
    if (shared.failure) return false;
    if (shared.users === 0) {
      for (const [key, found] of sharedMemories) if (found === shared) sharedMemories.delete(key);
    }
    return true;
  }

  /**
   * Before any statement, reads included: throws `shm_failed` when the mapped `-shm` was shortened,
   * and from then on. A `-shm` deleted or replaced leaves the mapping on the old file, which stays
   * whole; reads go on (writes are refused by check()).
   *
   * A race remains: a truncation between this stat and SQLite's next touch of the mapping still
   * ends the process. So does one that shortens the `-shm` back to the size this process last saw
   * after another process grew it. This check narrows the window from "the rest of the process's
   * life" to microseconds; only SQLite not mapping the file (locking_mode=EXCLUSIVE, one process)
   * would close it.
   */
  checkMapping(): void {
    this.#checkMapping();
  }

  /** checkMapping, returning what is at the `-shm`'s path now (undefined when not looked at). */
  #checkMapping(): Seen | null | undefined {
    const shared = this.#shared;
    if (!shared) return undefined;
    if (shared.failure) throw shared.failure;
    const now = identity(shared.path);
    const before = shared.seen;
    if (!before || (now && (now.dev !== before.dev || now.ino !== before.ino))) {
      // First seen, or a new file at the path: the mapping is still on the old one, which nobody
      // can shorten through the path any more.
      if (!before) shared.seen = now;
      return now;
    }
    if (!now) return now;
    if (now.size < before.size) {
      shared.failure = new StorageFailure(
        'shm_failed',
        `${shared.path} was truncated (${before.size} → ${now.size} bytes) while SQLite had it mapped; touching it would crash the process, so the database is refused until the server is restarted`,
      );
      throw shared.failure;
    }
    if (now.size > before.size) shared.seen = now;
    return now;
  }

  /** Before a write: throws a StorageFailure when it would not reach the files at the database's path. */
  check(): void {
    const shm = this.#checkMapping();
    const database = identity(this.path);
    const opened = this.#seen.get(this.path);
    if (!database) throw new StorageFailure('file_missing', `${this.path} was deleted while open`);
    if (opened && (database.dev !== opened.dev || database.ino !== opened.ino))
      throw new StorageFailure('file_replaced', `${this.path} is no longer the file that was opened`);
    this.#companion(`${this.path}-wal`, 'wal_failed');
    this.#companion(`${this.path}-shm`, 'shm_failed', shm);
  }

  #companion(path: string, reason: 'wal_failed' | 'shm_failed', seenNow?: Seen | null): void {
    const now = seenNow === undefined ? identity(path) : seenNow;
    const before = this.#seen.get(path);
    if (!before) {
      // SQLite creates them on first use and, while any connection is open, never deletes or
      // replaces them.
      if (now) this.#seen.set(path, now);
      return;
    }
    if (!now) throw new StorageFailure(reason, `${path} was deleted while the database was open`);
    if (now.dev !== before.dev || now.ino !== before.ino)
      throw new StorageFailure(reason, `${path} was replaced while the database was open`);
  }
}
