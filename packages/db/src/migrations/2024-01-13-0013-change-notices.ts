/**
 * Change notices on PostgreSQL: each server process keeps the data version and who may sign in
 * with what in memory, and hears of a change instead of asking the database on every request
 * (db/src/change-watch.ts). A writer's commit raises the data version (0008's deferred trigger),
 * which now also sends the new version on `tangible_data_version`; a session ended or changed, or a
 * token revoked or deleted, sends `tangible_credentials`. PostgreSQL delivers a notice only when its
 * transaction commits, so a rolled-back write says nothing. On SQLite nothing changes: one process
 * reads its own file, and a read of the version costs microseconds. Frozen once applied.
 */

import { type Kysely, sql } from 'kysely';
import { onPostgres, wholly } from './dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
type AnyDb = Kysely<any>;

/** The triggers only PostgreSQL has (migrations.test.ts compares the rest across engines). */
export const NOTICE_TRIGGERS = [
  'sessions_tell_credentials',
  'api_tokens_tell_revoked',
  'api_tokens_tell_deleted',
];

const RAISE_AND_TELL = `$$ declare raised bigint; begin
    if current_setting('tangible.data_version_raised', true) is distinct from 'yes' then
      perform set_config('tangible.data_version_raised', 'yes', true);
      update data_version set version = version + 1 returning version into raised;
      perform pg_notify('tangible_data_version', raised::text);
    end if;
    return null;
  end $$`;

const RAISE_ONLY = `$$ begin
    if current_setting('tangible.data_version_raised', true) is distinct from 'yes' then
      perform set_config('tangible.data_version_raised', 'yes', true);
      update data_version set version = version + 1;
    end if;
    return null;
  end $$`;

export async function up(db: AnyDb): Promise<void> {
  if (!onPostgres(db)) return;
  await wholly(db, async (trx) => {
    await sql`create or replace function raise_data_version() returns trigger language plpgsql as ${sql.raw(RAISE_AND_TELL)}`.execute(
      trx,
    );
    await sql`create function tell_credentials_changed() returns trigger language plpgsql as ${sql.raw(`$$ begin
        perform pg_notify('tangible_credentials', '');
        return null;
      end $$`)}`.execute(trx);
    // A session is ended (sign-out, a password change, an administrator) or changed; a token is
    // revoked or deleted. A token's last use is written at most once a minute and says nothing.
    // Row by row: a statement that ends no session (every sign-in clears the expired ones) says
    // nothing; one that ends several says it once (PostgreSQL folds equal notices of a transaction).
    await sql`create trigger sessions_tell_credentials after update or delete on sessions
      for each row execute function tell_credentials_changed()`.execute(trx);
    // Row by row, the columns compared inside: a trigger naming columns (UPDATE OF, WHEN) would stop
    // them from being altered (collation.ts sets every text column's collation after migrating).
    await sql`create function tell_token_changed() returns trigger language plpgsql as ${sql.raw(`$$ begin
        if old.revoked_at is distinct from new.revoked_at or old.token_hash is distinct from new.token_hash
          or old.user_id is distinct from new.user_id then
          perform pg_notify('tangible_credentials', '');
        end if;
        return null;
      end $$`)}`.execute(trx);
    await sql`create trigger api_tokens_tell_revoked after update on api_tokens
      for each row execute function tell_token_changed()`.execute(trx);
    await sql`create trigger api_tokens_tell_deleted after delete on api_tokens
      for each row execute function tell_credentials_changed()`.execute(trx);
  });
}

export async function down(db: AnyDb): Promise<void> {
  if (!onPostgres(db)) return;
  await wholly(db, async (trx) => {
    await sql`drop trigger sessions_tell_credentials on sessions`.execute(trx);
    await sql`drop trigger api_tokens_tell_revoked on api_tokens`.execute(trx);
    await sql`drop trigger api_tokens_tell_deleted on api_tokens`.execute(trx);
    await sql`drop function tell_token_changed()`.execute(trx);
    await sql`drop function tell_credentials_changed()`.execute(trx);
    await sql`create or replace function raise_data_version() returns trigger language plpgsql as ${sql.raw(RAISE_ONLY)}`.execute(
      trx,
    );
  });
}
