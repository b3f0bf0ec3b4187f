/**
 * Accounts, sessions, API tokens, sign-in attempts, the append-only audit log, and reported values
 * that wait for approval. Frozen once applied.
 */

import { type Kysely, sql } from 'kysely';
import { appendOnly, double, notAppendOnly, numbered, wholly } from './dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  // Both engines roll back schema changes: all of this migration happens, or none of it.
  await wholly(db, upInTransaction);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
async function upInTransaction(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', numbered(db))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('admin', 'executive', 'approver', 'bureau_head', 'analyst')`),
    )
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    // Set while the account still has the password the demonstration seed gave it.
    .addColumn('demo_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .addCheckConstraint('users_department_role', sql`(role = 'bureau_head') = (department_id is not null)`)
    .execute();

  await db.schema
    .createTable('sessions')
    // The SHA-256 of the cookie's secret: a stolen database does not yield usable sessions.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', numbered(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('id', 'integer', numbered(db))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_attempts_key').on('sign_in_attempts').columns(['key', 'at']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', numbered(db))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('indicator_id', 'integer', (c) => c.references('indicators.id'))
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('audit_log_indicator')
    .on('audit_log')
    .columns(['indicator_id', 'at'])
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  // Append-only, enforced by the database itself and not only by the application.
  await appendOnly(db, 'audit_log', 'the audit log is append-only');

  // Reported values gain a review state. The dashboard computes with approved values only; a new
  // report for a period waits as pending beside the approved one until it is approved or returned.
  await db.schema
    .createTable('measurements_v2')
    .addColumn('id', 'integer', numbered(db))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', double(db), (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('evidence_url', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('approved')
        .check(sql`status in ('pending', 'approved', 'returned', 'superseded')`),
    )
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('review_reason', 'text')
    .execute();
  await sql`insert into measurements_v2 (id, indicator_id, period, value, note, source, status, entered_by, entered_at)
    select id, indicator_id, period, value, note, source, 'approved', entered_by, entered_at from measurements`.execute(
    db,
  );
  await db.schema.dropTable('measurements').execute();
  await sql`alter table measurements_v2 rename to measurements`.execute(db);
  await sql`create unique index measurements_one_approved on measurements (indicator_id, period) where status = 'approved'`.execute(
    db,
  );
  await sql`create unique index measurements_one_pending on measurements (indicator_id, period) where status = 'pending'`.execute(
    db,
  );
  await db.schema
    .createIndex('measurements_indicator_status')
    .on('measurements')
    .columns(['indicator_id', 'status'])
    .execute();
  await db.schema.createIndex('measurements_status').on('measurements').column('status').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  // Both engines roll back schema changes: all of this migration happens, or none of it.
  await wholly(db, downInTransaction);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
async function downInTransaction(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('measurements_v1')
    .addColumn('id', 'integer', numbered(db))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', double(db), (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('measurements_period', ['indicator_id', 'period'])
    .execute();
  await sql`insert into measurements_v1 (id, indicator_id, period, value, note, source, entered_by, entered_at)
    select id, indicator_id, period, value, note, source, entered_by, entered_at from measurements where status = 'approved'`.execute(
    db,
  );
  await db.schema.dropTable('measurements').execute();
  await sql`alter table measurements_v1 rename to measurements`.execute(db);
  await notAppendOnly(db, 'audit_log');
  for (const table of ['audit_log', 'sign_in_attempts', 'api_tokens', 'sessions', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
