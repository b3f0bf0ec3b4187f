/**
 * A list of ids bound as one value. SQLite allows 32,766 bound values per statement, so `IN (?, ?, …)`
 * with one value per indicator fails on a large plan; a JSON array read back with `json_each` is one
 * value however long the list, and SQLite still looks each id up by index. The one place the query
 * modules depend on a JSON table function: a second engine changes this function, not its callers.
 */

import { type RawBuilder, type SqlBool, sql } from 'kysely';

/** `column IN (the ids)`, with the ids as one bound JSON array. */
export function inIdList(column: string, ids: readonly number[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`;
}
