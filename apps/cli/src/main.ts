/**
 * `pnpm cli <command>`: what operators script. Thin commands over the same db and api functions the
 * server uses. The database is the one DATABASE_URL names (default data/tangible.sqlite).
 */

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  type Actor,
  cliPrincipal,
  commitImport,
  createUser,
  csvOptions,
  exportAcrossYears,
  indicatorBaselineExport,
  indicatorExport,
  issueToken,
  type Mapping,
  mappingSchema,
  organisationOf,
  parseYears,
  previewImport,
  ROLES,
  refuse,
  resolveView,
  setMailAddress,
  setPassword,
  withdrawToken,
} from '@tangible/api';
import {
  type Db,
  findDepartments,
  findOrganisationByCode,
  findTokens,
  findUserByUsername,
  findUsers,
  migrateToLatest,
  readAll,
} from '@tangible/db';
import { Command, InvalidArgumentError } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { databaseCommand, withDatabase } from './database.js';
import { failureText } from './failures.js';
import { figuresCommand } from './figures.js';
import { cannotCommit, importSummary, problemLine, sheetHint } from './importing.js';
import { currentLanguage, type Language, languageInArguments, say, useLanguage } from './messages.js';
import { planCopyCommand } from './plan.js';
import { planCommand } from './plan-workbook.js';
import { describe, localise } from './usage.js';

// A reader that stops early (`pnpm cli user list | head -1`) closes the pipe: the rest of the output
// has nobody to read it, which is no failure. The command still runs to its end (an import or a
// restore is not cut short by who reads its lines); what it prints after that goes nowhere.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

// First, since the help is built in it: --lang, else the environment's language.
useLanguage(languageInArguments(process.argv.slice(2)));
z.config(z.locales[currentLanguage()]());

function parseWith<T>(schema: z.ZodType<T>, field: string, reason: string) {
  return (value: string): T => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new InvalidArgumentError(say('invalid_value', { field, reason }));
    return parsed.data;
  };
}

const LANGUAGES = ['ko', 'en'] as const;
const STATUSES = ['on_track', 'at_risk', 'off_track', 'no_data'] as const;
const oneOf = (choices: readonly string[]) => say('must_be_one_of', { choices: choices.join(', ') });
const planYear = parseWith(z.coerce.number().int().min(2000).max(2100), '--year', say('must_be_year'));

/** The organisation a command works on (`--org`, default busan): its plans, accounts and tokens only. */
const ORG_DEFAULT = 'busan';
async function organisationNamed(db: Db, code: string): Promise<number> {
  const found = await findOrganisationByCode(db, code);
  if (!found) throw refuse('NOT_FOUND', 'no_such_organisation', { code });
  return found.id;
}

const program = new Command()
  .name('pnpm cli')
  .description(describe('program'))
  .option('--lang <lang>', describe('lang'), parseWith(z.enum(LANGUAGES), '--lang', oneOf(LANGUAGES)));

program.addCommand(databaseCommand());
program.addCommand(figuresCommand());
// The workbook's headers and words follow --lang; without it Korean, as the exports' names do.
program.addCommand(
  planCommand(() => program.opts<{ lang?: Language }>().lang ?? 'ko').addCommand(planCopyCommand()),
);

const exportCommand = program.command('export').description(describe('export'));

exportCommand
  .command('indicators')
  .description(describe('export.indicators'))
  // One year or several (2023,2024), read as the server reads `year=` (export/years.ts parseYears),
  // so its refusal says how to write them, in the reader's language.
  .requiredOption('--year <years>', describe('export.year'))
  .option(
    '--as-of <month>',
    describe('as_of'),
    parseWith(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), '--as-of', say('must_be_month')),
  )
  .option('--sector <code>', describe('sector'))
  .option('--department <code>', describe('department'))
  .option(
    '--status <status>',
    describe('status', { choices: STATUSES.join(', ') }),
    parseWith(z.enum(STATUSES), '--status', oneOf(STATUSES)),
  )
  .option('--no-bom', describe('bom'))
  .option('--org <code>', describe('org'), ORG_DEFAULT)
  .action((options) =>
    withDatabase(async (database) => {
      const organisationId = await organisationNamed(database, options.org);
      // Names follow --lang when it is given; a script's file does not change with its locale.
      const lang = program.opts<{ lang?: Language }>().lang ?? 'ko';
      // The file the server writes (its `year` column, its baseline years and its refusals too):
      // a script may take it from either.
      const filters = {
        sector: options.sector,
        department: options.department,
        status: options.status,
        lang,
      };
      const table = await exportAcrossYears(
        database,
        organisationId,
        { years: parseYears(options.year), asOf: options.asOf, lang },
        (year, asOf) => indicatorExport(database, organisationId, { ...filters, year, asOf }),
        (year) => indicatorBaselineExport(database, organisationId, { ...filters, year }),
      );
      process.stdout.write(stringify(await readAll(table.rows), csvOptions(table.header, options.bom)));
    }),
  );

