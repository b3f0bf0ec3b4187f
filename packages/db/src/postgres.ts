/**
 * Opening a PostgreSQL database: the same `Db` (Kysely<Database>) as SQLite's, over Kysely's
 * PostgresDialect and a `pg` pool. What SQLite hands back as numbers, pg hands back as text for the
 * types that may not fit a double (bigint: every `count(*)`; numeric: `sum`/`avg` of integers): here
 * they are parsed as numbers, since Tangible's counts and figures are far below 2^53. Kysely's
 * `stream()` reads through pg-cursor.
 *
 * pg and pg-cursor are loaded with the first query, not when the module is: a server on SQLite never
 * needs them, and they took a tenth of its cold start (issue 10.5).
 */

import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type Cursor from 'pg-cursor';
import type { Db } from './connection.js';
import type { Database } from './schema.js';

const INT8 = 20;
const NUMERIC = 1700;

/** pg-cursor's class, once the first pool has loaded it. */
let LoadedCursor: typeof Cursor | null = null;

/**
 * What Kysely constructs for a stream: a real pg-cursor. A stream runs on a connection of the pool,
 * and the pool is made after pg-cursor is loaded, so it is always there.
 */
const LazyCursor = function LazyCursor(this: unknown, text: string, values: unknown[]) {
  if (!LoadedCursor) throw new Error('pg-cursor is used before the pool is opened');
  return new LoadedCursor(text, values);
} as unknown as typeof Cursor;

async function poolOf(url: string, max: number): Promise<pg.Pool> {
  const [{ default: pgModule }, { default: cursor }] = await Promise.all([import('pg'), import('pg-cursor')]);
  LoadedCursor = cursor;
  const types: pg.CustomTypesConfig = {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
      return pgModule.types.getTypeParser(oid, format as 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
  const pool = new pgModule.Pool({ connectionString: url, types, max });
  // An idle connection the server closes (a restart, a timeout) must not crash the process.
  pool.on('error', () => {});
  return pool;
}

export interface PostgresOptions {
  /** Connections the pool may hold (pg's default: 10). */
  max?: number;
  /** Runs once the pool is closed (the tests drop their database then). */
  afterDestroy?: () => Promise<void>;
}

/** Opens a pool on the server a `postgres://` URL names; nothing connects until the first query. */
export function openPostgres(url: string, options: PostgresOptions = {}): Db {
  return new PostgresKysely(() => poolOf(url, options.max ?? 10), options.afterDestroy);
}

class PostgresKysely extends Kysely<Database> {
  readonly #afterDestroy: (() => Promise<void>) | undefined;
  #destroyed = false;
  constructor(pool: () => Promise<pg.Pool>, afterDestroy?: () => Promise<void>) {
    // The cursor lets a long read (an export's rows: export-rows.ts) come a batch at a time.
    super({ dialect: new PostgresDialect({ pool, cursor: LazyCursor }) });
    this.#afterDestroy = afterDestroy;
  }
  override async destroy(): Promise<void> {
    await super.destroy();
    if (this.#destroyed) return;
    this.#destroyed = true;
    await this.#afterDestroy?.();
  }
}
