/**
 * Exports of several years (`year=2023,2024`): each year's table as the one-year export makes it,
 * one after another in one file, with a `year` column, still streamed (row-source.ts concatRows).
 * A year without a plan is exported as `years.indicator` shows it: stood for by a later plan's
 * baselines of that year (kind `baseline`, never measured), or refused when nothing stands for it.
 */

import { concatRows, type Db, findPlanYears, mapRows } from '@tangible/db';
import { refuse } from '../problems.js';
import { findSeries } from '../years/series.js';
import type { Cell, ExportTable, Lang } from './table.js';

/** The most years one file holds: a decade side by side is more than a screen compares. */
export const MAX_EXPORT_YEARS = 10;

const YEAR_LIST = /^\d{4}(,\d{4})*$/;

/**
 * The years a `year` parameter names: one year, or years separated by commas (spaces allowed, a
 * repeated `year=` too), each 2000–2100, at most MAX_EXPORT_YEARS; given in any order, read in
 * year order. Anything else is refused with `years_malformed`, which says how to write them.
 * "2024" → [2024]; "2024, 2023" → [2023, 2024]; "2023-2024" → refused.
 */
export function parseYears(given: string | readonly string[]): number[] {
  const text = (typeof given === 'string' ? given : given.join(',')).replace(/\s+/g, '');
  const years = YEAR_LIST.test(text) ? [...new Set(text.split(',').map(Number))].sort((a, b) => a - b) : [];
  if (years.length === 0 || years.length > MAX_EXPORT_YEARS || years.some((y) => y < 2000 || y > 2100))
    throw refuse('BAD_REQUEST', 'years_malformed', { given: text.slice(0, 100), max: MAX_EXPORT_YEARS });
  return years;
}

/**
 * One table of every year's rows, each with its year in a last column (after the one-year columns,
 * so a script reading them by position still reads them). Every year's table is made before a row
 * is sent: a year without a plan is refused whole, never left out of the file.
 */
export async function acrossYears(
  years: readonly number[],
  lang: Lang,
  make: (year: number) => Promise<ExportTable>,
  /** The year whose table names the file (a plan's, with its month); the first year without it. */
  named?: number,
): Promise<ExportTable> {
  const tables: ExportTable[] = [];
  for (const year of years) tables.push(await make(year));
  const [first] = tables;
  if (!first) throw new Error('acrossYears needs at least one year');
  const namedAt = named === undefined ? 0 : Math.max(0, years.indexOf(named));
  const naming = tables[namedAt] ?? first;
  return {
    name: years.length === 1 ? naming.name : naming.name.replace(String(years[namedAt]), years.join('-')),
    columns: [...first.columns, 'year'],
    header: [...first.header, lang === 'ko' ? '연도' : 'year'],
    rows: concatRows(
      tables.map((table, i) =>
        mapRows<Cell[], Cell[]>(table.rows, (row) => {
          // Each row is a fresh array read for this file: the year is added in place, not copied.
          row.push(years[i] ?? null);
          return row;
        }),
      ),
    ),
  };
}

/**
 * How each year asked for is on record: `plan` (a confirmed plan of that year) or `baseline` (no
 * plan, but a later confirmed plan's baseline of that year stands for it, as in years.indicator).
 * Any other year is refused with `no_such_export_year`, which lists the years of both kinds.
 * Drafts are not exported, so neither a draft plan nor a draft's baseline counts.
 */
export async function yearsOnRecord(
  db: Db,
  organisationId: number,
  years: readonly number[],
): Promise<Map<number, 'plan' | 'baseline'>> {
  const plans = new Set(await findPlanYears(db, organisationId, { drafts: false }));
  const on = new Map<number, 'plan' | 'baseline'>();
  const missing = years.filter((year) => !plans.has(year));
  for (const year of years) if (plans.has(year)) on.set(year, 'plan');
  if (missing.length === 0) return on;
  const baselines = new Set<number>();
  for (const series of await findSeries(db, organisationId, { drafts: false }))
    for (const year of series.years) if (year.kind === 'baseline') baselines.add(year.year);
  for (const year of missing) {
    if (!baselines.has(year))
      throw refuse('NOT_FOUND', 'no_such_export_year', {
        year,
        plans: [...plans].sort((a, b) => a - b).join(', ') || '-',
        baselines: [...baselines].sort((a, b) => a - b).join(', ') || '-',
      });
    on.set(year, 'baseline');
  }
  return on;
}

export interface YearsQuery {
  years: readonly number[];
  asOf?: string | undefined;
  lang: Lang;
}

/**
 * One export across the years asked (the server's routes and `pnpm cli export` alike): each year
 * with a plan made by `make`, with `asOf`'s month read in each year (asOf=2024-06 with
 * year=2023,2024 reads 2023-06 and 2024-06); each year stood for by baselines made by `standIn`
 * (a whole-year figure: it has no month). A month in none of the years is refused, saying how to
 * name one; so is a year neither planned nor stood for (yearsOnRecord).
 */
export async function exportAcrossYears(
  db: Db,
  organisationId: number,
  query: YearsQuery,
  make: (year: number, asOf: string | undefined) => Promise<ExportTable>,
  standIn: (year: number) => Promise<ExportTable>,
): Promise<ExportTable> {
  const { years, asOf } = query;
  const month = asOf?.slice(5);
  if (asOf && years.length > 1 && !years.includes(Number(asOf.slice(0, 4))))
    throw refuse('BAD_REQUEST', 'as_of_outside_years', {
      asOf,
      years: years.join(', '),
      example: `${years.at(-1)}-${month}`,
    });
  const on = await yearsOnRecord(db, organisationId, years);
  const planned = years.filter((year) => on.get(year) === 'plan');
  const named = asOf ? (planned.find((year) => String(year) === asOf.slice(0, 4)) ?? planned[0]) : planned[0];
  return acrossYears(
    years,
    query.lang,
    (year) => {
      if (on.get(year) === 'plan') return make(year, month && years.length > 1 ? `${year}-${month}` : asOf);
      // One year alone, stood for by baselines: its month must still be one of its own.
      if (asOf && Number(asOf.slice(0, 4)) !== year)
        throw refuse('BAD_REQUEST', 'as_of_outside_years', {
          asOf,
          years: String(year),
          example: `${year}-12`,
        });
      return standIn(year);
    },
    named,
  );
}

/** A year's table with no rows (a year stood for by baselines has no values, milestones or scores of its own). */
export function noRowsOf(name: string, columns: readonly string[], header: string[]): ExportTable {
  return { name, columns, header, rows: [] };
}
