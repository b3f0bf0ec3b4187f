/**
 * Reading the seed: Busan's 2024 plan as text files under data/seed/ (see its README.md).
 * Every row is validated; an error names the file, the row (as a spreadsheet shows it, header = 1)
 * and the field.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isIsoDate, parsePeriod, UNITS, unitRange } from '@tangible/core';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * What is wrong with the seed files, in English for whoever edits them; the one an operator meets
 * (the plan is already loaded) carries a code and its parameters for the CLI to say in Korean too.
 */
export class SeedError extends Error {
  override name = 'SeedError';
  constructor(
    message: string,
    readonly code: 'plan_loaded' | null = null,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

const bilingual = z.object({ ko: z.string().min(1), en: z.string().min(1) });
const code = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/, 'must be uppercase letters, digits and hyphens');

/** An organisation's code: lowercase, as it appears in addresses (`?org=haeundae`). */
const organisationCode = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,31}$/, 'must be lowercase letters, digits and hyphens');

/** Whose plan it is; without it, the first metropolitan city's (Busan, made by the migrations). */
const organisation = z.object({
  code: organisationCode,
  name: bilingual,
  /** A district names its metropolitan city; a metropolitan city names none. */
  parent: organisationCode.optional(),
});

const planFile = z.object({
  organisation: organisation.optional(),
  year: z.number().int().min(2000).max(2100),
  name: bilingual,
  coreGoal: bilingual,
  goals: z.array(bilingual).min(1),
  source: z.string().min(1),
  sectors: z
    .array(
      z.object({
        code,
        name: bilingual,
        goal: bilingual,
        strategies: z
          .array(
            z.object({
              code,
              name: bilingual,
              projects: z.array(z.object({ code, name: bilingual, department: code })).min(1),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

const emptyToNull = (value: unknown) => (value === '' ? null : value);
const number = z.preprocess(emptyToNull, z.coerce.number().refine(Number.isFinite, 'must be a number'));
const optionalNumber = z.preprocess(emptyToNull, z.coerce.number().refine(Number.isFinite).nullable());
const optionalText = z.preprocess(emptyToNull, z.string().nullable());
const fraction = z.preprocess(emptyToNull, z.coerce.number().min(0).max(2).nullable());
const isoDate = z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD');
const optionalDate = z.preprocess(emptyToNull, isoDate.nullable());
const period = z.string().refine((text) => parsePeriod(text) !== null, 'must be YYYY-MM, YYYY-Qn or YYYY');

const departmentRow = z.object({ code, name_ko: z.string().min(1), name_en: z.string().min(1) });

const indicatorRow = z
  .object({
    code,
    project: code,
    name_ko: z.string().min(1),
    name_en: z.string().min(1),
    unit: z.enum(UNITS),
    direction: z.enum(['increase', 'decrease']),
    aggregation: z.enum(['sum', 'last', 'average', 'milestones']),
    frequency: z.enum(['monthly', 'quarterly', 'annual']),
    baseline: optionalNumber,
    baseline_year: z.preprocess(emptyToNull, z.coerce.number().int().nullable()),
    annual_target: number,
    weight: z.preprocess((v) => (v === '' ? 1 : v), z.coerce.number().positive()),
    on_track: fraction,
    at_risk: fraction,
    department: code,
    headline: z.enum(['0', '1']).transform((v) => v === '1'),
    source: z.string().min(1),
  })
  .superRefine((row, ctx) => {
    // A plan figure stays within what its unit can hold, so that no figure computed from it overflows.
    const { min, max } = unitRange(row.unit);
    for (const field of ['baseline', 'annual_target'] as const) {
      const value = row[field];
      if (value !== null && (value < min || value > max))
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `must lie within ${min}–${max} (${row.unit})`,
        });
    }
  });

const targetRow = z.object({ kpi_code: code, period, value: number });

const measurementRow = z.object({
  kpi_code: code,
  period,
  value: number,
  note: optionalText,
  source: z.string().min(1),
});

const milestoneRow = z.object({
  code,
  project: code,
  department: code,
  name_ko: z.string().min(1),
  name_en: z.string().min(1),
  planned: isoDate,
  forecast: optionalDate,
  actual: optionalDate,
  weight: z.preprocess((v) => (v === '' ? 1 : v), z.coerce.number().positive()),
  source: z.string().min(1),
  note: optionalText,
});

const userRow = z
  .object({
    username: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'must be 2–32 lowercase letters, digits, dots, hyphens'),
    display_name: z.string().min(1),
    role: z.enum(['admin', 'executive', 'approver', 'bureau_head', 'analyst']),
    department: z.preprocess(emptyToNull, code.nullable()),
    password: z.string().min(10, 'must have at least 10 characters'),
    /** An illustrative address on a reserved domain (RFC 2606: `*.example`), never a real mailbox. */
    email: z.preprocess(
      emptyToNull,
      z
        .email()
        .refine(
          (e) => /\.example$|@example\.(com|org|net)$/.test(e),
          'must be on a reserved domain (*.example, RFC 2606)',
        )
        .nullable(),
    ),
  })
  .refine((u) => (u.role === 'bureau_head') === (u.department !== null), {
    message: 'a bureau head needs a department, and only a bureau head has one',
    path: ['department'],
  });

export type PlanFile = z.infer<typeof planFile>;
export type DepartmentRow = z.infer<typeof departmentRow>;
export type IndicatorRow = z.infer<typeof indicatorRow>;
export type TargetRow = z.infer<typeof targetRow>;
export type MeasurementRow = z.infer<typeof measurementRow>;
export type MilestoneRow = z.infer<typeof milestoneRow>;
export type UserRow = z.infer<typeof userRow>;

export interface SeedFiles {
  plan: PlanFile;
  departments: DepartmentRow[];
  indicators: IndicatorRow[];
  targets: TargetRow[];
  measurements: MeasurementRow[];
  milestones: MilestoneRow[];
  /** Demonstration accounts, one per role; their passwords are public and marked as demo passwords. */
  users: UserRow[];
  /**
   * Later years made from this plan through copy-forward (seed/next-year.ts), each with the facts
   * applied to its draft: `years/plan-YYYY.csv`. None for a plan without that folder.
   */
  nextYears?: NextYearFile[];
}

/** A later year's facts: a field of the copied plan set to a cited value. */
const nextYearRow = z
  .object({
    level: z.enum(['plan', 'indicator', 'milestone']),
    code: z.string(),
    field: z.enum(['source', 'annual_target', 'planned_date']),
    value: z.string(),
    source: z.string().min(1, 'every fact cites its source'),
  })
  .refine(
    (r) =>
      (r.level === 'plan' && r.field === 'source' && r.code === '') ||
      (r.level === 'indicator' && r.field === 'annual_target' && Number.isFinite(Number(r.value))) ||
      (r.level === 'milestone' && r.field === 'planned_date' && isIsoDate(r.value)),
    'plan rows set source (no code); indicator rows an annual_target number; milestone rows a planned_date YYYY-MM-DD',
  );
export type NextYearRow = z.infer<typeof nextYearRow>;
export interface NextYearFile {
  year: number;
  file: string;
  rows: NextYearRow[];
}

const YEARS_FOLDER = 'years';
const NEXT_YEAR_FILE = /^plan-(\d{4})\.csv$/;

function readNextYears(dir: string): NextYearFile[] {
  const folder = join(dir, YEARS_FOLDER);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => NEXT_YEAR_FILE.test(name))
    .sort()
    .map((name) => ({
      year: Number(NEXT_YEAR_FILE.exec(name)?.[1]),
      file: `${YEARS_FOLDER}/${name}`,
      rows: readCsv(folder, name, nextYearRow, ['level', 'code', 'field', 'value', 'source']),
    }));
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(row)'}: ${issue.message}`).join('; ');
}

function readCsv<T>(dir: string, file: string, schema: z.ZodType<T>, header: readonly string[]): T[] {
  const text = readFileSync(join(dir, file), 'utf8');
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    throw new SeedError(`${file}: ${(error as Error).message}`);
  }
  const [head, ...rows] = records;
  if (!head || head.join(',') !== header.join(',')) {
    throw new SeedError(
      `${file}, row 1: the header must be "${header.join(',')}", found "${head?.join(',') ?? ''}"`,
    );
  }
  return rows.map((cells, i) => {
    const record = Object.fromEntries(header.map((name, column) => [name, cells[column]?.trim() ?? '']));
    const parsed = schema.safeParse(record);
    if (!parsed.success) throw new SeedError(`${file}, row ${i + 2}: ${describeIssues(parsed.error)}`);
    return parsed.data;
  });
}

/** Reads and validates every seed file of a folder; throws a SeedError naming the first bad row. */
/** Where the districts' seeds are, each in a folder of its own with the same files. */
export const DISTRICTS_FOLDER = 'districts';

/**
 * Every seed under a folder: its own plan (the metropolitan city's), then each district's under
 * `districts/<code>/`, in name order, so that a district's city is loaded before it.
 */
export function readSeedSet(dir: string): SeedFiles[] {
  const districts = join(dir, DISTRICTS_FOLDER);
  const folders = existsSync(districts)
    ? readdirSync(districts, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return [readSeedFiles(dir), ...folders.map((folder) => readSeedFiles(join(districts, folder)))];
}

export function readSeedFiles(dir: string): SeedFiles {
  const planParsed = planFile.safeParse(parseYaml(readFileSync(join(dir, 'plan.yaml'), 'utf8')));
  if (!planParsed.success) throw new SeedError(`plan.yaml: ${describeIssues(planParsed.error)}`);
  return {
    plan: planParsed.data,
    departments: readCsv(dir, 'departments.csv', departmentRow, ['code', 'name_ko', 'name_en']),
    indicators: readCsv(dir, 'indicators.csv', indicatorRow, Object.keys(indicatorRow.shape)),
    targets: readCsv(dir, 'targets.csv', targetRow, ['kpi_code', 'period', 'value']),
    measurements: readCsv(dir, 'measurements.csv', measurementRow, Object.keys(measurementRow.shape)),
    milestones: readCsv(dir, 'milestones.csv', milestoneRow, Object.keys(milestoneRow.shape)),
    users: readCsv(dir, 'users.csv', userRow, [
      'username',
      'display_name',
      'role',
      'department',
      'password',
      'email',
    ]),
    nextYears: readNextYears(dir),
  };
}
