/**
 * Test databases on PostgreSQL (`TEST_DATABASE=postgres`, `TEST_POSTGRES_URL` an administrator's
 * URL, e.g. what scripts/postgres.sh prints): the seeded database is built once into a template,
 * named by a hash of what builds it (the db package's sources and the seed), and every test
 * database is a `CREATE DATABASE … TEMPLATE` copy of it (tens of milliseconds), dropped when the
 * test destroys its Db. An advisory lock keeps parallel test workers from building it twice.
 */

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import type { Db } from './connection.js';
import { ROOT, SEED_DIR } from './location.js';
import { openPostgres } from './postgres.js';

/** Any number, the same in every worker: who holds it builds the template. */
const TEMPLATE_LOCK = 7_261_107;

function adminUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url)
    throw new Error('TEST_DATABASE=postgres needs TEST_POSTGRES_URL (scripts/postgres.sh start prints one)');
  return url;
}

function urlOf(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

async function asAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  // Loaded here: the package's index exports this module, and a server on SQLite never needs pg.
  const { default: pgModule } = await import('pg');
  const admin = new pgModule.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** What the template is built from: a change to any of it names a new template. */
function templateKey(kind: string): string {
  const hash = createHash('sha256').update(kind);
  for (const file of [...filesUnder(join(ROOT, 'packages/db/src')), ...filesUnder(SEED_DIR)])
    hash.update(file).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

const templates = new Map<string, Promise<string>>();

function template(kind: string, build: (db: Db) => Promise<void>): Promise<string> {
  let found = templates.get(kind);
  if (!found) {
    found = buildTemplate(`tangible_tpl_${kind}_${templateKey(kind)}`, build);
    templates.set(kind, found);
  }
  return found;
}

async function buildTemplate(name: string, build: (db: Db) => Promise<void>): Promise<string> {
  await asAdmin(async (admin) => {
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (rowCount) return;
      // Built under another name and renamed: a worker that dies half way leaves no half template.
      const building = `${name}_building`;
      await admin.query(`drop database if exists ${building}`);
      await admin.query(`create database ${building}`);
      const db = openPostgres(urlOf(building), { max: 2 });
      try {
        await build(db);
      } finally {
        await db.destroy();
      }
      await admin.query(`alter database ${building} rename to ${name}`);
    } finally {
      await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return name;
}

let made = 0;

/**
 * A database of its own for one test, a copy of the template `kind` names (built by `build` the
 * first time); its URL is the test's `path`. Destroying the Db drops the database.
 */
export async function postgresTestDatabase(
  kind: string,
  build: (db: Db) => Promise<void>,
): Promise<{ db: Db; path: string }> {
  return copyOf(await template(kind, build));
}

/**
 * A copy of a test database as it stands (its `path`, a URL): PostgreSQL copies only a database
 * nobody is connected to, so the connections to it are ended first (its own pool opens new ones
 * when next used).
 */
export async function copyPostgresTestDatabase(path: string): Promise<{ db: Db; path: string }> {
  const from = decodeURIComponent(new URL(path).pathname.slice(1));
  await asAdmin((admin) =>
    admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [from]),
  );
  return copyOf(from);
}

async function copyOf(from: string): Promise<{ db: Db; path: string }> {
  made += 1;
  const name = `tangible_test_${process.pid}_${made}_${Date.now().toString(36)}`;
  await asAdmin((admin) => admin.query(`create database ${name} template ${from}`));
  const url = urlOf(name);
  const db = openPostgres(url, {
    max: 4,
    afterDestroy: () =>
      asAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  });
  return { db, path: url };
}

/** An empty database for one test (no template): for what builds its own contents. */
export async function emptyPostgresTestDatabase(): Promise<{ db: Db; path: string }> {
  return postgresTestDatabase('empty', async () => {});
}

/**
 * An empty database created with an ICU collation (`locale`, e.g. `en-US`) instead of the
 * cluster's: for what must hold whatever collation an administrator created the database with.
 */
export async function emptyPostgresDatabaseCollatedAs(locale: string): Promise<{ db: Db; path: string }> {
  made += 1;
  const name = `tangible_test_${process.pid}_${made}_${Date.now().toString(36)}`;
  await asAdmin((admin) =>
    admin.query(
      `create database ${name} template template0 locale_provider icu icu_locale '${locale.replace(/'/g, '')}'`,
    ),
  );
  const url = urlOf(name);
  const db = openPostgres(url, {
    max: 2,
    afterDestroy: () =>
      asAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  });
  return { db, path: url };
}