/** Changes made from the command line are audited as made by `cli` (the operator's shell), in `--org`'s organisation. */
async function cliActor(db: Db, org: string): Promise<Actor> {
  return { userId: null, name: 'cli', organisationId: await organisationNamed(db, org) };
}

/** Reads a password from the TANGIBLE_PASSWORD variable or, interactively, from the terminal. */
async function readPassword(prompt: string): Promise<string> {
  const fromEnv = process.env.TANGIBLE_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new Error(say('password_needed'));
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
  }
}

const user = program.command('user').description(describe('user'));

user
  .command('add <username>')
  .description(describe('user.add'))
  .requiredOption(
    '--role <role>',
    describe('user.role', { roles: ROLES.join(', ') }),
    parseWith(z.enum(ROLES as [string, ...string[]]), '--role', oneOf(ROLES)),
  )
  .option('--department <code>', describe('user.department'))
  .option('--name <display name>', describe('user.name'))
  .option('--org <code>', describe('org'), ORG_DEFAULT)
  .action(
    (
      username: string,
      options: { role: (typeof ROLES)[number]; department?: string; name?: string; org: string },
    ) =>
      withDatabase(async (database) => {
        await migrateToLatest(database);
        const actor = await cliActor(database, options.org);
        const password = await readPassword(say('password_prompt', { username }));
        await createUser(
          database,
          actor,
          {
            username,
            displayName: options.name ?? username,
            role: options.role,
            department: options.department ?? null,
            password,
          },
          new Date(),
        );
        const { role, department } = options;
        console.log(
          department
            ? say('user_created_in', { username, role, department })
            : say('user_created', { username, role }),
        );
      }),
  );

user
  .command('passwd <username>')
  .description(describe('user.passwd'))
  // No default: usernames are unique across organisations, so the user's own is found by name.
  .option('--org <code>', describe('org'))
  .action((username: string, options: { org?: string }) =>
    withDatabase(async (database) => {
      const owner = await findUserByUsername(database, username);
      const actor = owner
        ? { userId: null, name: 'cli', organisationId: owner.organisation_id }
        : await cliActor(database, options.org ?? ORG_DEFAULT);
      if (owner && options.org !== undefined) {
        // Naming another organisation than the user's is refused as before (setPassword finds no such user there).
        actor.organisationId = await organisationNamed(database, options.org);
      }
      const password = await readPassword(say('new_password_prompt', { username }));
      await setPassword(database, actor, username, password, new Date());
      console.log(say('password_changed', { username }));
    }),
  );

user
  .command('mail <username> <address>')
  .description(describe('user.mail'))
  .option('--language <language>', describe('user.language'), (value: string) => {
    if (value !== 'ko' && value !== 'en') throw new InvalidArgumentError(describe('user.language'));
    return value;
  })
  .option('--org <code>', describe('org'))
  .action((username: string, address: string, options: { language?: 'ko' | 'en'; org?: string }) =>
    withDatabase(async (database) => {
      // As passwd: the user's own organisation unless another is named (then refused as no such user).
      const owner = await findUserByUsername(database, username);
      const actor = owner
        ? { userId: null, name: 'cli', organisationId: owner.organisation_id }
        : await cliActor(database, options.org ?? ORG_DEFAULT);
      if (owner && options.org !== undefined)
        actor.organisationId = await organisationNamed(database, options.org);
      const language = options.language;
      const email = address === 'none' ? null : address;
      const set = await setMailAddress(database, actor, { username, email, language }, new Date());
      console.log(
        set.email === null
          ? say('mail_cleared', { username })
          : say('mail_set', { username, email: set.email, language: set.language }),
      );
    }),
  );

user
  .command('list')
  .description(describe('user.list'))
  .option('--org <code>', describe('org'), ORG_DEFAULT)
  .action((options: { org: string }) =>
    withDatabase(async (database) => {
      const organisationId = await organisationNamed(database, options.org);
      console.log(say('users_header'));
      for (const u of await findUsers(database, organisationId)) {
        const flags = [u.demo_password ? say('demo_password') : '', u.disabled_at ? say('disabled') : '']
          .filter(Boolean)
          .join(', ');
        console.log([u.username, u.role, u.department_code ?? '-', u.display_name, flags].join('\t'));
      }
    }),
  );

const token = program.command('token').description(describe('token'));

token
  .command('create <username>')
  .description(describe('token.create'))
  .requiredOption('--name <name>', describe('token.name'))
  .option('--org <code>', describe('org'), ORG_DEFAULT)
  .action((username: string, options: { name: string; org: string }) =>
    withDatabase(async (database) => {
      const created = await issueToken(
        database,
        await cliActor(database, options.org),
        username,
        options.name,
        new Date(),
      );
      console.log(created.token);
      console.error(say('token_created', { id: created.id, username }));
    }),
  );

