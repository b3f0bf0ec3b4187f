/**
 * CSV downloads under /api/export/ (session cookie or API token with the export permission):
 * indicators, measurements, milestones, departments, audit; and `table.csv`, which turns a table the
 * web app shows into the same safe CSV, so every screen's "Export CSV" gives exactly its rows.
 * Each export reads through a snapshot of its own, a bounded number run at once, and each must keep
 * moving (snapshots.ts, transfer.ts), so a slow reader of one cannot starve the others.
 */

import type { Cell } from '@tangible/api';
import {
  auditExport,
  DEPARTMENT_COLUMNS,
  departmentExport,
  directiveExport,
  type ExportTable,
  exportAcrossYears,
  headerFor,
  indicatorBaselineExport,
  indicatorExport,
  type Lang,
  MEASUREMENT_COLUMNS,
  MILESTONE_COLUMNS,
  measurementExport,
  milestoneExport,
  noRowsOf,
  type Principal,
  parseYears,
  workbookOf,
} from '@tangible/api';
import type { Db } from '@tangible/db';
import { type Request, type Response, Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type AuthOptions, requirePermission } from './auth.js';
import { sendCsv } from './csv.js';
import { sendBusy, sendRefused } from './refusals.js';
import { type ExportSlot, exportSlots } from './snapshots.js';
import { DEFAULT_TRANSFER_LIMITS, type TransferLimits } from './transfer.js';

export interface ExportLimits extends TransferLimits {
  /** Exports running at once; one more is refused (503 with Retry-After). */
  maxConcurrent: number;
}

export const DEFAULT_EXPORT_LIMITS: ExportLimits = { ...DEFAULT_TRANSFER_LIMITS, maxConcurrent: 4 };

/** Exports one caller may run at once (in each pool's bound); a second script or tab still works. */
const PER_CALLER = 2;

/** Who is exporting, for the per-caller share: the user, or the API token (a script). */
function callerKey(principal: Principal): string {
  if (principal.kind !== 'user') return principal.kind;
  return principal.via === 'token' ? `token:${principal.tokenId}` : `user:${principal.user.id}`;
}

import { BODY_LIMITS, bodyOf, jsonOf } from './requests.js';

const code = z.string().regex(/^[A-Za-z0-9-]{1,32}$/, 'must be a code such as ECO');
/** One year or several (`year=2023,2024`): parsed in the route, where its refusal says how to write it (export/years.ts). */
const yearList = z.union([z.string(), z.array(z.string())]);
const base = z.object({
  year: yearList,
  asOf: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM')
    .optional(),
  sector: code.optional(),
  department: code.optional(),
  lang: z.enum(['ko', 'en']).default('ko'),
});

const QUERIES = {
  indicators: base.extend({ status: z.enum(['on_track', 'at_risk', 'off_track', 'no_data']).optional() }),
  measurements: base.extend({
    indicator: code.optional(),
    status: z.enum(['pending', 'approved', 'returned', 'superseded']).optional(),
  }),
  milestones: base,
  departments: base.omit({ department: true }),
  /** The directives page's filters (sector, department, state, overdue). */
  directives: z.object({
    year: z.coerce.number().int().min(2000).max(2100),
    sector: code.optional(),
    department: code.optional(),
    state: z.enum(['open', 'in_progress', 'proposed', 'done', 'not_done']).optional(),
    overdue: z.enum(['1', 'true']).optional(),
    lang: z.enum(['ko', 'en']).default('ko'),
  }),
  audit: z.object({
    year: z.coerce.number().int().min(2000).max(2100),
    indicator: code.optional(),
    lang: z.enum(['ko', 'en']).default('ko'),
  }),
};

const cell = z.union([z.string().max(10_000), z.number(), z.null()]);
/** A table as the web app shows it: its file name, header labels and rows (at most 20,000). */
const shownTable = z.object({
  name: z.string().regex(/^[\w.-]{1,120}$/, 'letters, digits, dots, hyphens and underscores'),
  header: z.array(z.string().max(200)).min(1).max(100),
  rows: z.array(z.array(cell).max(100)).max(20_000),
});

