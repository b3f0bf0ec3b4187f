/**
 * Whether a database existed at a path before: so that a server whose database file has vanished
 * (deleted, a volume not mounted at the same place, a failed copy) refuses to start instead of
 * seeding the demonstration plan into a new, empty file and carrying on as if nothing happened.
 *
 * How it knows: a small marker file beside the database (`tangible.sqlite.created`), written once
 * the database holds a plan (first start, `db seed`, `db reset`, `db restore`). A missing or empty
 * database file with its marker present means one was lost. Without a marker, a write-ahead log
 * (`-wal`) with content and no database file means the same: SQLite leaves it behind when the
 * database is deleted under an open connection. Neither catches a whole data folder that is gone
 * (the marker goes with it); keep the backups elsewhere.
 */

import { existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';

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

/**
 * Why the database at `file` must not be created afresh (a sentence), or null when it is there or
 * never was. Call before opening it: opening creates the file.
 */
export function vanishedDatabase(file: string): string | null {
  if (file === ':memory:') return null;
  const size = sizeOf(file);
  if (size !== null && size > 0) return null;
  const state = size === null ? 'missing' : 'empty';
  if (existsSync(markerPath(file))) {
    const parsed = markerSchema.safeParse(safeJson(readFileSync(markerPath(file), 'utf8')));
    const when = parsed.success ? ` on ${parsed.data.createdAt}` : '';
    return `the database file ${file} is ${state}, but a database was created there${when} (${markerPath(file)} records it)`;
  }
  const walSize = sizeOf(`${file}-wal`);
  if (walSize !== null && walSize > 0)
    return `the database file ${file} is ${state}, but its write-ahead log ${file}-wal (${walSize} bytes) is still there`;
  return null;
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
