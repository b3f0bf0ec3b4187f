/**
 * Whether a database existed at a path before: so that a server whose database file has vanished
 * (deleted, a volume not mounted at the same place, a failed copy) refuses to start instead of
 * seeding the demonstration plan into a new, empty file and carrying on as if nothing happened.
 *
 * How it knows: a small marker file beside the database (`tangible.sqlite.created`), written once
 * the database holds a plan (first start, `db seed`, `db reset`, `db restore`). A missing or empty
 * database file with its marker present means one was lost. Without a marker, a write-ahead log
 * (`-wal`) with content and no database file means the same: SQLite leaves it behind when the
 * database is deleted under an open connection. A database file holding no plan beside a marker is
 * one made over a lost database (by an opener that did not check), and is refused too. Neither
 * catches a whole data folder that is gone (the marker goes with it); keep the backups elsewhere.
 *
 * Every opener asks (connection.ts `openDatabase`) except those meant to make a new database:
 * `db reset` and `db restore`.
 */

import { existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { DatabaseFileProblem } from './check.js';

export function markerPath(file: string): string {
  return `${file}.created`;
}

const markerSchema = z.object({ createdAt: z.string(), database: z.string() });

function sizeOf(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/** What is at a path where a database with a plan was expected. */
export type DatabaseState = 'missing' | 'empty' | 'no_plan';

const STATE_IN_ENGLISH: Record<DatabaseState, string> = {
  missing: 'is missing',
  empty: 'is empty',
  no_plan: 'holds no plan',
};

/** The problem when what the path holds (`state`) stands where a database was: null when none was. */
function lostAt(file: string, state: DatabaseState): DatabaseFileProblem | null {
  const marker = markerPath(file);
  if (existsSync(marker)) {
    const parsed = markerSchema.safeParse(safeJson(readFileSync(marker, 'utf8')));
    const createdAt = parsed.success ? parsed.data.createdAt : '';
    return new DatabaseFileProblem(
      'vanished',
      { file, state, createdAt, marker },
      `the database file ${file} ${STATE_IN_ENGLISH[state]}, but a database was created there${createdAt ? ` on ${createdAt}` : ''} (${marker} records it)`,
    );
  }
  // Without a marker only a missing or empty file can be told from a database never made.
  if (state === 'no_plan') return null;
  const wal = `${file}-wal`;
  const bytes = sizeOf(wal);
  if (bytes === null || bytes === 0) return null;
  return new DatabaseFileProblem(
    'orphaned_wal',
    { file, state, wal, bytes },
    `the database file ${file} ${STATE_IN_ENGLISH[state]}, but its write-ahead log ${wal} (${bytes} bytes) is still there`,
  );
}

/**
 * Why the database at `file` must not be created afresh, or null when it is there or never was.
 * Call before SQLite touches the path: opening creates the file, and the last connection to close
 * folds (and deletes) a `-wal` it finds.
 */
export function lostDatabase(file: string): DatabaseFileProblem | null {
  if (file === ':memory:') return null;
  const size = sizeOf(file);
  if (size !== null && size > 0) return null;
  return lostAt(file, size === null ? 'missing' : 'empty');
}

/**
 * Once a database file is open: why it must not be used (or seeded) as it is, when it holds no plan
 * but its marker says a database with a plan was created here. That is what an opener that made a
 * new file over a lost one leaves; seeding it would pass the demonstration plan off as the city's.
 */
export function lostPlan(file: string, holdsPlan: () => boolean): DatabaseFileProblem | null {
  if (file === ':memory:' || !existsSync(markerPath(file)) || holdsPlan()) return null;
  return lostAt(file, 'no_plan');
}

/** lostDatabase's finding as an English sentence, or null. */
export function vanishedDatabase(file: string): string | null {
  return lostDatabase(file)?.message ?? null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Records that a database with a plan exists at `file` (kept when already recorded, unless `replace`). */
export function recordDatabase(file: string, now: Date, options: { replace?: boolean } = {}): void {
  if (file === ':memory:') return;
  if (!options.replace && existsSync(markerPath(file))) return;
  const marker = {
    createdAt: now.toISOString(),
    database: basename(file),
    about:
      'Written by Tangible once this database held a plan. While this file exists, the server will not start without the database (it will not seed a new one over a lost one). Restore a backup with `pnpm cli db restore FILE --yes`, or start over with `pnpm cli db reset --yes`.',
  };
  writeFileSync(markerPath(file), `${JSON.stringify(marker, null, 2)}\n`);
}

/**
 * Before a new database file is made at `file` (reset, restore): a `-wal` and `-shm` left by a lost
 * database would be replayed into the new file, so they are moved aside (the `-wal` kept, renamed
 * with the time, in case someone wants to recover from it). Returns what was moved.
 */
export function setAsideOrphans(file: string, now: Date): string[] {
  const size = sizeOf(file);
  if (size !== null && size > 0) return [];
  const moved: string[] = [];
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  if (existsSync(`${file}-wal`)) {
    const aside = `${file}-wal.orphaned-${stamp}`;
    renameSync(`${file}-wal`, aside);
    moved.push(aside);
  }
  if (existsSync(`${file}-shm`)) {
    unlinkSync(`${file}-shm`);
    moved.push(`${file}-shm (deleted)`);
  }
  return moved;
}
