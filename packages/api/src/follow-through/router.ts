/**
 * The follow-through procedures: directives (지시사항) and corrective actions. Each validates its
 * input with zod and states its permission (auth/policy.ts: `direct` records a directive, `follow`
 * reports on one or keeps an action, `plan` confirms a completion); the services do the rest.
 * Answers that judge "overdue" depend on the day, so none of them is kept (trpc.ts keptQuery).
 */

import {
  countActionsBySector,
  countDirectivesBySector,
  findActionProgressNotes,
  findCorrectiveActionsOf,
  findDirective,
  findIndicatorByCode,
  findIndicatorsWithOverdueActions,
  findProgressNotes,
  findSectors,
} from '@tangible/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { resolveView } from '../figures.js';
import { code, year } from '../inputs.js';
import { offsetOf } from '../lists/paging.js';
import { refuse } from '../problems.js';
import { procedure } from '../trpc.js';
import { addCorrectiveAction, changeCorrectiveAction } from './actions.js';
import { cityToday, decideDirective, recordDirective, reportDirectiveProgress } from './directives.js';
import {
  actionChange,
  directiveDecision,
  directiveListInput,
  directiveProgress,
  newAction,
  newDirective,
} from './inputs.js';
import { actionView, directiveList, directiveView } from './views.js';

const noteView = (n: Awaited<ReturnType<typeof findProgressNotes>>[number]) => ({
  id: n.id,
  note: n.note,
  writtenBy: n.written_by,
  writtenAt: n.written_at,
  department: n.department_code,
});

export const directivesRouter = {
  /** The plan's directives, filtered by sector, department, state and overdue, a page at a time. */
  list: procedure
    .meta({ permission: 'read' })
    .input(directiveListInput)
    .query(async ({ ctx, input }) => {
      const { plan } = await resolveView(ctx.db, ctx.organisationId, { year: input.year });
      const window = { limit: input.limit, offset: offsetOf(input) };
      const { items, total } = await directiveList(ctx.db, plan.id, input, window, ctx.now());
      return { items, total, page: input.page, limit: input.limit };
    }),

  /** One directive with its progress notes, oldest first (its whole history is in the audit log). */
  detail: procedure
    .meta({ permission: 'read' })
    .input(z.object({ year, id: z.number().int().positive() }))
    .query(async ({ ctx, input }) => {
      const { plan } = await resolveView(ctx.db, ctx.organisationId, { year: input.year });
      const directive = await findDirective(ctx.db, plan.id, input.id);
      if (!directive) throw refuse('NOT_FOUND', 'no_such_directive', { id: input.id });
      const notes = await findProgressNotes(ctx.db, { directiveId: directive.id });
      return { ...directiveView(directive, cityToday(ctx.now())), notes: notes.map(noteView) };
    }),

  /** Recorded at a meeting by the planning office or the mayor's staff. */
  record: procedure
    .meta({ permission: 'direct' })
    .input(newDirective)
    .mutation(async ({ ctx, input }) => {
      const { plan } = await resolveView(ctx.db, ctx.organisationId, { year: input.year });
      return recordDirective(ctx.db, ctx.principal, plan, input, ctx.now());
    }),

  /** An assigned department's progress report, optionally proposing completion. */
  report: procedure
    .meta({ permission: 'follow' })
    .input(directiveProgress)
    .mutation(async ({ ctx, input }) => {
      const { plan } = await resolveView(ctx.db, ctx.organisationId, { year: input.year });
      return reportDirectiveProgress(ctx.db, ctx.principal, plan, input, ctx.now());
    }),

  /** The planning office confirms a proposed completion, or sends it back. */
  decide: procedure
    .meta({ permission: 'plan' })
    .input(directiveDecision)
    .mutation(async ({ ctx, input }) => {
      const { plan } = await resolveView(ctx.db, ctx.organisationId, { year: input.year });
      return decideDirective(ctx.db, ctx.principal, plan, input, ctx.now());
    }),

  /**
   * The overview's panel: per sector, open, overdue and proposed directives and open and overdue
   * corrective actions; and the indicators with an overdue action, to highlight wherever they appear.
   */
  summary: procedure
    .meta({ permission: 'read' })
    .input(z.object({ year }))
    .query(async ({ ctx, input }) => {
      const { plan } = await resolveView(ctx.db, ctx.organisationId, { year: input.year });
      const today = cityToday(ctx.now());
      const [sectors, directives, actions, overdueActionIndicators] = await Promise.all([
        findSectors(ctx.db, plan.id),
        countDirectivesBySector(ctx.db, plan.id, today),
        countActionsBySector(ctx.db, plan.id, today),
        findIndicatorsWithOverdueActions(ctx.db, plan.id, today),
      ]);
      const zero = { open: 0, overdue: 0 };
      return {
        sectors: sectors.map((s) => {
          const d = directives.find((x) => x.sectorId === s.id);
          const a = actions.find((x) => x.sectorId === s.id);
          return {
            code: s.code,
            name: { ko: s.name_ko, en: s.name_en },
            directives: d
              ? { open: d.open, overdue: d.overdue, proposed: d.proposed }
              : { ...zero, proposed: 0 },
            actions: a ? { open: a.open, overdue: a.overdue } : zero,
          };
        }),
        overdueActionIndicators,
      };
    }),
} satisfies TRPCRouterRecord;

export const actionsRouter = {
  /** An indicator's corrective actions, the open ones first, each with its progress notes. */
  ofIndicator: procedure
    .meta({ permission: 'read' })
    .input(z.object({ year, code }))
    .query(async ({ ctx, input }) => {
      const { plan } = await resolveView(ctx.db, ctx.organisationId, { year: input.year });
      const indicator = await findIndicatorByCode(ctx.db, plan.id, input.code.toUpperCase());
      if (!indicator) throw refuse('NOT_FOUND', 'no_such_indicator', { code: input.code, year: plan.year });
      const today = cityToday(ctx.now());
      const actions = await findCorrectiveActionsOf(ctx.db, plan.id, indicator.id);
      const notes = await findActionProgressNotes(
        ctx.db,
        actions.map((a) => a.id),
      );
      return actions.map((a) => ({
        ...actionView(a, today),
        notes: notes.filter((n) => n.action_id === a.id).map(noteView),
      }));
    }),

  /** A new action for an indicator at risk or off track (its owner department, or the planning office). */
  add: procedure
    .meta({ permission: 'follow' })
    .input(newAction)
    .mutation(async ({ ctx, input }) => {
      const resolved = await resolveView(ctx.db, ctx.organisationId, { year: input.year });
      return addCorrectiveAction(ctx.db, ctx.principal, resolved, input, ctx.now());
    }),

  /** A change of state or due date (dropped needs its reason), and a progress note. */
  update: procedure
    .meta({ permission: 'follow' })
    .input(actionChange)
    .mutation(async ({ ctx, input }) => {
      const { plan } = await resolveView(ctx.db, ctx.organisationId, { year: input.year });
      return changeCorrectiveAction(ctx.db, ctx.principal, plan, input, ctx.now());
    }),
} satisfies TRPCRouterRecord;
