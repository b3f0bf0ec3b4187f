/**
 * CSV downloads under /api/export/ (session cookie or API token with the export permission):
 * indicators, measurements, milestones, departments, audit; and `table.csv`, which turns a table the
 * web app shows into the same safe CSV, so every screen's "Export CSV" gives exactly its rows.
 * Each export reads through a snapshot of its own, a bounded number run at once, and each must keep
 * moving (snapshots.ts, transfer.ts), so a slow reader of one cannot starve the others.
 */

import {
  auditExport,
  departmentExport,
  type ExportTable,
  indicatorExport,
  measurementExport,
  milestoneExport,
  type Principal,
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
const base = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
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
  // PER_CALLER of the slots, so a single user's slow downloads never take every slot.
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

  function route<T>(path: string, schema: z.ZodType<T>, make: (db: Db, query: T) => Promise<ExportTable>) {
    router.get(path, async (req: Request, res: Response) => {
      const query = schema.safeParse(req.query);
      if (!query.success) {
        sendRefused(res, query.error);
        return;
      }
      await inSlot(res, true, async (slot) => {
        let table: ExportTable;
        try {
          table = await slot.sendable(await make(slot.db, query.data));
        } catch (error) {
          if (!sendRefused(res, error)) throw error;
          return;
        }
        await send(res, table);
      });
    });
  }
  route('/indicators.csv', QUERIES.indicators, indicatorExport);
  route('/measurements.csv', QUERIES.measurements, measurementExport);
  route('/milestones.csv', QUERIES.milestones, milestoneExport);
  route('/departments.csv', QUERIES.departments, departmentExport);
  route('/audit.csv', QUERIES.audit, auditExport);

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
