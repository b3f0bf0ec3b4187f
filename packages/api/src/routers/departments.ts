import { findDepartments } from '@tangible/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { evaluateMilestones, resolveView, storedIndicators } from '../figures.js';
import { code, view } from '../inputs.js';
import { refuse } from '../problems.js';
import { rollup, unreported } from '../summaries.js';
import { procedure } from '../trpc.js';

export const departmentsRouter = {
  /** Every department that owns indicators, side by side: score, status counts, each indicator's attainment. */
  comparison: procedure.input(view.extend({ sector: code.optional() })).query(async ({ ctx, input }) => {
    const resolved = await resolveView(ctx.db, input);
    const evaluations = await storedIndicators(ctx.db, resolved, {
      sectorCode: input.sector?.toUpperCase(),
    });
    const indicators = evaluations.map((e) => e.view);
    const departments = await findDepartments(ctx.db);
    return {
      asOf: resolved.asOfText,
      year: resolved.plan.year,
      departments: departments
        .map((department) => {
          const own = indicators.filter((i) => i.department.code === department.code);
          return {
            code: department.code,
            name: { ko: department.name_ko, en: department.name_en },
            ...rollup(own),
            unreportedCount: unreported(own).length,
            indicators: own,
          };
        })
        .filter((d) => d.indicatorCount > 0),
    };
  }),

  /** One department's own page: what it owns, and what it has not reported yet. */
  detail: procedure.input(view.extend({ department: code })).query(async ({ ctx, input }) => {
    const resolved = await resolveView(ctx.db, input);
    const departmentCode = input.department.toUpperCase();
    const department = (await findDepartments(ctx.db)).find((d) => d.code === departmentCode);
    if (!department) {
      throw refuse('NOT_FOUND', 'no_such_department', { code: input.department });
    }
    const [evaluations, milestones] = await Promise.all([
      storedIndicators(ctx.db, resolved, { departmentCode }),
      evaluateMilestones(ctx.db, resolved, { departmentCode }),
    ]);
    const indicators = evaluations.map((e) => e.view);
    return {
      asOf: resolved.asOfText,
      year: resolved.plan.year,
      department: { code: department.code, name: { ko: department.name_ko, en: department.name_en } },
      ...rollup(indicators),
      indicators,
      unreported: unreported(indicators),
      milestones,
    };
  }),
} satisfies TRPCRouterRecord;
