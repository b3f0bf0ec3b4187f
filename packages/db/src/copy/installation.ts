/**
 * `pnpm cli db copy --from … --to …`: the databases two `DATABASE_URL`s name, opened, copied
 * (copy.ts) and closed. An SQLite file the copy created is removed again when the copy does not
 * finish, so a refused or failed copy leaves nothing behind that looks like an installation.
 */

import { existsSync, realpathSync, rmSync, statSync } from 'node:fs';
import type { Db } from '../connection.js';
import { openLocation } from '../engine.js';
import { type DatabaseLocation, describeLocation } from '../location.js';
import { recordDatabase } from '../storage/presence.js';
import { type CopyOptions, CopyRefused, type CopySummary, copyDatabase } from './copy.js';

export async function copyInstallation(
  from: DatabaseLocation,
  to: DatabaseLocation,
  options: Pick<CopyOptions, 'onProgress' | 'onMigrated'> & { now?: Date } = {},
): Promise<CopySummary> {
  const names = { from: describeLocation(from).database, to: describeLocation(to).database };
  if (sameDatabase(from, to)) throw new CopyRefused('copy_same_database', { database: names.from });
  const file = to.engine === 'sqlite' && to.file !== ':memory:' ? to.file : null;
  const created = file !== null && !((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > 0);
  const source = openLocation(from, 'existing');
  let target: Db | null = null;
  let done = false;
  try {
    target = openLocation(to, 'new');
    const summary = await copyDatabase(source, target, { ...options, names });
    // It holds a plan now: the server must not seed a new database over it should it vanish.
    if (file) recordDatabase(file, options.now ?? new Date());
    done = true;
    return summary;
  } finally {
    await source.destroy();
    await target?.destroy();
    if (created && !done && file)
      for (const leftover of [file, `${file}-wal`, `${file}-shm`]) rmSync(leftover, { force: true });
  }
}

/** Whether two locations name one database: one file (by its real path), or one server's database. */
export function sameDatabase(a: DatabaseLocation, b: DatabaseLocation): boolean {
  if (a.engine === 'sqlite' && b.engine === 'sqlite')
    return a.file !== ':memory:' && realPath(a.file) === realPath(b.file);
  if (a.engine === 'postgres' && b.engine === 'postgres')
    return serverDatabase(a.url) === serverDatabase(b.url);
  return false;
}

function realPath(file: string): string {
  return existsSync(file) ? realpathSync(file) : file;
}

/** host:port/database, as the `pg` driver reads a URL (its defaults: localhost, 5432, the user's name). */
function serverDatabase(url: string): string {
  const parsed = new URL(url);
  const host = parsed.searchParams.get('host') || parsed.hostname || 'localhost';
  const database = decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username);
  return `${host.toLowerCase()}:${parsed.port || '5432'}/${database}`;
}
