/**
 * Opening a PostgreSQL database: the same `Db` (Kysely<Database>) as SQLite's, over Kysely's
 * PostgresDialect and a `pg` pool. What SQLite hands back as numbers, pg hands back as text for the
 * types that may not fit a double (bigint: every `count(*)`; numeric: `sum`/`avg` of integers): here
 * they are parsed as numbers, since Tangible's counts and figures are far below 2^53. Kysely's
 * `stream()` reads through pg-cursor.
 */

import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import type { Db } from './connection.js';
import type { Database } from './schema.js';

const INT8 = 20;
const NUMERIC = 1700;

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PostgresOptions {
  /** Connections the pool may hold (pg's default: 10). */
  max?: number;
  /** Runs once the pool is closed (the tests drop their database then). */
  afterDestroy?: () => Promise<void>;
}

/** Opens a pool on the server a `postgres://` URL names; nothing connects until the first query. */
export function openPostgres(url: string, options: PostgresOptions = {}): Db {
  const pool = new pg.Pool({ connectionString: url, types, max: options.max ?? 10 });
  // An idle connection the server closes (a restart, a timeout) must not crash the process.
  pool.on('error', () => {});
  return new PostgresKysely(pool, options.afterDestroy);
}

class PostgresKysely extends Kysely<Database> {
  readonly #afterDestroy: (() => Promise<void>) | undefined;
  #destroyed = false;
  constructor(pool: pg.Pool, afterDestroy?: () => Promise<void>) {
    // The cursor lets a long read (an export's rows: export-rows.ts) come a batch at a time.
    super({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
    this.#afterDestroy = afterDestroy;
  }
  override async destroy(): Promise<void> {
    await super.destroy();
    if (this.#destroyed) return;
    this.#destroyed = true;
    await this.#afterDestroy?.();
  }
}
