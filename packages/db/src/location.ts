/** Where things live: the repository root, the seed, and the database a `DATABASE_URL` names. */

import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (packages/db/src and packages/db/dist are both three levels below it). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Busan's 2024 plan as text: data/seed/. */
export const SEED_DIR = resolve(ROOT, 'data/seed');

export const DEFAULT_DATABASE_URL = 'file:data/tangible.sqlite';

/** The database engines Tangible runs on. */
export type Engine = 'sqlite' | 'postgres';

/**
 * The database a `DATABASE_URL` names: an SQLite file (absolute, or `:memory:`) or a PostgreSQL
 * server's connection string (passed to the `pg` driver as it is).
 */
export type DatabaseLocation = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

export type DatabaseUrlProblemCode =
  /** A scheme Tangible does not run on (`scheme`). */
  | 'database_url_unsupported'
  /** A `postgres://` URL that does not parse, or names no server (`url`, its password hidden). */
  | 'database_url_malformed'
  /** Something only an SQLite file can do (`what`: backup, restore, …) asked of another engine (`engine`). */
  | 'database_sqlite_only';

/** A problem with the database the configuration names; said by its code (problem-sentences.ts). */
export class DatabaseUrlProblem extends Error {
  constructor(
    readonly code: DatabaseUrlProblemCode,
    readonly params: Record<string, string>,
  ) {
    super(`${code}: ${JSON.stringify(params)}`);
    this.name = 'DatabaseUrlProblem';
  }
}

/** Two letters or more, so that a Windows drive (`C:\…`) stays a path. */
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

/**
 * Reads a `DATABASE_URL`: `file:data/x.sqlite`, `sqlite:data/x.sqlite`, a plain path (relative ones
 * from the repository root) or `:memory:` is SQLite; `postgres://…` or `postgresql://…` is
 * PostgreSQL. Anything else is refused rather than taken for a file name (`postgres:/x` would
 * otherwise be an SQLite file in a folder named `postgres:`).
 */
export function databaseLocation(url: string = DEFAULT_DATABASE_URL): DatabaseLocation {
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined || scheme === 'file' || scheme === 'sqlite') {
    const path = url.replace(/^(sqlite|file):(\/\/)?/i, '');
    if (path === '') throw new DatabaseUrlProblem('database_url_malformed', { url });
    return { engine: 'sqlite', file: path === ':memory:' || isAbsolute(path) ? path : resolve(ROOT, path) };
  }
  if (scheme !== 'postgres' && scheme !== 'postgresql')
    throw new DatabaseUrlProblem('database_url_unsupported', { scheme });
  if (!postgresUrlIsWellFormed(url))
    throw new DatabaseUrlProblem('database_url_malformed', { url: withoutPassword(url) });
  return { engine: 'postgres', url };
}

/** A server to reach: a host in the URL, or a socket folder in `?host=` (`postgres:///tangible?host=/run/postgresql`). */
function postgresUrlIsWellFormed(url: string): boolean {
  if (!/^[a-z]+:\/\//i.test(url) || !URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.hostname !== '' || (parsed.searchParams.get('host') ?? '') !== '';
}

/** The URL as a log or a message may show it. */
export function withoutPassword(url: string): string {
  return url.replace(/^([a-z+.-]+:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

/** What a log or `/healthz` says of the database: its engine and where it is, no password. */
export function describeLocation(location: DatabaseLocation): { engine: Engine; database: string } {
  return location.engine === 'sqlite'
    ? { engine: 'sqlite', database: location.file }
    : { engine: 'postgres', database: withoutPassword(location.url) };
}

/**
 * The SQLite file a `DATABASE_URL` names, for what only a file allows (`what`: backup, restore,
 * reset's setting aside, in-use checks); a PostgreSQL URL is refused with `database_sqlite_only`.
 */
export function databaseFile(url: string = DEFAULT_DATABASE_URL, what = 'file'): string {
  const location = databaseLocation(url);
  if (location.engine !== 'sqlite')
    throw new DatabaseUrlProblem('database_sqlite_only', { what, engine: location.engine });
  return location.file;
}
