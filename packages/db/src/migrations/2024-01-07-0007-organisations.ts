/**
 * Organisations: a metropolitan city and its districts in one database. An organisation owns its
 * plans (one a year each), its departments (codes unique within it) and its users (and through them
 * their sessions and tokens); audit entries name the organisation they belong to. A database made
 * before this migration held one organisation's data: all of it becomes Busan Metropolitan City's
 * (code `busan`), in place. Frozen once applied.
 *
 * The engines differ in one thing here: SQLite cannot drop a UNIQUE constraint or add a NOT NULL
 * reference to a table, so there the three tables are rebuilt (SQLite's documented procedure, with
 * foreign keys off while the parent tables are swapped); PostgreSQL alters them in place.
 */

import { type CreateTableBuilder, type Kysely, SqliteAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
type AnyDb = Kysely<any>;

/** Who held every row before organisations existed. */
const FIRST = {
  code: 'busan',
  name_ko: '부산광역시',
  name_en: 'Busan Metropolitan City',
  kind: 'metropolitan',
};

/** The tables an organisation owns, as they stood before and after this migration. */
const OWNED = ['plans', 'departments', 'users'] as const;
type Owned = (typeof OWNED)[number];

const onSqlite = (db: AnyDb) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: AnyDb): Promise<void> {
  if (onSqlite(db)) {
    await withoutForeignKeys(db, (trx) => upInTransaction(trx, true));
  } else {
    await inTransaction(db, (trx) => upInTransaction(trx, false));
  }
}

async function upInTransaction(db: AnyDb, sqlite: boolean): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'integer', (c) =>
      sqlite ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
    )
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_ko', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('metropolitan', 'district')`))
    // A district belongs to its metropolitan city; a metropolitan city to nobody.
    .addColumn('parent_id', 'integer', (c) => c.references('organisations.id'))
    .addCheckConstraint('organisations_parent', sql`(kind = 'district') = (parent_id is not null)`)
    .execute();
  const { id: first } = await db
    .insertInto('organisations')
    .values(FIRST)
    .returning('id')
    .executeTakeFirstOrThrow();

  for (const table of OWNED) {
    if (sqlite) await rebuild(db, table, table, { organisation: first });
    else await alterOwned(db, table, first);
  }
  await db.schema.createIndex('users_organisation').on('users').column('organisation_id').execute();

  // Not a reference: the log outlives what it names (as `actor` does). Entries written before this
  // migration keep null, and are the first organisation's: the log refuses every update.
  await db.schema.alterTable('audit_log').addColumn('organisation_id', 'integer').execute();
  await db.schema
    .createIndex('audit_log_organisation')
    .on('audit_log')
    .columns(['organisation_id', 'at'])
    .execute();
}

/** PostgreSQL: the column, filled in, then made required; the old uniqueness gives way to one per organisation. */
async function alterOwned(db: AnyDb, table: Owned, first: number): Promise<void> {
  await db.schema
    .alterTable(table)
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .execute();
  await db.updateTable(table).set({ organisation_id: first }).execute();
  await db.schema
    .alterTable(table)
    .alterColumn('organisation_id', (c) => c.setNotNull())
    .execute();
  const unique = UNIQUE_PER_ORGANISATION[table];
  if (unique) {
    // PostgreSQL's name for a column's inline UNIQUE constraint.
    await db.schema.alterTable(table).dropConstraint(`${table}_${unique}_key`).execute();
    await db.schema
      .alterTable(table)
      .addUniqueConstraint(`${table}_organisation_${unique}`, ['organisation_id', unique])
      .execute();
  }
}

/** The column that was unique in the whole database and is now unique within an organisation. */
const UNIQUE_PER_ORGANISATION: Record<Owned, string | null> = {
  plans: 'year',
  departments: 'code',
  users: null,
};

/**
 * The shape of an owned table, with the organisation (after this migration) or without (before).
 * Usernames stay unique across organisations: a sign-in names only the user.
 */
function shape(
  table: Owned,
  // biome-ignore lint/suspicious/noExplicitAny: see AnyDb.
  builder: CreateTableBuilder<any, any>,
  organised: boolean,
  // biome-ignore lint/suspicious/noExplicitAny: see AnyDb.
): CreateTableBuilder<any, any> {
  let t = builder.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  if (organised) {
    t = t.addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'));
  }
  const unique = UNIQUE_PER_ORGANISATION[table];
  switch (table) {
    case 'plans':
      t = t
        .addColumn('year', 'integer', (c) => (organised ? c.notNull() : c.notNull().unique()))
        .addColumn('name_ko', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('core_goal_ko', 'text', (c) => c.notNull())
        .addColumn('core_goal_en', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull());
      break;
    case 'departments':
      t = t
        .addColumn('code', 'text', (c) => (organised ? c.notNull() : c.notNull().unique()))
        .addColumn('name_ko', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull());
      break;
    case 'users':
      t = t
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) =>
          c.notNull().check(sql`role in ('admin', 'executive', 'approver', 'bureau_head', 'analyst')`),
        )
        .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
        .addColumn('demo_password', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .addCheckConstraint(
          'users_department_role',
          sql`(role = 'bureau_head') = (department_id is not null)`,
        );
      break;
  }
  if (organised && unique) {
    t = t.addUniqueConstraint(`${table}_organisation_${unique}`, ['organisation_id', unique]);
  }
  return t;
}

const COLUMNS: Record<Owned, string[]> = {
  plans: ['id', 'year', 'name_ko', 'name_en', 'core_goal_ko', 'core_goal_en', 'source'],
  departments: ['id', 'code', 'name_ko', 'name_en'],
  users: [
    'id',
    'username',
    'display_name',
    'password_hash',
    'role',
    'department_id',
    'demo_password',
    'created_at',
    'disabled_at',
  ],
};

