/**
 * Copying a whole installation from one database to another, on either engine: every table the
 * source's catalogue lists (catalogue.ts), row for row with its ids, into a target migrated to the
 * same version and holding nothing yet, in one transaction on the target. The source is read at one
 * moment (one read transaction), a page at a time by primary key, so memory stays flat however
 * large the installation is.
 *
 * The stored figures are copied, not rebuilt: they are rows like any other, computed by the same
 * rules (plan_figures names the rules' version, and a start rebuilds a plan whose version differs),
 * so copying gives the target exactly the figures the source's screens showed, in a fraction of a
 * rebuild's time (a national plan's rebuild alone takes longer than copying all its rows).
 *
 * Rows are inserted, never loaded beneath the database's rules: the audit log's append-only
 * triggers, every foreign key and check stay in force while the copy writes.
 */

import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { collateTextAsBytes } from '../collation.js';
import { connectionOf, type Db } from '../connection.js';
import { engineOf } from '../engine.js';
import { migrations } from '../migrations/index.js';
import { readAtOneMoment } from '../transaction.js';
import {
  appliedMigrations,
  counted,
  countFrom,
  parentsFirst,
  type TableShape,
  tableNames,
  tableShape,
} from './catalogue.js';

export type CopyProblemCode =
  /** `--from` and `--to` name one database (`database`). */
  | 'copy_same_database'
  /** The source holds no Tangible installation: no migration was ever applied (`database`). */
  | 'copy_source_empty'
  /** The source was migrated by a newer Tangible (`database`, `migration`). */
  | 'copy_source_unknown_migration'
  /** The target is migrated to another version than the source (`database`, `source`, `target`). */
  | 'copy_version_mismatch'
  /** The target already holds rows (`database`, `table`). */
  | 'copy_target_not_empty'
  /** Source and target are at one version but a table differs between them (`table`). */
  | 'copy_schema_mismatch';

/** A copy refused before anything was written; said by its code (problem-sentences.ts). */
export class CopyRefused extends Error {
  constructor(
    readonly code: CopyProblemCode,
    readonly params: Record<string, string | number>,
  ) {
    super(`${code}: ${JSON.stringify(params)}`);
    this.name = 'CopyRefused';
  }
}

export interface CopyProgress {
  table: string;
  copied: number;
  /** The table's rows at the moment the source is read. */
  total: number;
}

export interface CopySummary {
  /** The version both databases are at: the last migration applied. */
  migration: string;
  /** Migrations applied to a target that had none, to bring it to the source's version. */
  migrated: string[];
  /** Every table copied, parents first, with its rows. */
  tables: { name: string; rows: number }[];
  rows: number;
}

export interface CopyOptions {
  /** How each database is named in a refusal (a file, or a URL without its password). */
  names?: { from: string; to: string };
  /** Called once a target the migrator never ran on is migrated, before any row is copied. */
  onMigrated?: (names: string[]) => void;
  /** Called after every page of rows written. */
  onProgress?: (progress: CopyProgress) => void;
}

/**
 * Rows the migrations themselves write into a new database, which a target may hold and still be
 * empty: migration 0007 names the first organisation (Busan) so that data from before it has an
 * owner. The copy replaces them with the source's.
 */
const WRITTEN_BY_MIGRATIONS: Record<string, number> = { organisations: 1, data_version: 1 };

/**
 * The data version (migration 0008) is written after every other table: until then the triggers of
 * the rows being copied find no row of it to raise (the migrations' own was deleted with the rest),
 * so the copy holds the source's number exactly, and a server starting on it keeps no answer of a
 * database that was not this one (its memo is per connection anyway).
 */
const LAST = 'data_version';

/** Rows read at a time: what the copy holds in memory, whatever the table's size. */
export const ROWS_PER_PAGE = 5_000;

export async function copyDatabase(source: Db, target: Db, options: CopyOptions = {}): Promise<CopySummary> {
  const names = options.names ?? { from: 'source', to: 'target' };
  const version = await sourceVersion(source, names.from);
  const migrated = await bringTarget(target, version, names.to);
  if (migrated.length) options.onMigrated?.(migrated);
  const tables = await matchingTables(source, target);

  const summary = await readAtOneMoment(source, (reading) =>
    target.transaction().execute(async (writing) => {
      // Inside the transaction: nothing written since the check can end up beside the copy.
      await requireEmpty(writing, tables, names.to);
      for (const table of tables)
        if (table.name in WRITTEN_BY_MIGRATIONS)
          await sql`delete from ${sql.table(table.name)}`.execute(writing);
      const copied: CopySummary['tables'] = [];
      const ordered = [...tables.filter((t) => t.name !== LAST), ...tables.filter((t) => t.name === LAST)];
      for (const table of ordered) {
        // PostgreSQL raises the version at the commit (0008's deferred triggers): fire them now,
        // while data_version has no row to raise, so that the commit does not add one to the copy.
        if (table.name === LAST && engineOf(target) === 'postgres')
          await sql`set constraints all immediate`.execute(writing);
        const rows = await copyTable(reading, target, writing, table, options.onProgress);
        copied.push({ name: table.name, rows });
      }
      return {
        migration: version.at(-1) ?? '',
        migrated,
        tables: copied,
        rows: copied.reduce((n, t) => n + t.rows, 0),
      };
    }),
  );
  // PostgreSQL plans queries from statistics that a bulk insert leaves empty until autovacuum next
  // samples the tables; until then a fresh copy could be served by plans made for empty tables.
  // SQLite's planner needs none (and the source's sqlite_stat tables, if any, are not copied).
  if (engineOf(target) === 'postgres') await sql`analyze`.execute(target);
  return summary;
}

