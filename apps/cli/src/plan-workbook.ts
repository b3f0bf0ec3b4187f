/**
 * `pnpm cli plan export|import`: the plan workbook from the command line (issue 12.6). Export writes
 * the plan of a year as xlsx, or CSV (every kind as FILE-<kind>.csv, or one `--kind`); import reads
 * a workbook or CSV files of some kinds and prints the dry-run (added, changed, revised, retired,
 * every problem at its cell) in the reader's language; `--apply` carries it out in one transaction.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  applyWorkbook,
  changeInWords,
  cliPrincipal,
  csvText,
  dryRunWorkbook,
  planWorkbook,
  SHEET_KINDS,
  type SheetKind,
  type WorkbookDryRun,
  WorkbookRejected,
  workbookTable,
  workbookXlsx,
  workbookYears,
} from '@tangible/api';
import { Command, InvalidArgumentError } from 'commander';
import { withDatabase } from './database.js';
import { problemText } from './failures.js';
import { currentLanguage, Declined, type Language, type MessageKey, say } from './messages.js';
import { describe } from './usage.js';

function year(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2000 || n > 2100)
    throw new InvalidArgumentError(say('invalid_value', { field: '--year', reason: say('must_be_year') }));
  return n;
}
function oneOf<T extends string>(choices: readonly T[], field: string) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value))
      throw new InvalidArgumentError(
        say('invalid_value', { field, reason: say('must_be_one_of', { choices: choices.join(', ') }) }),
      );
    return value as T;
  };
}

async function principalOf(db: Parameters<typeof cliPrincipal>[0], username: string) {
  const principal = await cliPrincipal(db, username);
  if (principal?.kind !== 'user') throw new Error(say('no_active_user', { username }));
  return principal;
}

const level = (name: string, language?: Language) => say(`level.${name}` as MessageKey, {}, language);

/** The dry-run as lines: the summary, each change, each problem where Excel shows it. */
export function dryRunLines(run: WorkbookDryRun, language: Language = currentLanguage()): string[] {
  const lines = [
    say(
      'workbook_summary',
      {
        year: run.year,
        status: say(`workbook_status_${run.status}`, {}, language),
        added: run.added.length,
        changed: run.changed.length,
        revisions: run.revisions.length,
        leaving: run.leaving.length,
        problems: run.problems.length,
      },
      language,
    ),
  ];
  for (const a of run.added)
    lines.push(say('workbook_added', { level: level(a.level, language), code: a.code }, language));
  for (const c of run.changed)
    lines.push(
      say(
        'workbook_changed',
        { ...c, ...changeInWords(c, language), level: level(c.level, language) },
        language,
      ),
    );
  for (const r of run.revisions) lines.push(say('workbook_revision', { ...r }, language));
  for (const l of run.leaving)
    lines.push(
      say(
        l.how === 'retire' ? 'workbook_retire' : 'workbook_delete',
        { level: level(l.level, language), code: l.code },
        language,
      ),
    );
  for (const p of run.problems)
    lines.push(
      say(
        'workbook_problem',
        {
          file: p.file,
          position: p.position || p.sheet || '',
          column: p.column,
          problem: problemText(p, language),
        },
        language,
      ),
    );
  const empty = run.added.length + run.changed.length + run.revisions.length + run.leaving.length === 0;
  if (empty && run.problems.length === 0) lines.push(say('workbook_nothing', {}, language));
  return lines;
}

interface ExportOptions {
  year: number;
  format: 'xlsx' | 'csv';
  out?: string;
  kind?: SheetKind;
  user: string;
}

export function planCommand(language: () => Language): Command {
  const plan = new Command('plan').description(describe('plan'));
  plan
    .command('export')
    .description(describe('plan.export'))
    .requiredOption('--year <year>', describe('year'), year)
    .option('--format <format>', describe('plan.format'), oneOf(['xlsx', 'csv'] as const, '--format'), 'xlsx')
    .option('--out <file>', describe('plan.out'))
    .option('--kind <kind>', describe('plan.kind'), oneOf(SHEET_KINDS, '--kind'))
    .option('--user <username>', describe('plan.user'), 'admin')
    .action((options: ExportOptions) =>
      withDatabase(async (db) => {
        const { user } = await principalOf(db, options.user);
        const lang = language();
        const book = await planWorkbook(db, user, options.year, lang);
        const stem = options.out ?? `tangible-plan-${options.year}-${lang}`;
        if (options.format === 'xlsx') {
          const file = options.out ?? `${stem}.xlsx`;
          writeFileSync(file, await workbookXlsx(book, lang));
          console.error(say('workbook_written', { file }));
          return;
        }
        const csv = (kind: SheetKind) => {
          const table = workbookTable(book, kind, lang);
          return csvText(table.rows as never, table.header.length, table.header);
        };
        if (options.kind && !options.out) {
          process.stdout.write(csv(options.kind));
          return;
        }
        for (const kind of options.kind ? [options.kind] : SHEET_KINDS) {
          const file = options.kind ? stem : `${stem.replace(/\.csv$/, '')}-${kind}.csv`;
          writeFileSync(file, csv(kind));
          console.error(say('workbook_written', { file }));
        }
      }),
    );
  plan
    .command('import <files...>')
    .description(describe('plan.import'))
    .option('--year <year>', describe('plan.import.year'), year)
    .option('--apply', describe('plan.apply'))
    .option('--user <username>', describe('plan.user'), 'admin')
    .action((names: string[], options: { year?: number; apply?: boolean; user: string }) =>
      withDatabase(async (db) => {
        const principal = await principalOf(db, options.user);
        const files = names.map((name) => ({
          bytes: new Uint8Array(readFileSync(name)),
          filename: basename(name),
        }));
        const years = options.year === undefined ? await workbookYears(files) : [options.year];
        const [planYear] = years;
        if (years.length !== 1 || planYear === undefined)
          throw new Declined('workbook_year_unknown', { years: years.join(', ') || '—' });
        let run: WorkbookDryRun;
        try {
          run = options.apply
            ? await applyWorkbook(db, principal, planYear, files, new Date())
            : await dryRunWorkbook(db, principal, planYear, files);
        } catch (error) {
          if (!(error instanceof WorkbookRejected)) throw error;
          for (const line of dryRunLines(error.dryRun)) console.log(line);
          console.error(say('workbook_refused'));
          process.exitCode = 1;
          return;
        }
        for (const line of dryRunLines(run)) console.log(line);
        if (run.problems.length > 0) {
          console.error(say('workbook_refused'));
          process.exitCode = 1;
        } else console.log(say(options.apply ? 'workbook_applied' : 'workbook_dry_run'));
      }),
    );
  return plan;
}
