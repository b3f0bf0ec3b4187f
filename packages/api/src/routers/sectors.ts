import { findProjects, findSectors, findStrategies } from '@tangible/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { seesInternalDetail } from '../auth/policy.js';
import { evaluateMilestones, resolveView, storedIndicators } from '../figures.js';
import { code, view } from '../inputs.js';
import { refuse } from '../problems.js';
import { rollup, tracks } from '../summaries.js';
import { procedure } from '../trpc.js';

export const sectorsRouter = {
  /** The plan's sectors in order, names only: for navigation. */
  list: procedure
    .meta({ permission: 'public' })
    .input(view.pick({ year: true }))
    .query(async ({ ctx, input }) => {
      const resolved = await resolveView(ctx.db, input);
      const sectors = await findSectors(ctx.db, resolved.plan.id);
      return sectors.map((s) => ({ code: s.code, name: { ko: s.name_ko, en: s.name_en } }));
    }),

  /** One sector: its strategies and projects, each with its computed indicators and milestones. */
  detail: procedure
    .meta({ permission: 'public' })
    .input(view.extend({ sector: code }))
    .query(async ({ ctx, input }) => {
      const resolved = await resolveView(ctx.db, input);
      const sectors = await findSectors(ctx.db, resolved.plan.id);
      const sector = sectors.find((s) => s.code === input.sector.toUpperCase());
      if (!sector) {
        throw refuse('NOT_FOUND', 'no_such_sector', {
          code: input.sector,
          year: resolved.plan.year,
          sectors: sectors.map((s) => s.code).join(', '),
        });
      }
      const strategies = await findStrategies(ctx.db, sector.id);
      const projects = await findProjects(ctx.db, sector.id);
      const [evaluations, milestones] = await Promise.all([
        storedIndicators(ctx.db, resolved, { sectorCode: sector.code }),
        evaluateMilestones(
          ctx.db,
          resolved,
          { sectorCode: sector.code },
          { notes: seesInternalDetail(ctx.principal) },
        ),
      ]);
      const indicators = evaluations.map((e) => e.view);
      return {
        asOf: resolved.asOfText,
        year: resolved.plan.year,
        sector: {
          code: sector.code,
          name: { ko: sector.name_ko, en: sector.name_en },
          goal: { ko: sector.goal_ko, en: sector.goal_en },
        },
        ...rollup(indicators),
        strategies: strategies.map((strategy) => ({
          code: strategy.code,
          name: { ko: strategy.name_ko, en: strategy.name_en },
          projects: projects
            .filter((p) => p.strategy_id === strategy.id)
            .map((project) => ({
              code: project.code,
              name: { ko: project.name_ko, en: project.name_en },
              department: {
                code: project.department_code,
                name: { ko: project.department_name_ko, en: project.department_name_en },
              },
              indicators: indicators.filter((i) => i.project.code === project.code),
              milestones: milestones.filter((m) => m.project.code === project.code),
            })),
        })),
        tracks: tracks(resolved, milestones),
      };
    }),
} satisfies TRPCRouterRecord;