/**
 * SQLite: a new table of the wanted shape, the rows copied, the old table dropped and the new one
 * renamed into its place; the tables referring to it by name refer to the new one. With
 * `organisation`, every row becomes that organisation's; without, the column is left behind.
 */
async function rebuild(db: AnyDb, table: Owned, from: string, to: { organisation: number } | null) {
  const next = `${table}_0007`;
  await shape(table, db.schema.createTable(next), to !== null).execute();
  const columns = COLUMNS[table];
  await db
    .insertInto(next)
    .columns(to ? [...columns, 'organisation_id'] : columns)
    .expression(
      db
        .selectFrom(from)
        .select(columns)
        .$if(to !== null, (q) => q.select(sql.lit(to?.organisation ?? 0).as('organisation_id'))),
    )
    .execute();
  await db.schema.dropTable(from).execute();
  await db.schema.alterTable(next).renameTo(table).execute();
}

/**
 * SQLite's procedure for changing a parent table: foreign keys off (outside any transaction, where
 * SQLite lets them change), the work in one transaction that ends by checking every reference, on again.
 */
async function withoutForeignKeys(db: AnyDb, work: (trx: AnyDb) => Promise<void>): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await work(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) {
        throw new Error(`References broken by the rebuild: ${JSON.stringify(broken.rows.slice(0, 5))}`);
      }
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

/** PostgreSQL's migrator already runs each migration in a transaction (its DDL is transactional). */
async function inTransaction(db: AnyDb, work: (trx: AnyDb) => Promise<void>): Promise<void> {
  await (db.isTransaction ? work(db) : db.transaction().execute(work));
}

/**
 * Back to one organisation: the first one's data stays; every other organisation's plans,
 * departments, users and audit entries are removed (the log's guard is lifted for that alone).
 */
export async function down(db: AnyDb): Promise<void> {
  const sqlite = onSqlite(db);
  const first = await db.selectFrom('organisations').select('id').orderBy('id').limit(1).executeTakeFirst();
  const firstId = first?.id ?? 0;
  // With foreign keys on, so that removing a plan removes everything under it.
  await inTransaction(db, (trx) => removeOthers(trx, firstId, sqlite));
  const back = async (trx: AnyDb) => {
    await trx.schema.dropIndex('audit_log_organisation').execute();
    await trx.schema.alterTable('audit_log').dropColumn('organisation_id').execute();
    await trx.schema.dropIndex('users_organisation').execute();
    for (const table of [...OWNED].reverse()) {
      if (sqlite) await rebuild(trx, table, table, null);
      else await unalterOwned(trx, table);
    }
    await trx.schema.dropTable('organisations').execute();
  };
  if (sqlite) await withoutForeignKeys(db, back);
  else await inTransaction(db, back);
}

async function removeOthers(db: AnyDb, first: number, sqlite: boolean): Promise<void> {
  const users = db.selectFrom('users').select('id').where('organisation_id', '<>', first);
  const indicators = db
    .selectFrom('indicators')
    .innerJoin('projects', 'projects.id', 'indicators.project_id')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .innerJoin('plans', 'plans.id', 'sectors.plan_id')
    .select('indicators.id')
    .where('plans.organisation_id', '<>', first);
  await liftAuditGuard(db, sqlite);
  await db
    .deleteFrom('audit_log')
    .where((eb) =>
      eb.or([
        eb('organisation_id', '<>', first),
        eb('indicator_id', 'in', indicators),
        eb('actor_user_id', 'in', users),
      ]),
    )
    .execute();
  await restoreAuditGuard(db, sqlite);
  await db.deleteFrom('import_layouts').where('chosen_by', 'in', users).execute();
  await db
    .deleteFrom('measurements')
    .where((eb) => eb.or([eb('entered_by_user_id', 'in', users), eb('reviewed_by_user_id', 'in', users)]))
    .execute();
  await db.deleteFrom('plans').where('organisation_id', '<>', first).execute();
  await db.deleteFrom('users').where('organisation_id', '<>', first).execute();
  await db.deleteFrom('departments').where('organisation_id', '<>', first).execute();
  await db.deleteFrom('organisations').where('id', '<>', first).where('parent_id', 'is not', null).execute();
  await db.deleteFrom('organisations').where('id', '<>', first).execute();
}

/** The append-only guard of migration 0002, lifted while down removes other organisations' entries. */
async function liftAuditGuard(db: AnyDb, sqlite: boolean): Promise<void> {
  if (!sqlite) {
    await sql`alter table audit_log disable trigger user`.execute(db);
    return;
  }
  await sql`drop trigger audit_log_no_delete`.execute(db);
}

async function restoreAuditGuard(db: AnyDb, sqlite: boolean): Promise<void> {
  if (!sqlite) {
    await sql`alter table audit_log enable trigger user`.execute(db);
    return;
  }
  await sql`create trigger audit_log_no_delete before delete on audit_log
    begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
}

/** PostgreSQL: the inverse of alterOwned. */
async function unalterOwned(db: AnyDb, table: Owned): Promise<void> {
  const unique = UNIQUE_PER_ORGANISATION[table];
  if (unique) {
    await db.schema.alterTable(table).dropConstraint(`${table}_organisation_${unique}`).execute();
    await db.schema.alterTable(table).addUniqueConstraint(`${table}_${unique}_key`, [unique]).execute();
  }
  await db.schema.alterTable(table).dropColumn('organisation_id').execute();
}
