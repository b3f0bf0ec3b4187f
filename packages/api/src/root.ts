import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { districtsRouter } from './districts/router.js';
import { actionsRouter, directivesRouter } from './follow-through/router.js';
import { mailRouter } from './mail/router.js';
import { planEditorRouter } from './planning/router.js';
import { tokensRouter, usersRouter } from './routers/accounts.js';
import { approvalsRouter } from './routers/approvals.js';
import { auditRouter } from './routers/audit.js';
import { authRouter } from './routers/auth.js';
import { departmentsRouter } from './routers/departments.js';
import { inboxRouter } from './routers/inbox.js';
import { indicatorsRouter } from './routers/indicators.js';
import { milestonesRouter } from './routers/milestones.js';
import { planRouter } from './routers/plan.js';
import { reportsRouter } from './routers/reports.js';
import { sectorsRouter } from './routers/sectors.js';
import { createCallerFactory, router } from './trpc.js';
import { yearsRouter } from './years/router.js';

export const appRouter = router({
  auth: authRouter,
  plan: planRouter,
  planEditor: planEditorRouter,
  sectors: sectorsRouter,
  indicators: indicatorsRouter,
  milestones: milestonesRouter,
  departments: departmentsRouter,
  districts: districtsRouter,
  reports: reportsRouter,
  approvals: approvalsRouter,
  audit: auditRouter,
  users: usersRouter,
  tokens: tokensRouter,
  years: yearsRouter,
  inbox: inboxRouter,
  mail: mailRouter,
  directives: directivesRouter,
  actions: actionsRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const createCaller = createCallerFactory(appRouter);
