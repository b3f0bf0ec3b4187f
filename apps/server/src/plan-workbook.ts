/**
 * The plan workbook over HTTP (issue 12.6), under /api/plan/: the whole plan of a year as xlsx
 * (`workbook.xlsx`) or one kind as CSV (`workbook.csv?kind=indicators`: a file Excel opens as it is,
 * streamed through the exports' safe CSV), for those who read the editor's outline (`propose`: the
 * planning office, admins, bureau heads); and a workbook (xlsx, or one kind's CSV) uploaded as the
 * request body for a dry-run or to apply, for the planning office (`plan`). A dry-run writes nothing;
 * applying is one transaction, refused whole (422, with the dry-run) while any problem remains.
 */

import {
  applyWorkbook,
  dryRunWorkbook,
  ImportFileError,
  type Principal,
  planWorkbook,
  Refusal,
  refusalBody,
  SHEET_KINDS,
  text,
  WorkbookRejected,
  workbookTable,
  workbookXlsx,
} from '@tangible/api';
import { type Db, observeOwnWrite } from '@tangible/db';
import { type Request, type Response, Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type AuthOptions, requirePermission } from './auth.js';
import { sendCsv } from './csv.js';
import { DEFAULT_IMPORT_LIMITS, ReadingSlots } from './imports.js';
import { sendBusy, sendRefused } from './refusals.js';
import { BODY_LIMITS, bodyOf } from './requests.js';

const year = z.coerce.number().int().min(2000).max(2100);
const lang = z.enum(['ko', 'en']).default('ko');
const download = z.object({ year, lang });
const csvDownload = download.extend({ kind: z.enum(SHEET_KINDS as [string, ...string[]]) });
const upload = z.object({ year, filename: text('fileName').default('plan.xlsx') });

function fail(res: Response, error: unknown): void {
  if (error instanceof ImportFileError) {
    res
      .status(400)
      .json({ error: error.message, line: error.line, problem: { code: error.code, params: error.params } });
  } else if (error instanceof WorkbookRejected) {
    const refusal = new Refusal('workbook_has_problems', { count: error.dryRun.problems.length });
    res.status(422).json({ ...refusalBody(refusal), dryRun: error.dryRun });
  } else if (!sendRefused(res, error)) {
    throw error;
  }
}

const userOf = (res: Response) => (res.locals.principal as Principal & { kind: 'user' }).user;

export function planWorkbookRoutes(
  db: Db,
  auth: AuthOptions,
  logger: Logger,
  slots: ReadingSlots = new ReadingSlots(DEFAULT_IMPORT_LIMITS.maxConcurrent),
): Router {
  const router = Router();
  const reading = requirePermission(db, auth, 'propose');
  const planning = requirePermission(db, auth, 'plan');

  router.get('/workbook.xlsx', reading, async (req: Request, res: Response) => {
    try {
      const query = download.parse(req.query);
      const book = await planWorkbook(db, userOf(res), query.year, query.lang);
      const bytes = await workbookXlsx(book, query.lang);
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="tangible-plan-${query.year}-${query.lang}.xlsx"`,
      );
      res.setHeader('Cache-Control', 'no-store');
      res.end(Buffer.from(bytes));
    } catch (error) {
      fail(res, error);
    }
  });

  router.get('/workbook.csv', reading, async (req: Request, res: Response) => {
    try {
      const query = csvDownload.parse(req.query);
      const book = await planWorkbook(db, userOf(res), query.year, query.lang);
      await sendCsv(res, workbookTable(book, query.kind as (typeof SHEET_KINDS)[number], query.lang));
    } catch (error) {
      fail(res, error);
    }
  });

  // Reading a workbook takes a core: it takes one of the slots the value imports take, one more refused.
  const raw = bodyOf(BODY_LIMITS.import, 'file_too_large');
  function uploaded(apply: boolean) {
    return async (req: Request, res: Response) => {
      if (slots.running >= slots.max) {
        sendBusy(res, 503, 'import_busy', slots.running);
        return;
      }
      slots.running += 1;
      try {
        const query = upload.parse(req.query);
        const principal = res.locals.principal as Principal;
        const files = [
          { bytes: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), filename: query.filename },
        ];
        const result = apply
          ? await applyWorkbook(db, principal, query.year, files, new Date())
          : await dryRunWorkbook(db, principal, query.year, files);
        // Its writer's next reads see it, in this process or another (db change-watch.ts).
        if (apply) await observeOwnWrite(db);
        if (apply)
          logger.info(
            { year: query.year, added: result.added.length, changed: result.changed.length },
            'plan workbook applied',
          );
        res.json(result);
      } catch (error) {
        fail(res, error);
      } finally {
        slots.running -= 1;
      }
    };
  }
  router.post('/workbook/dry-run', planning, raw, uploaded(false));
  router.post('/workbook/apply', planning, raw, uploaded(true));
  return router;
}
