/**
 * Loading the seed into the database: cross-checks every reference, then writes the whole plan in
 * one transaction, so that a bad file writes nothing.
 */

import { parsePeriod } from '@tangible/core';
import type { Db } from '../connection.js';
import { buildPlanFigures } from '../figures/refresh.js';
import { hashPassword } from '../password.js';
import { SeedError, type SeedFiles } from './files.js';
import { loadNextYear, type NextYearSummary } from './next-year.js';

/** The organisation of a seed that names none: the one the migrations made for existing data. */
const FIRST_ORGANISATION = 'busan';

/**
 * The seed's organisation, made when it is new (a district under its metropolitan city, which
 * must be there already); a seed that names none is the first organisation's.
 */
async function organisationOf(db: Db, named: SeedFiles['plan']['organisation']): Promise<number> {
  const code = named?.code ?? FIRST_ORGANISATION;
  const found = await db.selectFrom('organisations').select('id').where('code', '=', code).executeTakeFirst();
  if (found) return found.id;
  if (!named) throw new SeedError(`The organisation "${code}" is not in the database; run the migrations.`);
  let parentId: number | null = null;
  if (named.parent) {
    const parent = await db
      .selectFrom('organisations')
      .select('id')
      .where('code', '=', named.parent)
      .executeTakeFirst();
    if (!parent) throw new SeedError(`plan.yaml, organisation.parent: "${named.parent}" is not loaded yet`);
    parentId = parent.id;
  }
  const { id } = await db
    .insertInto('organisations')
    .values({
      code,
      name_ko: named.name.ko,
      name_en: named.name.en,
      kind: parentId === null ? 'metropolitan' : 'district',
      parent_id: parentId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Row numbers as a spreadsheet shows them: the header is row 1, the first record row 2. */
const row = (index: number) => index + 2;

function uniqueBy<T>(file: string, rows: readonly T[], key: (r: T) => string, what: string): Map<string, T> {
  const seen = new Map<string, T>();
  rows.forEach((r, i) => {
    const k = key(r);
    if (seen.has(k)) throw new SeedError(`${file}, row ${row(i)}: ${what} "${k}" appears twice`);
    seen.set(k, r);
  });
  return seen;
}

/** Checks every cross-reference of the seed files; throws a SeedError naming file, row and field. */
export function checkSeed(files: SeedFiles): void {
  const { plan } = files;
  const departments = uniqueBy('departments.csv', files.departments, (d) => d.code, 'department code');
  const projects = new Map<string, string>();
  const sectorCodes = new Set<string>();
  for (const sector of plan.sectors) {
    if (sectorCodes.has(sector.code))
      throw new SeedError(`plan.yaml: sector code "${sector.code}" appears twice`);
    sectorCodes.add(sector.code);
    for (const strategy of sector.strategies) {
      for (const project of strategy.projects) {
        if (projects.has(project.code)) {
          throw new SeedError(`plan.yaml: project code "${project.code}" appears twice`);
        }
        if (!departments.has(project.department)) {
          throw new SeedError(
            `plan.yaml, project ${project.code}: department "${project.department}" is not in departments.csv`,
          );
        }
        projects.set(project.code, project.department);
      }
    }
  }
  const indicators = uniqueBy('indicators.csv', files.indicators, (r) => r.code, 'indicator code');
  files.indicators.forEach((indicator, i) => {
    const at = `indicators.csv, row ${row(i)}`;
    if (!projects.has(indicator.project))
      throw new SeedError(`${at}, project: "${indicator.project}" is not in plan.yaml`);
    if (!departments.has(indicator.department)) {
      throw new SeedError(`${at}, department: "${indicator.department}" is not in departments.csv`);
    }
    if (indicator.aggregation === 'last' && indicator.baseline === null) {
      throw new SeedError(`${at}, baseline: a level indicator (aggregation "last") needs a baseline`);
    }
    const onTrack = indicator.on_track ?? 0.95;
    const atRisk = indicator.at_risk ?? 0.8;
    if (atRisk > onTrack)
      throw new SeedError(`${at}, at_risk: must not be above on_track (${atRisk} > ${onTrack})`);
  });
  const checkPeriods = (
    file: string,
    rows: readonly { kpi_code: string; period: string }[],
    forMeasurements: boolean,
  ) => {
    uniqueBy(file, rows, (r) => `${r.kpi_code} ${r.period}`, 'indicator and period');
    rows.forEach((r, i) => {
      const at = `${file}, row ${row(i)}`;
      const indicator = indicators.get(r.kpi_code);
      if (!indicator) throw new SeedError(`${at}, kpi_code: "${r.kpi_code}" is not in indicators.csv`);
      if (forMeasurements && indicator.aggregation === 'milestones') {
        throw new SeedError(
          `${at}, kpi_code: ${r.kpi_code} is measured by its milestones, not by reported values`,
        );
      }
      const period = parsePeriod(r.period);
      if (!period || period.year !== plan.year) {
        throw new SeedError(`${at}, period: "${r.period}" is not in the plan year ${plan.year}`);
      }
      if (forMeasurements && period.frequency !== indicator.frequency) {
        throw new SeedError(
          `${at}, period: "${r.period}" does not match ${r.kpi_code}'s ${indicator.frequency} frequency`,
        );
      }
      if (!forMeasurements && period.frequency === 'annual') {
        throw new SeedError(
          `${at}, period: an interim target needs a month or a quarter; the annual target is in indicators.csv`,
        );
      }
    });
  };
  checkPeriods('measurements.csv', files.measurements, true);
  checkPeriods('targets.csv', files.targets, false);
  uniqueBy('milestones.csv', files.milestones, (m) => m.code, 'milestone code');
  uniqueBy('users.csv', files.users, (u) => u.username, 'username');
  files.users.forEach((user, i) => {
    if (user.department !== null && !departments.has(user.department)) {
      throw new SeedError(
        `users.csv, row ${row(i)}, department: "${user.department}" is not in departments.csv`,
      );
    }
  });
  files.milestones.forEach((milestone, i) => {
    const at = `milestones.csv, row ${row(i)}`;
    if (!projects.has(milestone.project))
      throw new SeedError(`${at}, project: "${milestone.project}" is not in plan.yaml`);
    if (!departments.has(milestone.department)) {
      throw new SeedError(`${at}, department: "${milestone.department}" is not in departments.csv`);
    }
  });
}

export interface SeedOptions {
  /** When the values are recorded as entered (ISO timestamp). */
  readonly enteredAt: string;
}

/** What a seed wrote. */
export interface SeedSummary {
  /** The organisation's code. */
  organisation: string;
  year: number;
  sectors: number;
  indicators: number;
  measurements: number;
  milestones: number;
  users: number;
  /** The later years made from this plan by copy-forward (seed/next-year.ts). */
  nextYears?: NextYearSummary[];
}

/**
 * Writes the plan in one transaction. Departments are matched by code (existing ones keep their id
 * and take the seed's names). Refuses a plan year that is already in the database.
 */
export async function loadSeed(db: Db, files: SeedFiles, options: SeedOptions): Promise<SeedSummary> {
  checkSeed(files);
  const { plan } = files;
  // Hashing is slow on purpose; do it before the transaction holds the database.
  const passwordHashes = await Promise.all(files.users.map((user) => hashPassword(user.password)));
  return db.transaction().execute(async (trx) => {
    const organisationId = await organisationOf(trx, plan.organisation);
    const existing = await trx
      .selectFrom('plans')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('year', '=', plan.year)
      .executeTakeFirst();
    if (existing) {
      throw new SeedError(
        `The ${plan.year} plan is already in the database; reset it first (pnpm cli db reset).`,
        'plan_loaded',
        { year: plan.year },
      );
    }
    const departmentIds = new Map<string, number>();
    for (const department of files.departments) {
      const { id } = await trx
        .insertInto('departments')
        .values({ ...department, organisation_id: organisationId })
        .onConflict((oc) =>
          oc
            .columns(['organisation_id', 'code'])
            .doUpdateSet({ name_ko: department.name_ko, name_en: department.name_en }),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      departmentIds.set(department.code, id);
    }
    const departmentId = (departmentCode: string) => departmentIds.get(departmentCode) as number;

    const { id: planId } = await trx
      .insertInto('plans')
      .values({
        organisation_id: organisationId,
        year: plan.year,
        name_ko: plan.name.ko,
        name_en: plan.name.en,
        core_goal_ko: plan.coreGoal.ko,
        core_goal_en: plan.coreGoal.en,
        source: plan.source,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [position, goal] of plan.goals.entries()) {
      await trx
        .insertInto('plan_goals')
        .values({ plan_id: planId, position, name_ko: goal.ko, name_en: goal.en })
        .execute();
    }

    const projectIds = new Map<string, number>();
    for (const [sectorPosition, sector] of plan.sectors.entries()) {
      const { id: sectorId } = await trx
        .insertInto('sectors')
        .values({
          plan_id: planId,
          code: sector.code,
          position: sectorPosition,
          name_ko: sector.name.ko,
          name_en: sector.name.en,
          goal_ko: sector.goal.ko,
          goal_en: sector.goal.en,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [strategyPosition, strategy] of sector.strategies.entries()) {
        const { id: strategyId } = await trx
          .insertInto('strategies')
          .values({
            sector_id: sectorId,
            code: strategy.code,
            position: strategyPosition,
            name_ko: strategy.name.ko,
            name_en: strategy.name.en,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const [projectPosition, project] of strategy.projects.entries()) {
          const { id } = await trx
            .insertInto('projects')
            .values({
              strategy_id: strategyId,
              code: project.code,
              position: projectPosition,
              name_ko: project.name.ko,
              name_en: project.name.en,
              department_id: departmentId(project.department),
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          projectIds.set(project.code, id);
        }
      }
    }

    const indicatorIds = new Map<string, number>();
    for (const [position, indicator] of files.indicators.entries()) {
      const { id } = await trx
        .insertInto('indicators')
        .values({
          project_id: projectIds.get(indicator.project) as number,
          department_id: departmentId(indicator.department),
          code: indicator.code,
          position,
          name_ko: indicator.name_ko,
          name_en: indicator.name_en,
          unit: indicator.unit,
          direction: indicator.direction,
          aggregation: indicator.aggregation,
          frequency: indicator.frequency,
          baseline_value: indicator.baseline,
          baseline_year: indicator.baseline_year,
          weight: indicator.weight,
          on_track_threshold: indicator.on_track,
          at_risk_threshold: indicator.at_risk,
          headline: indicator.headline ? 1 : 0,
          source: indicator.source,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      indicatorIds.set(indicator.code, id);
      await trx
        .insertInto('targets')
        .values({
          indicator_id: id,
          period: String(plan.year),
          kind: 'annual',
          value: indicator.annual_target,
        })
        .execute();
    }
    const indicatorId = (kpi: string) => indicatorIds.get(kpi) as number;
    for (const target of files.targets) {
      await trx
        .insertInto('targets')
        .values({
          indicator_id: indicatorId(target.kpi_code),
          period: target.period,
          kind: 'interim',
          value: target.value,
        })
        .execute();
    }
    for (const measurement of files.measurements) {
      await trx
        .insertInto('measurements')
        .values({
          indicator_id: indicatorId(measurement.kpi_code),
          period: measurement.period,
          value: measurement.value,
          note: measurement.note,
          source: measurement.source,
          entered_by: 'seed',
          entered_at: options.enteredAt,
        })
        .execute();
    }
    for (const [position, milestone] of files.milestones.entries()) {
      await trx
        .insertInto('milestones')
        .values({
          project_id: projectIds.get(milestone.project) as number,
          department_id: departmentId(milestone.department),
          code: milestone.code,
          position,
          name_ko: milestone.name_ko,
          name_en: milestone.name_en,
          planned_date: milestone.planned,
          forecast_date: milestone.forecast,
          actual_date: milestone.actual,
          weight: milestone.weight,
          status: 'active',
          note: milestone.note,
          source: milestone.source,
        })
        .execute();
    }
    // The plan's figures are part of loading it: stored with it, in the same transaction.
    await buildPlanFigures(trx, planId, options.enteredAt);
    const existingUsers = await trx.selectFrom('users').select('username').execute();
    const taken = new Set(existingUsers.map((u) => u.username));
    for (const [i, user] of files.users.entries()) {
      if (taken.has(user.username)) continue;
      await trx
        .insertInto('users')
        .values({
          username: user.username,
          display_name: user.display_name,
          password_hash: passwordHashes[i] as string,
          role: user.role,
          organisation_id: organisationId,
          department_id: user.department === null ? null : departmentId(user.department),
          demo_password: 1,
          email: user.email,
          created_at: options.enteredAt,
        })
        .execute();
    }
    return {
      organisation: plan.organisation?.code ?? FIRST_ORGANISATION,
      year: plan.year,
      sectors: plan.sectors.length,
      indicators: files.indicators.length,
      measurements: files.measurements.length,
      milestones: files.milestones.length,
      users: files.users.length,
    };
  });
}

/** Loads seeds one after another (a metropolitan city before its districts), each in its own transaction. */
export async function loadSeedSet(
  db: Db,
  set: readonly SeedFiles[],
  options: SeedOptions,
): Promise<SeedSummary[]> {
  const summaries: SeedSummary[] = [];
  for (const files of set) {
    const summary = await loadSeed(db, files, options);
    if (files.nextYears && files.nextYears.length > 0) {
      const { id } = await db
        .selectFrom('organisations')
        .select('id')
        .where('code', '=', summary.organisation)
        .executeTakeFirstOrThrow();
      summary.nextYears = [];
      let from = summary.year;
      for (const next of files.nextYears) {
        summary.nextYears.push(await loadNextYear(db, id, from, next, options.enteredAt));
        from = next.year;
      }
    }
    summaries.push(summary);
  }
  return summaries;
}