token
  .command('list')
  .description(describe('token.list'))
  .option('--org <code>', describe('org'), ORG_DEFAULT)
  .action((options: { org: string }) =>
    withDatabase(async (database) => {
      const organisationId = await organisationNamed(database, options.org);
      console.log(say('tokens_header'));
      for (const t of await findTokens(database, { organisationId })) {
        console.log(
          [
            `#${t.id}`,
            t.username,
            t.name,
            `${t.prefix}…`,
            t.created_at,
            t.revoked_at ? say('token_revoked_at', { at: t.revoked_at }) : say('token_active'),
          ].join('\t'),
        );
      }
    }),
  );

token
  .command('revoke')
  .description(describe('token.revoke'))
  .argument(
    '<id>',
    describe('token.id'),
    // As token list shows it (#3), or bare.
    parseWith(
      z.preprocess(
        (value) => (typeof value === 'string' ? value.replace(/^#/, '') : value),
        z.coerce.number().int().positive(),
      ),
      'id',
      say('must_be_number'),
    ),
  )
  .option('--org <code>', describe('org'), ORG_DEFAULT)
  .action((id: number, options: { org: string }) =>
    withDatabase(async (database) => {
      await withdrawToken(database, await cliActor(database, options.org), id, null, new Date());
      console.log(say('token_revoked', { id }));
    }),
  );

/** The --mapping option: JSON naming the file's columns. */
function mappingOf(json: string): Mapping {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(say('mapping_not_json'));
  }
  const parsed = mappingSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    say('mapping_invalid', { path: issue?.path.join('.') ?? '', reason: issue?.message ?? '' }),
  );
}

interface ImportCommandOptions {
  year: number;
  org?: string;
  user: string;
  mapping: string;
  sheet?: string;
  headerRow?: number;
  dryRun?: boolean;
}

program
  .command('import <file>')
  .description(describe('import'))
  .requiredOption('--year <year>', describe('year'), planYear)
  .option('--user <username>', describe('import.user'), 'admin')
  .option('--org <code>', describe('import.org'))
  .option('--mapping <json>', describe('import.mapping'), '{"kind":"template"}')
  .option(
    '--sheet <name>',
    describe('import.sheet'),
    // Taken as written, not trimmed: Excel lets a sheet's name end in a space (`실적 `).
    parseWith(
      z
        .string()
        .max(100)
        .refine((name) => name.trim() !== ''),
      '--sheet',
      say('must_be_sheet'),
    ),
  )
  .option(
    '--header-row <n>',
    describe('import.header_row'),
    // Excel's rows: 1 to 1,048,576, the same bound the HTTP route takes.
    parseWith(z.coerce.number().int().min(1).max(1_048_576), '--header-row', say('must_be_row')),
  )
  .option('--dry-run', describe('import.dry_run'))
  .action((file: string, options: ImportCommandOptions) =>
    withDatabase(async (database) => {
      const principal = await cliPrincipal(database, options.user);
      if (!principal) throw new Error(say('no_active_user', { username: options.user }));
      const mapping = mappingOf(options.mapping);
      const organisationId = await organisationOf(database, principal, options.org);
      const { plan } = await resolveView(database, organisationId, { year: options.year });
      const bytes = new Uint8Array(readFileSync(file));
      const at = { sheet: options.sheet, headerRow: options.headerRow };
      const { checked: _checked, ...preview } = await previewImport(
        database,
        plan,
        principal,
        bytes,
        mapping,
        new Date(),
        { filename: basename(file), ...at },
      );
      console.log(importSummary(basename(file), preview));
      const departments = await findDepartments(database, organisationId);
      for (const found of preview.problems) console.log(problemLine(found, departments));
      const unlisted = preview.totals.problems - preview.problems.length;
      if (unlisted > 0) console.log(say('import_more_problems', { count: unlisted }));
      // Values that go in but owe their commentary before approval: said, not refused.
      for (const owed of preview.commentaryOwed) console.log(problemLine(owed, departments));
      const hint = sheetHint(preview, options.sheet !== undefined);
      if (hint) console.log(hint);
      // A dry run answers as the real run would: exit 1 for what the commit would refuse.
      if (cannotCommit(preview)) {
        process.exitCode = 1;
        console.error(say('import_nothing_written'));
        return;
      }
      if (options.dryRun) {
        console.log(say('import_dry_run'));
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
        at,
      );
      console.log(say('imported', { written: result.written, unchanged: result.unchanged }));
      if (result.commentaryOwed > 0) console.log(say('importedOwed', { count: result.commentaryOwed }));
    }),
  );

try {
  await localise(program).parseAsync();
} catch (error) {
  console.error(say('error', { message: failureText(error) }));
  process.exitCode = 1;
}