export function exportRoutes(
  db: Db,
  auth: AuthOptions,
  logger: Logger,
  limits: ExportLimits = DEFAULT_EXPORT_LIMITS,
): Router {
  const router = Router();
  // Two pools of the same size: exports that read the database, and tables a screen sends back
  // (table.csv reads nothing), so that long database exports never refuse a screen's "Export CSV".
  const databaseSlots = exportSlots(db, limits.maxConcurrent);
  const tableSlots = exportSlots(db, limits.maxConcurrent);
  // Exports need a signed-in user or an API token with the export permission.
  router.use(requirePermission(db, auth, 'export'));

  // Exports each caller (a user, or one API token) is running: one caller may hold at most
  // PER_CALLER of the slots, so a single user's slow downloads never take every slot. Counted per
  // process, as the slots are: several processes behind a proxy each keep their own slots (their
  // own connections and memory), so a caller may run PER_CALLER in each, never all of any one's.
  const byCaller = new Map<string, number>();

  /** Runs an export in a slot, or refuses it when the caller's share or every slot is taken. */
  async function inSlot(res: Response, read: boolean, work: (slot: ExportSlot) => Promise<void>) {
    const caller = callerKey(res.locals.principal as Principal);
    const mine = byCaller.get(caller) ?? 0;
    if (mine >= PER_CALLER) {
      logger.warn({ caller, running: mine }, 'export refused: this caller runs enough');
      sendBusy(res, 429, 'export_busy_caller', mine);
      return;
    }
    const slots = read ? databaseSlots : tableSlots;
    const slot = await slots.take({ read });
    if (!slot) {
      logger.warn({ running: slots.running, read }, 'export refused: too many running');
      sendBusy(res, 503, 'export_busy', slots.running);
      return;
    }
    byCaller.set(caller, mine + 1);
    try {
      await work(slot);
    } finally {
      const left = (byCaller.get(caller) ?? 1) - 1;
      if (left > 0) byCaller.set(caller, left);
      else byCaller.delete(caller);
      await slot.release();
    }
  }

  async function send(res: Response, table: ExportTable) {
    const started = Date.now();
    const rows = await sendCsv(res, table, {
      limits,
      onCut: (reason) => logger.warn({ export: table.name, reason }, 'export cut'),
    });
    logger.info({ export: table.name, rows, ms: Date.now() - started }, 'export');
  }

  /**
   * A route of an export that takes several years (export/years.ts exportAcrossYears): each year of
   * a plan made as the one-year export, each year stood for by a later plan's baselines by `standIn`.
   */
  function yearsRoute<T extends { year: string | string[]; asOf?: string | undefined; lang: 'ko' | 'en' }>(
    path: string,
    schema: z.ZodType<T>,
    make: (db: Db, organisationId: number, query: Omit<T, 'year'> & { year: number }) => Promise<ExportTable>,
    standIn: (
      db: Db,
      organisationId: number,
      query: Omit<T, 'year' | 'asOf'> & { year: number },
    ) => Promise<ExportTable>,
  ) {
    route(path, schema, (db, organisationId, query) =>
      exportAcrossYears(
        db,
        organisationId,
        { years: parseYears(query.year), asOf: query.asOf, lang: query.lang },
        (year, asOf) => make(db, organisationId, { ...query, year, asOf }),
        (year) => standIn(db, organisationId, { ...query, year, asOf: undefined }),
      ),
    );
  }

  function route<T>(
    path: string,
    schema: z.ZodType<T>,
    make: (db: Db, organisationId: number, query: T) => Promise<ExportTable>,
  ) {
    router.get(path, async (req: Request, res: Response) => {
      const query = schema.safeParse(req.query);
      if (!query.success) {
        sendRefused(res, query.error);
        return;
      }
      await inSlot(res, true, async (slot) => {
        let table: ExportTable;
        try {
          // The caller's own organisation's, never another's (exports need a user or a user's token).
          const { user } = res.locals.principal as Principal & { kind: 'user' };
          table = await slot.sendable(await make(slot.db, user.organisationId, query.data));
        } catch (error) {
          if (!sendRefused(res, error)) throw error;
          return;
        }
        await send(res, table);
      });
    });
  }
  // A year stood for by baselines has indicator rows (its baselines), and no reported values,
  // milestones or department scores: nothing of it was reported in Tangible.
  const noRows =
    (table: string, columns: readonly string[]) =>
    async (_db: Db, _org: number, query: { year: number; lang: Lang }) =>
      noRowsOf(`${table}-${query.year}-baselines-${query.lang}`, columns, headerFor(columns, query.lang));
  yearsRoute('/indicators.csv', QUERIES.indicators, indicatorExport, indicatorBaselineExport);
  yearsRoute(
    '/measurements.csv',
    QUERIES.measurements,
    measurementExport,
    noRows('measurements', MEASUREMENT_COLUMNS),
  );
  yearsRoute('/milestones.csv', QUERIES.milestones, milestoneExport, noRows('milestones', MILESTONE_COLUMNS));
  yearsRoute(
    '/departments.csv',
    QUERIES.departments,
    departmentExport,
    noRows('departments', DEPARTMENT_COLUMNS),
  );
  route('/audit.csv', QUERIES.audit, auditExport);
  const directives = (db: Db, organisationId: number, query: z.infer<typeof QUERIES.directives>) =>
    directiveExport(db, organisationId, { ...query, overdue: query.overdue !== undefined }, new Date());
  route('/directives.csv', QUERIES.directives, directives);

  // The same rows as an Excel workbook: small (a plan's directives), so built whole and sent at once,
  // but in an export slot like every export that reads the database, on the slot's snapshot.
  router.get('/directives.xlsx', async (req: Request, res: Response) => {
    const query = QUERIES.directives.safeParse(req.query);
    if (!query.success) {
      sendRefused(res, query.error);
      return;
    }
    await inSlot(res, true, async (slot) => {
      try {
        const { user } = res.locals.principal as Principal & { kind: 'user' };
        const table = await directives(slot.db, user.organisationId, query.data);
        // directiveExport's rows are a list (a plan's directives), never a stream.
        const rows = table.rows as Cell[][];
        const body = await workbookOf({ ...table, rows });
        res
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .attachment(`${table.name}.xlsx`)
          .send(body);
        logger.info({ export: `${table.name}.xlsx`, rows: rows.length }, 'export');
      } catch (error) {
        if (!sendRefused(res, error)) throw error;
      }
    });
  });

  router.post('/table.csv', bodyOf(BODY_LIMITS.table), async (req: Request, res: Response) => {
    const parsed = shownTable.safeParse(jsonOf(req.body));
    if (!parsed.success) {
      sendRefused(res, parsed.error);
      return;
    }
    const { name, header, rows } = parsed.data;
    await inSlot(res, false, () => send(res, { name, columns: header, header, rows }));
  });
  return router;
}
