/**
 * `pnpm cli <command>`: what operators script. Thin commands over the same db and api functions the
 * server uses. The database is the one DATABASE_URL names (default data/tangible.sqlite).
 */

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  type Actor,
  type Cell,
  cliPrincipal,
  commitImport,
  createUser,
  csvOptions,
  indicatorExport,
  issueToken,
  mappingSchema,
  previewImport,
  ROLES,
  resolveView,
  setPassword,
  withdrawToken,
} from '@tangible/api';
import { DatabaseFileProblem, findTokens, findUsers, migrateToLatest } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { Command, InvalidArgumentError } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { databaseCommand, withDatabase } from './database.js';
import { say } from './messages.js';

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

program.addCommand(databaseCommand());

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
      process.stdout.write(stringify(table.rows.map(toRecord), csvOptions(table.header, options.bom)));
    }),
  );

/** csv-stringify keys cells by column position. */
const toRecord = (row: Cell[]) => Object.fromEntries(row.map((cell, i) => [String(i), cell]));

/** Changes made from the command line are audited as made by `cli` (the operator's shell). */
const CLI: Actor = { userId: null, name: 'cli' };

/** Reads a password from the TANGIBLE_PASSWORD variable or, interactively, from the terminal. */
async function readPassword(prompt: string): Promise<string> {
  const fromEnv = process.env.TANGIBLE_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY)
    throw new Error('Set TANGIBLE_PASSWORD or run in a terminal to type the password.');
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
  }
}

const user = program.command('user').description('accounts: add, passwd, list');

user
  .command('add <username>')
  .description('create an account (password from TANGIBLE_PASSWORD or typed)')
  .requiredOption(
    '--role <role>',
    `one of ${ROLES.join(', ')}`,
    parseWith(z.enum(ROLES as [string, ...string[]]), '--role'),
  )
  .option('--department <code>', 'the department of a bureau head, e.g. TOURISM')
  .option('--name <display name>', 'the name shown in the app')
  .action((username: string, options: { role: (typeof ROLES)[number]; department?: string; name?: string }) =>
    withDatabase(async (database) => {
      await migrateToLatest(database);
      const password = await readPassword(`Password for ${username}: `);
      await createUser(
        database,
        CLI,
        {
          username,
          displayName: options.name ?? username,
          role: options.role,
          department: options.department ?? null,
          password,
        },
        new Date(),
      );
      console.log(
        `Created ${username} (${options.role}${options.department ? `, ${options.department}` : ''}).`,
      );
    }),
  );

user
  .command('passwd <username>')
  .description('set a new password (ends the user’s sessions; clears the demo-password mark)')
  .action((username: string) =>
    withDatabase(async (database) => {
      const password = await readPassword(`New password for ${username}: `);
      await setPassword(database, CLI, username, password, new Date());
      console.log(`Password of ${username} changed.`);
    }),
  );

user
  .command('list')
  .description('every account, with its role and department')
  .action(() =>
    withDatabase(async (database) => {
      for (const u of await findUsers(database)) {
        const flags = [u.demo_password ? 'DEMO PASSWORD' : '', u.disabled_at ? 'disabled' : '']
          .filter(Boolean)
          .join(', ');
        console.log([u.username, u.role, u.department_code ?? '-', u.display_name, flags].join('\t'));
      }
    }),
  );

const token = program
  .command('token')
  .description('API tokens for scripts (read and export only): create, list, revoke');

token
  .command('create <username>')
  .description('create a token for a user; it is printed once and stored only as a hash')
  .requiredOption('--name <name>', 'what the token is for')
  .action((username: string, options: { name: string }) =>
    withDatabase(async (database) => {
      const created = await issueToken(database, CLI, username, options.name, new Date());
      console.log(created.token);
      console.error(`Token #${created.id} for ${username}. Copy it now: it is not shown again.`);
    }),
  );

token
  .command('list')
  .description('every token (never the secret)')
  .action(() =>
    withDatabase(async (database) => {
      for (const t of await findTokens(database)) {
        console.log(
          [
            `#${t.id}`,
            t.username,
            t.name,
            `${t.prefix}…`,
            t.created_at,
            t.revoked_at ? `revoked ${t.revoked_at}` : 'active',
          ].join('\t'),
        );
      }
    }),
  );

token
  .command('revoke <id>')
  .description('revoke a token by its number')
  .action((id: string) =>
    withDatabase(async (database) => {
      await withdrawToken(
        database,
        CLI,
        parseWith(z.coerce.number().int().positive(), 'id')(id),
        null,
        new Date(),
      );
      console.log(`Token #${id} revoked.`);
    }),
  );

program
  .command('import <file>')
  .description(
    'import actuals from a CSV (template, or --mapping); values enter as pending; nothing is written if any row is wrong',
  )
  .requiredOption(
    '--year <year>',
    'plan year, e.g. 2024',
    parseWith(z.coerce.number().int().min(2000).max(2100), '--year'),
  )
  .option('--user <username>', 'whose import this is (their permissions apply)', 'admin')
  .option(
    '--mapping <json>',
    'column mapping, e.g. {"kind":"wide","indicator":"지표명","indicatorBy":"name"}',
    '{"kind":"template"}',
  )
  .option('--dry-run', 'only show what would happen')
  .action((file: string, options: { year: number; user: string; mapping: string; dryRun?: boolean }) =>
    withDatabase(async (database) => {
      const principal = await cliPrincipal(database, options.user);
      if (!principal) throw new Error(`There is no active user "${options.user}".`);
      const mapping = mappingSchema.parse(JSON.parse(options.mapping));
      const { plan } = await resolveView(database, { year: options.year });
      const bytes = new Uint8Array(readFileSync(file));
      const { checked: _checked, ...preview } = await previewImport(
        database,
        plan,
        principal,
        bytes,
        mapping,
        new Date(),
      );
      console.log(
        `${basename(file)}: ${preview.encoding}, ${preview.delimiter === '\t' ? 'tab' : `"${preview.delimiter}"`}-separated, ${preview.kind} format, ${preview.rows.length} value(s): ${preview.counts.new} new, ${preview.counts.change} changed, ${preview.counts.same} unchanged, ${preview.counts.error} with problems.`,
      );
      for (const problem of preview.problems)
        console.log(`  line ${problem.line}, column "${problem.column}": ${problem.message}`);
      if (preview.counts.error > 0) {
        process.exitCode = 1;
        console.error('Nothing was written. Correct the rows above and try again.');
        return;
      }
      if (options.dryRun) {
        console.log('Dry run: nothing was written.');
        return;
      }
      const result = await commitImport(
        database,
        plan,
        principal,
        bytes,
        mapping,
        new Date(),
        basename(file),
      );
      console.log(`Imported ${result.written} value(s) as pending approval; ${result.unchanged} unchanged.`);
    }),
  );

try {
  await program.parseAsync();
} catch (error) {
  const message =
    error instanceof DatabaseFileProblem
      ? say(`problem.${error.code}`, error.params)
      : error instanceof TRPCError || error instanceof Error
        ? error.message
        : String(error);
  console.error(`error: ${message}`);
  process.exitCode = 1;
}
