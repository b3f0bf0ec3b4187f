/**
 * A list of ids bound as one value. SQLite allows 32,766 bound values per statement, so `IN (?, ?, …)`
 * with one value per indicator fails on a large plan; a JSON array read back with `json_each` is one
 * value however long the list, and SQLite still looks each id up by index. PostgreSQL takes the list
 * as one integer array (`= any($1)`, which it also looks up by index). The one place the query
 * modules bind a list: each engine's form is chosen here from the Db, not by its callers.
 */

import { type Kysely, PostgresAdapter, type RawBuilder, type SqlBool, sql } from 'kysely';

/** `column IN (the ids)`, with the ids as one bound value. */
export function inIdList<DB>(db: Kysely<DB>, column: string, ids: readonly number[]): RawBuilder<SqlBool> {
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    return sql<SqlBool>`${sql.ref(column)} = any(${sql.val(ids)}::integer[])`;
  return sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`;
}
