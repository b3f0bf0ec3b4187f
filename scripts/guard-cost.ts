/**
 * What the storage guard (packages/db/src/storage/guard.ts, files.ts) costs per statement: figures,
 * not assertions. The same statements run through Kysely with the guard and without it, on the same
 * better-sqlite3 connection; the difference is the guard (a `stat` of the
 * `-shm` before preparing and again before running a read; the database file, `-wal` and `-shm`
 * too before a write).
 *
 *   pnpm tsx --conditions=source scripts/guard-cost.ts [ROUNDS]   (default 20000)
 */

import { statSync } from 'node:fs';
import { connectionOf, type Database, type Db, seededTestDatabase } from '@tangible/db';
import { Kysely, SqliteDialect } from 'kysely';

const ROUNDS = Number(process.argv[2] ?? 20_000);

/**
 * Microseconds per call of each piece of work: runs of `rounds` calls, taking turns so that both
 * meet the same machine, and the best of seven runs of each (the least disturbed by others).
 */
async function perCall(rounds: number, ...works: (() => unknown)[]): Promise<number[]> {
  const best = works.map(() => Number.POSITIVE_INFINITY);
  for (let run = 0; run < 7; run++) {
    for (const [w, work] of works.entries()) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < rounds; i++) await work();
      best[w] = Math.min(best[w] ?? 0, Number(process.hrtime.bigint() - started) / 1000 / rounds);
    }
  }
  return best;
}

const { db: guarded, path } = await seededTestDatabase();
// The same better-sqlite3 connection without the guard in front.
const bare: Db = new Kysely<Database>({
  dialect: new SqliteDialect({ database: connectionOf(guarded).sqlite }),
});

const read = (db: Db) => db.selectFrom('departments').selectAll().where('code', '=', 'FIN').execute();
let n = 0;
const write = (db: Db) =>
  db
    .updateTable('departments')
    .set({ name_en: `Finance ${n++}` })
    .where('code', '=', 'FIN')
    .execute();

const [stat = 0] = await perCall(ROUNDS * 5, () => statSync(`${path}-shm`, { throwIfNoEntry: false }));
const rows: [string, number, number][] = [];
for (const [name, statement] of [
  ['read (one row by key)', read],
  ['write (one row by key)', write],
] as const) {
  const [bareTime = 0, guardedTime = 0] = await perCall(
    ROUNDS,
    () => statement(bare),
    () => statement(guarded),
  );
  rows.push([name, bareTime, guardedTime]);
}

console.log(`statSync of the -shm: ${stat.toFixed(2)} µs`);
console.log('statement                  bare µs  guarded µs  guard µs');
for (const [name, bareTime, guardedTime] of rows)
  console.log(
    `${name.padEnd(26)} ${bareTime.toFixed(2).padStart(7)}  ${guardedTime.toFixed(2).padStart(10)}  ${(guardedTime - bareTime).toFixed(2).padStart(8)}`,
  );

// Closes the one connection both used.
await guarded.destroy();
