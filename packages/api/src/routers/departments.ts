import { countMilestones, findDepartments, findDepartmentsInPlan } from '@tangible/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { resolveView } from '../figures.js';
import { code, view, year } from '../inputs.js';
import { departmentPage, departmentSort, departmentSummaries } from '../lists/departments.js';
import { order, pageInput } from '../lists/paging.js';
import { refuse } from '../problems.js';
import { keptQuery } from '../trpc.js';

export const departmentsRouter = {
  /** The departments that own indicators or milestones in the plan, names only: for choosing one. */
  list: keptQuery.input(z.object({ year })).query(async ({ ctx, input }) => {
    const { plan } = await resolveView(ctx.db, ctx.organisationId, input);
    const departments = await findDepartmentsInPlan(ctx.db, plan.id);
    return departments.map((d) => ({ code: d.code, name: { ko: d.name_ko, en: d.name_en } }));
  }),

  /**
   * Every department that owns indicators, side by side, a page at a time: score, status counts,
   * indicators and how many have not reported, sorted by any of them. Each department's indicators
   * are a department filter of indicators.list away.
   */
  comparison: keptQuery
    .input(
      view.extend({
        sector: code.optional(),
        sort: departmentSort.default('code'),
        order: order.default('asc'),
        lang: z.enum(['ko', 'en']).default('ko'),
        ...pageInput({ limit: 50 }),
      }),
    )
    .query(async ({ ctx, input }) => {
      const resolved = await resolveView(ctx.db, ctx.organisationId, input);
      const page = await departmentPage(ctx.db, resolved, { sectorCode: input.sector?.toUpperCase() }, input);
      return {
        asOf: resolved.asOfText,
        year: resolved.plan.year,
        departments: page.items,
        total: page.total,
        page: page.page,
        limit: page.limit,
      };
    }),

  /**
   * One department's heading: its score, status counts, how many indicators it has not reported and
   * how many milestones it owns. Its indicators come from indicators.list, its milestones from
   * milestones.list, a page at a time.
   */
  detail: keptQuery.input(view.extend({ department: code })).query(async ({ ctx, input }) => {
    const resolved = await resolveView(ctx.db, ctx.organisationId, input);
    const departmentCode = input.department.toUpperCase();
    const department = (await findDepartments(ctx.db, ctx.organisationId)).find(
      (d) => d.code === departmentCode,
    );
    if (!department) {
      throw refuse('NOT_FOUND', 'no_such_department', { code: input.department });
    }
    const [[summary], milestoneCount] = await Promise.all([
      departmentSummaries(ctx.db, resolved, { departmentCode }),
      countMilestones(ctx.db, resolved.plan.id, { departmentCode }),
    ]);
    return {
      asOf: resolved.asOfText,
      year: resolved.plan.year,
      department: { code: department.code, name: { ko: department.name_ko, en: department.name_en } },
      score: summary?.score ?? null,
      statusCounts: summary?.statusCounts ?? { on_track: 0, at_risk: 0, off_track: 0, no_data: 0 },
      indicatorCount: summary?.indicatorCount ?? 0,
      lastPeriod: summary?.lastPeriod ?? null,
      unreportedCount: summary?.unreportedCount ?? 0,
      milestoneCount,
    };
  }),
} satisfies TRPCRouterRecord;
