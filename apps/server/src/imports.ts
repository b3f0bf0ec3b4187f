/**
 * Importing actuals over HTTP (the web app's upload, or a script): the template, a preview that
 * writes nothing, and the commit. The file is the request body (raw bytes, any encoding the importer
 * reads); year, file name, column mapping, sheet and header row are query parameters. Needs the report permission.
 */

import {
  commitImport,
  type ExportTable,
  ImportFileError,
  ImportRejected,
  mappingSchema,
  type Principal,
  previewImport,
  Refusal,
  refusalBody,
  reportingStatus,
  resolveView,
  TEMPLATE_HEADERS,
  templateWorkbook,
  text,
  valueInForce,
} from '@tangible/api';
import { type Db, observeOwnWrite } from '@tangible/db';
import { type Request, type Response, Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type AuthOptions, requirePermission } from './auth.js';
import { sendCsv } from './csv.js';
import { sendBusy, sendRefused } from './refusals.js';
import { BODY_LIMITS, bodyOf } from './requests.js';

const query = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  filename: text('fileName').default('upload.csv'),
  mapping: z
    .string()
    .default('{"kind":"template"}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(mappingSchema),
  /** The sheet of a workbook to read; the first by default. */
  sheet: z.string().min(1).max(100).optional(),
  /** The header row as the person numbers it (Excel's); found by looking when absent. */
  headerRow: z.coerce.number().int().min(1).max(1_048_576).optional(),
});

/**
 * Previews and commits reading files at once, all callers together: reading a workbook takes a
 * core and up to a few hundred MB, and the server has two cores and other work to answer. One more
 * is refused (503, Retry-After), as exports are, rather than queued behind files it cannot see.
 */
export const DEFAULT_IMPORT_LIMITS = { maxConcurrent: 2 };
export type ImportLimits = typeof DEFAULT_IMPORT_LIMITS;

/** The files being read at once, counted together by every route that reads an upload (imports, the plan workbook). */
export class ReadingSlots {
  running = 0;
  constructor(readonly max: number) {}
}

function fail(res: Response, error: unknown): void {
  if (error instanceof ImportFileError) {
    res
      .status(400)
      .json({ error: error.message, line: error.line, problem: { code: error.code, params: error.params } });
  } else if (error instanceof ImportRejected) {
    // The preview lists each row's problem; the refusal itself is a code the reader's language says.
    const refusal = new Refusal('import_has_problems', { count: error.preview.counts.error });
    res.status(422).json({ ...refusalBody(refusal), preview: error.preview });
  } else if (!sendRefused(res, error)) {
    throw error;
  }
}

export function importRoutes(
  db: Db,
  auth: AuthOptions,
  logger: Logger,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
  slots: ReadingSlots = new ReadingSlots(limits.maxConcurrent),
): Router {
  const router = Router();
  /** Reads the file in a slot, or refuses when every slot is taken (the body is read already). */
  async function inSlot(res: Response, work: () => Promise<void>): Promise<void> {
    if (slots.running >= slots.max) {
      logger.warn({ running: slots.running }, 'import refused: too many running');
      sendBusy(res, 503, 'import_busy', slots.running);
      return;
    }
    slots.running += 1;
    try {
      await work();
    } finally {
      slots.running -= 1;
    }
  }
  router.use(requirePermission(db, auth, 'report'));

  /**
   * Every indicator the user may report, each ended period, the value in force filled in (the
   * pending one before the approved: sent back unchanged, the template must change nothing).
   */
  async function templateRows(req: Request, res: Response) {
    const { year, department } = z
      .object({
        year: z.coerce.number().int(),
        department: z
          .string()
          .regex(/^[A-Za-z0-9-]{1,32}$/)
          .optional(),
      })
      .parse(req.query);
    const principal = res.locals.principal as Principal & { kind: 'user' };
    const { plan } = await resolveView(db, principal.user.organisationId, { year });
    const own =
      principal.user.role === 'admin'
        ? department?.toUpperCase()
        : (principal.user.departmentCode ?? undefined);
    const indicators = await reportingStatus(db, plan, own, new Date());
    const rows = indicators.flatMap((indicator) =>
      indicator.periods
        .filter((p) => p.state !== 'not_ended')
        .map((p) => [
          indicator.code,
          indicator.name.ko,
          p.period,
          valueInForce(p)?.value ?? null,
          null,
          null,
          null,
          null,
        ]),
    );
    return { name: `import-template-${plan.year}${own ? `-${own}` : ''}`, rows };
  }

  /** A CSV to fill in. */
  router.get('/template.csv', async (req: Request, res: Response) => {
    try {
      const { name, rows } = await templateRows(req, res);
      const header = [...TEMPLATE_HEADERS.en];
      const table: ExportTable = { name, columns: header, header, rows };
      await sendCsv(res, table);
    } catch (error) {
      fail(res, error);
    }
  });

  /** The same as a workbook, its headers in the reader's language (Korean unless lang=en). */
  router.get('/template.xlsx', async (req: Request, res: Response) => {
    try {
      const { lang } = z.object({ lang: z.enum(['ko', 'en']).default('ko') }).parse(req.query);
      const { name, rows } = await templateRows(req, res);
      const workbook = await templateWorkbook(rows, lang);
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', `attachment; filename="tangible-${name}.xlsx"`);
      res.setHeader('Cache-Control', 'no-store');
      res.end(Buffer.from(workbook));
    } catch (error) {
      fail(res, error);
    }
  });

  const raw = bodyOf(BODY_LIMITS.import, 'file_too_large');

  router.post('/preview', raw, (req: Request, res: Response) =>
    inSlot(res, async () => {
      try {
        const input = query.parse(req.query);
        const { user } = res.locals.principal as Principal & { kind: 'user' };
        const { plan } = await resolveView(db, user.organisationId, { year: input.year });
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const { checked: _checked, ...preview } = await previewImport(
          db,
          plan,
          res.locals.principal as Principal,
          body,
          input.mapping,
          new Date(),
          { filename: input.filename, sheet: input.sheet, headerRow: input.headerRow },
        );
        const { fingerprint: _fingerprint, ...shown } = preview;
        res.json(shown);
      } catch (error) {
        fail(res, error);
      }
    }),
  );

  router.post('/commit', raw, (req: Request, res: Response) =>
    inSlot(res, async () => {
      try {
        const input = query.parse(req.query);
        const { user } = res.locals.principal as Principal & { kind: 'user' };
        const { plan } = await resolveView(db, user.organisationId, { year: input.year });
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const result = await commitImport(
          db,
          plan,
          res.locals.principal as Principal,
          body,
          input.mapping,
          new Date(),
          input.filename,
          { sheet: input.sheet, headerRow: input.headerRow },
        );
        logger.info(
          {
            import: input.filename,
            written: result.written,
            unchanged: result.unchanged,
            commentaryOwed: result.commentaryOwed,
          },
          'import',
        );
        // Its writer's next reads see it, in this process or another (db change-watch.ts).
        await observeOwnWrite(db);
        res.json({
          written: result.written,
          unchanged: result.unchanged,
          commentaryOwed: result.commentaryOwed,
          counts: result.preview.counts,
        });
      } catch (error) {
        fail(res, error);
      }
    }),
  );
  return router;
}