async function sourceVersion(source: Db, database: string): Promise<string[]> {
  const applied = await appliedMigrations(source);
  if (applied.length === 0) throw new CopyRefused('copy_source_empty', { database });
  const unknown = applied.find((name) => !(name in migrations));
  if (unknown) throw new CopyRefused('copy_source_unknown_migration', { database, migration: unknown });
  return applied;
}

/** A target the migrator never ran on is migrated to the source's version; any other must be at it. */
async function bringTarget(target: Db, version: string[], database: string): Promise<string[]> {
  const applied = await appliedMigrations(target);
  const last = version.at(-1) ?? '';
  if (applied.length > 0) {
    if (applied.join() !== version.join())
      throw new CopyRefused('copy_version_mismatch', {
        database,
        source: last,
        target: applied.at(-1) ?? '',
      });
    return [];
  }
  const [foreign] = await tableNames(target);
  if (foreign) throw new CopyRefused('copy_target_not_empty', { database, table: foreign });
  const migrator = new Migrator({ db: target, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateTo(last);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  await collateTextAsBytes(target);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The source's tables, parents first, each with the same columns in the target. */
async function matchingTables(source: Db, target: Db): Promise<TableShape[]> {
  const from = await tableNames(source);
  const to = await tableNames(target);
  const odd = from.find((t) => !to.includes(t)) ?? to.find((t) => !from.includes(t));
  if (odd) throw new CopyRefused('copy_schema_mismatch', { table: odd });
  const shapes: TableShape[] = [];
  for (const name of from) {
    const shape = await tableShape(source, name);
    const theirs = await tableShape(target, name);
    // By name: a column added by ALTER sits last on PostgreSQL, where the migration put it on SQLite.
    if ([...shape.columns].sort().join() !== [...theirs.columns].sort().join())
      throw new CopyRefused('copy_schema_mismatch', { table: name });
    if (shape.primaryKey.length === 0) throw new Error(`Table ${name} has no primary key to copy it by`);
    shapes.push(shape);
  }
  return parentsFirst(shapes);
}

async function requireEmpty(target: Db, tables: TableShape[], database: string): Promise<void> {
  for (const table of tables) {
    const allowed = WRITTEN_BY_MIGRATIONS[table.name] ?? 0;
    const { rows } = await sql`select 1 from ${sql.table(table.name)} limit ${allowed + 1}`.execute(target);
    if (rows.length > allowed)
      throw new CopyRefused('copy_target_not_empty', { database, table: table.name });
  }
}

/** Copies one table a page at a time, in primary-key order; returns its rows. */
async function copyTable(
  reading: Db,
  target: Db,
  writing: Db,
  table: TableShape,
  onProgress: CopyOptions['onProgress'],
): Promise<number> {
  const { rows: counts } = await sql<{
    n: number;
  }>`select count(*) as n from ${sql.table(table.name)}`.execute(reading);
  const total = Number(counts[0]?.n ?? 0);
  const columns = sql.join(table.columns.map((c) => sql.ref(c)));
  const key = sql.join(table.primaryKey.map((c) => sql.ref(c)));
  const write = writer(target, writing, table);
  let after: unknown[] | null = null;
  let copied = 0;
  let highest = 0;
  onProgress?.({ table: table.name, copied, total });
  for (;;) {
    const past: unknown[] | null = after;
    const where = past ? sql`where (${key}) > (${sql.join(past.map((v) => sql`${v}`))})` : sql``;
    const { rows } = await sql<Record<string, unknown>>`select ${columns} from ${sql.table(table.name)}
      ${where} order by ${key} limit ${ROWS_PER_PAGE}`.execute(reading);
    if (rows.length === 0) break;
    await write(rows);
    copied += rows.length;
    const last = rows[rows.length - 1] as Record<string, unknown>;
    after = table.primaryKey.map((c) => last[c]);
    if (table.numbered) highest = Math.max(highest, Number(last[table.numbered]));
    onProgress?.({ table: table.name, copied, total });
    if (rows.length < ROWS_PER_PAGE) break;
  }
  if (copied !== total) throw new Error(`${table.name}: read ${copied} rows of ${total}`);
  // The target goes on numbering where the source would have: past every id, deleted ones too.
  await countFrom(writing, table, Math.max(highest, await counted(reading, table)));
  return copied;
}

/**
 * Inserts a page of rows. PostgreSQL takes the page as one JSON parameter (json_populate_recordset
 * reads it by column name): one statement to parse and one value to bind, where a VALUES list of
 * 5,000 rows × 19 columns would bind 95,000; numbers travel as the same shortest decimal text either
 * way, which PostgreSQL reads back to the same double. SQLite runs one prepared INSERT a row on the
 * connection under the transaction (`target`'s only one), binding each value as it is: SQLite's own
 * reading of decimal text is not always exact to the last bit, and a figure must not move.
 */
function writer(
  target: Db,
  writing: Db,
  table: TableShape,
): (rows: Record<string, unknown>[]) => Promise<void> {
  const columns = sql.join(table.columns.map((c) => sql.ref(c)));
  if (engineOf(writing) === 'postgres')
    return async (rows) => {
      await sql`insert into ${sql.table(table.name)} (${columns}) select ${columns}
        from json_populate_recordset(null::${sql.table(table.name)}, ${JSON.stringify(rows)})`.execute(
        writing,
      );
    };
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const insert = connectionOf(target).prepare(
    `insert into ${quoted(table.name)} (${table.columns.map(quoted).join(', ')})
      values (${table.columns.map(() => '?').join(', ')})`,
  );
  return async (rows) => {
    for (const row of rows) insert.run(table.columns.map((c) => row[c]));
  };
}
