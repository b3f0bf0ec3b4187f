/**
 * `pnpm cli <command>`: what operators script. Thin commands over the same db and api functions the
 * server uses. The database is the one DATABASE_URL names (default data/tangible.sqlite).
 */

import { indicatorExport } from '@tangible/api';
import {
  type Db,
  databaseFile,
  loadSeed,
  migrateToEmpty,
  migrateToLatest,
  openDatabase,
  readSeedFiles,
  SEED_DIR,
} from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { Command, InvalidArgumentError } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';

async function withDatabase(work: (db: Db) => Promise<void>): Promise<void> {
  const db = openDatabase(databaseFile(process.env.DATABASE_URL));
  try {
    await work(db);
  } finally {
    await db.destroy();
  }
}

function parseWith<T>(schema: z.ZodType<T>, what: string) {
  return (value: string): T => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new InvalidArgumentError(`${what}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  };
}

const program = new Command()
  .name('pnpm cli')
  .description('Tangible: operate the database and export figures.')
  .showHelpAfterError();

const db = program.command('db').description('the database: migrate, seed, reset');

db.command('migrate')
  .description('apply every pending migration')
  .action(() =>
    withDatabase(async (database) => {
      const applied = await migrateToLatest(database);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
    }),
  );

db.command('seed')
  .description("load Busan's 2024 plan from data/seed/ (refused when that year is already loaded)")
  .option('--dir <folder>', 'the seed folder', SEED_DIR)
  .action((options: { dir: string }) =>
    withDatabase(async (database) => {
      await migrateToLatest(database);
      const summary = await loadSeed(database, readSeedFiles(options.dir), {
        enteredAt: new Date().toISOString(),
      });
      console.log(
        `Seeded the ${summary.year} plan: ${summary.sectors} sectors, ${summary.indicators} indicators, ${summary.measurements} values, ${summary.milestones} milestones.`,
      );
    }),
  );

db.command('reset')
  .description('drop everything, migrate and seed again (all entered data is lost)')
  .requiredOption('--yes', 'confirm that every table is emptied')
  .action(() =>
    withDatabase(async (database) => {
      await migrateToEmpty(database);
      await migrateToLatest(database);
      const summary = await loadSeed(database, readSeedFiles(SEED_DIR), {
        enteredAt: new Date().toISOString(),
      });
      console.log(`Reset and seeded the ${summary.year} plan (${summary.indicators} indicators).`);
    }),
  );

const exportCommand = program.command('export').description('write figures as CSV to standard output');

exportCommand
  .command('indicators')
  .description('one row per indicator with its computed figures (the indicators.csv contract)')
  .requiredOption(
    '--year <year>',
    'plan year, e.g. 2024',
    parseWith(z.coerce.number().int().min(2000).max(2100), '--year'),
  )
  .option(
    '--as-of <month>',
    'as-of month YYYY-MM (default: the latest reported)',
    parseWith(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'), '--as-of'),
  )
  .option('--sector <code>', 'only this sector, e.g. ECO')
  .option('--department <code>', 'only this department, e.g. FIN')
  .option(
    '--status <status>',
    'only this status',
    parseWith(z.enum(['on_track', 'at_risk', 'off_track', 'no_data']), '--status'),
  )
  .option('--lang <lang>', 'names in ko or en', parseWith(z.enum(['ko', 'en']), '--lang'), 'ko' as const)
  .option('--no-bom', 'leave out the byte-order mark (it helps Excel read Korean)')
  .action((options) =>
    withDatabase(async (database) => {
      const table = await indicatorExport(database, {
        year: options.year,
        asOf: options.asOf,
        sector: options.sector,
        department: options.department,
        status: options.status,
        lang: options.lang,
      });
      process.stdout.write(
        stringify(table.rows, {
          header: true,
          columns: [...table.columns],
          bom: options.bom,
          record_delimiter: 'windows',
        }),
      );
    }),
  );

try {
  await program.parseAsync();
} catch (error) {
  const message = error instanceof TRPCError || error instanceof Error ? error.message : String(error);
  console.error(`error: ${message}`);
  process.exitCode = 1;
}
