/**
 * A write that fails on purpose, as a full disk or a crash at that moment would make it fail: for
 * tests of what must stand or fall together. A trigger on either engine (SQLite's `raise(abort)`,
 * a plpgsql function on PostgreSQL), removed by the function it returns.
 */

import { sql } from 'kysely';
import type { Db } from './connection.js';
import { engineOf } from './engine.js';

let made = 0;

/**
 * Refuses every insert into `table` (those whose new row matches `when`, SQL over `new`, if given)
 * with `message` until the returned function is called.
 */
export async function refuseInserts(
  db: Db,
  table: string,
  message: string,
  when?: string,
): Promise<() => Promise<void>> {
  made += 1;
  const name = sql.id(`refuse_${table}_${made}`);
  const condition = when ? sql.raw(` when (${when})`) : sql``;
  if (engineOf(db) === 'postgres') {
    await sql`create function ${name}() returns trigger language plpgsql as ${sql.raw(
      `$$ begin raise exception '${message.replaceAll("'", "''")}'; end $$`,
    )}`.execute(db);
    await sql`create trigger ${name} before insert on ${sql.table(table)} for each row${condition}
      execute function ${name}()`.execute(db);
    return async () => {
      await sql`drop trigger ${name} on ${sql.table(table)}`.execute(db);
      await sql`drop function ${name}()`.execute(db);
    };
  }
  await sql`create trigger ${name} before insert on ${sql.table(table)}${condition}
    begin select raise(abort, ${sql.lit(message)}); end`.execute(db);
  return async () => {
    await sql`drop trigger ${name}`.execute(db);
  };
}
