/** CSV downloads under /api/export/. Cells come from the API's export functions; CSV text from csv-stringify. */

import { auditExport, type Cell, can, indicatorExport } from '@tangible/api';
import type { Db } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { stringify } from 'csv-stringify';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { type AuthOptions, principalOf } from './auth.js';

const code = z.string().regex(/^[A-Za-z0-9-]{1,32}$/, 'must be a code such as ECO');

const indicatorsQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  asOf: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM')
    .optional(),
  sector: code.optional(),
  department: code.optional(),
  status: z.enum(['on_track', 'at_risk', 'off_track', 'no_data']).optional(),
  lang: z.enum(['ko', 'en']).default('ko'),
});

const auditQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  indicator: code.optional(),
});

const HTTP_STATUS: Partial<Record<TRPCError['code'], number>> = { NOT_FOUND: 404, BAD_REQUEST: 400 };

function sendError(res: Response, error: unknown): void {
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    res
      .status(400)
      .json({ error: `${issue?.path.join('.')}: ${issue?.message}`, field: issue?.path.join('.') });
    return;
  }
  if (error instanceof TRPCError) {
    res.status(HTTP_STATUS[error.code] ?? 500).json({ error: error.message });
    return;
  }
  throw error;
}

/** Sends cells as an Excel-friendly CSV: UTF-8 with a byte-order mark, RFC 4180 quoting, CRLF. */
function sendCsv(
  res: Response,
  filename: string,
  table: { columns: readonly string[]; rows: Cell[][] },
): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  const csv = stringify({
    bom: true,
    header: true,
    columns: [...table.columns],
    record_delimiter: 'windows',
  });
  csv.pipe(res);
  for (const row of table.rows) csv.write(row);
  csv.end();
}

export function exportRoutes(db: Db, auth: AuthOptions): Router {
  const router = Router();
  // Exports need a signed-in user or an API token with the export permission.
  router.use(async (req: Request, res: Response, next) => {
    const principal = await principalOf(db, req, auth);
    if (can(principal, 'export')) return next();
    if (principal.kind === 'user') {
      res.status(403).json({ error: 'Your account may not export.' });
      return;
    }
    res
      .status(401)
      .setHeader('WWW-Authenticate', 'Bearer')
      .json({ error: 'Sign in, or send Authorization: Bearer <token>.' });
  });
  router.get('/indicators.csv', async (req: Request, res: Response) => {
    try {
      const query = indicatorsQuery.parse(req.query);
      const table = await indicatorExport(db, query);
      const scope = [query.sector, query.department, query.status].filter(Boolean).join('-');
      const filename = `tangible-indicators-${table.year}-as-of-${table.asOf}${scope ? `-${scope}` : ''}-${query.lang}.csv`;
      sendCsv(res, filename, table);
    } catch (error) {
      sendError(res, error);
    }
  });
  router.get('/audit.csv', async (req: Request, res: Response) => {
    try {
      const query = auditQuery.parse(req.query);
      const table = await auditExport(db, query);
      sendCsv(res, `tangible-audit-${query.year}${query.indicator ? `-${query.indicator}` : ''}.csv`, table);
    } catch (error) {
      sendError(res, error);
    }
  });
  return router;
}
