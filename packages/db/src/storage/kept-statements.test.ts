/**
 * The guard keeps prepared statements by their SQL: one preparation per query text, never one
 * statement for two uses at once (an export iterating through it while a screen reads the same
 * query), none past a change of the schema, and no more than KEPT_STATEMENTS.
 */

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GuardedDatabase, KEPT_STATEMENTS } from './guard.js';

function counted() {
  const sqlite = new Database(':memory:');
  sqlite.exec('create table t (n integer); insert into t values (1), (2), (3)');
  let prepared = 0;
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    prepared += 1;
    return prepare(source);
  }) as typeof sqlite.prepare;
  return { guard: new GuardedDatabase(sqlite, null), prepared: () => prepared };
}

describe('kept statements', () => {
  it('prepare a query once however often it runs', () => {
    const { guard, prepared } = counted();
    for (let i = 0; i < 5; i++) expect(guard.prepare('select n from t order by n').all([])).toHaveLength(3);
    expect(prepared()).toBe(1);
  });

  it('give a second use a statement of its own while the first still iterates', () => {
    const { guard } = counted();
    const rows = guard.prepare('select n from t order by n').iterate([]);
    expect(rows.next().value).toEqual({ n: 1 });
    // The same query while the rows above are still being read: better-sqlite3 refuses to run a
    // statement that is busy, so the kept one cannot be handed out.
    expect(guard.prepare('select n from t order by n').all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect([...{ [Symbol.iterator]: () => rows }]).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('are let go when the schema changes', () => {
    const { guard, prepared } = counted();
    expect(guard.prepare('select * from t limit 1').all([])).toEqual([{ n: 1 }]);
    guard.prepare('alter table t add column m integer default 7').run([]);
    expect(guard.prepare('select * from t limit 1').all([])).toEqual([{ n: 1, m: 7 }]);
    expect(prepared()).toBe(3);
  });

  it('are at most KEPT_STATEMENTS, the least recently used let go first', () => {
    const { guard, prepared } = counted();
    const query = (i: number) => `select n + ${i} as n from t limit 1`;
    for (let i = 0; i <= KEPT_STATEMENTS; i++) guard.prepare(query(i)).all([]);
    expect(prepared()).toBe(KEPT_STATEMENTS + 1);
    // The newest is kept; the first was let go and is prepared again.
    guard.prepare(query(KEPT_STATEMENTS)).all([]);
    expect(prepared()).toBe(KEPT_STATEMENTS + 1);
    guard.prepare(query(0)).all([]);
    expect(prepared()).toBe(KEPT_STATEMENTS + 2);
  });
});
