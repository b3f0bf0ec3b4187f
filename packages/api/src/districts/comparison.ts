/**
 * A metropolitan city's districts side by side: each district's plan of the year with its score
 * and status counts, and the indicators they share (same code) with each district's figures. Read
 * from the stored roll-ups and figures (packages/db/src/figures/) at one as-of month for all of them, and only
 * by an executive or administrator of the metropolitan city (auth/policy.ts).
 */

import {
  type Db,
  findDistricts,
  findOrganisationById,
  findPlanFigures,
  findSharedFigures,
} from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { canCompareDistricts, type Principal } from '../auth/policy.js';
import { type Bilingual, resolveView } from '../figures.js';
import { rollupOf } from '../lists/rollups.js';
import { Refusal, refuse } from '../problems.js';

export interface DistrictFigures {
  attainment: number | null;
  status: 'on_track' | 'at_risk' | 'off_track' | 'no_data';
  actualToDate: number | null;
  targetToDate: number;
}

const bilingual = (ko: string, en: string): Bilingual => ({ ko, en });

/**
 * The comparison for the organisation's districts that have a plan of the year, at `asOf` or else
 * the latest month any of them has reported (one month for all, so that they compare fairly).
 */
export async function compareDistricts(
  db: Db,
  principal: Principal,
  organisationId: number,
  input: { year: number; asOf?: string | undefined },
) {
  const organisation = await findOrganisationById(db, organisationId);
  if (organisation?.kind !== 'metropolitan' || !canCompareDistricts(principal)) {
    throw refuse('FORBIDDEN', 'not_metropolitan');
  }
  const districts = await findDistricts(db, organisation.id);
  const planned = [];
  for (const district of districts) {
    // A district without a (confirmed) plan that year is not compared; any other failure to read
    // one is the comparison's failure, not a district silently missing from it.
    const view = await resolveView(db, district.id, { year: input.year }).catch((error: unknown) => {
      if (
        error instanceof TRPCError &&
        error.cause instanceof Refusal &&
        error.cause.problem.code === 'no_such_plan'
      )
        return null;
      throw error;
    });
    if (view) planned.push({ district, plan: view.plan });
  }
  const latest = await Promise.all(planned.map(({ plan }) => findPlanFigures(db, plan.id)));
  const month = input.asOf
    ? Number(input.asOf.slice(5, 7))
    : Math.max(1, ...latest.map((stored) => stored?.latest_month ?? 0));
  if (input.asOf && Number(input.asOf.slice(0, 4)) !== input.year) {
    throw refuse('BAD_REQUEST', 'as_of_outside_plan', { asOf: input.asOf, year: input.year });
  }
  const asOfText = `${input.year}-${String(month).padStart(2, '0')}`;
  const rows = await Promise.all(
    planned.map(async ({ district, plan }) => {
      // The plan's roll-up as stored (figures/rollups.ts), not added up here.
      const { score, statusCounts, indicatorCount } = await rollupOf(
        db,
        { plan, asOf: { year: input.year, month }, asOfText },
        {},
      );
      return {
        code: district.code,
        name: bilingual(district.name_ko, district.name_en),
        plan: bilingual(plan.name_ko, plan.name_en),
        score,
        statusCounts,
        indicatorCount,
      };
    }),
  );
  const codeOf = new Map(planned.map(({ district, plan }) => [plan.id, district.code]));
  const shared = new Map<
    string,
    { code: string; name: Bilingual; unit: string; districts: Record<string, DistrictFigures> }
  >();
  for (const row of await findSharedFigures(
    db,
    planned.map(({ plan }) => plan.id),
    month,
  )) {
    const entry = shared.get(row.code) ?? {
      code: row.code,
      name: bilingual(row.name_ko, row.name_en),
      unit: row.unit,
      districts: {},
    };
    entry.districts[codeOf.get(row.plan_id) ?? ''] = {
      attainment: row.attainment,
      status: row.status ?? 'no_data',
      actualToDate: row.actual_to_date,
      targetToDate: row.target_to_date ?? 0,
    };
    shared.set(row.code, entry);
  }
  return {
    year: input.year,
    asOf: asOfText,
    organisation: { code: organisation.code, name: bilingual(organisation.name_ko, organisation.name_en) },
    districts: rows,
    shared: [...shared.values()],
  };
}
