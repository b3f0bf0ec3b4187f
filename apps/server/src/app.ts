/** The HTTP application: security headers, request logs, health, tRPC, CSV exports and the web app. */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appRouter, createContextInner, Refusal, refusalBody, refusingStorageFailure } from '@tangible/api';
import { type Db, storageFailureOf } from '@tangible/db';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { type AdmissionLimits, admission, DEFAULT_ADMISSION_LIMITS } from './admission.js';
import { type AuthOptions, principalOnce, sessionCookie } from './auth.js';
import { compressAnswers, compressExports } from './compression.js';
import { seenDataVersion, tellDataVersion } from './data-version.js';
import { deviceCookie } from './device.js';
import { DEFAULT_EXPORT_LIMITS, type ExportLimits, exportRoutes } from './export.js';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, importRoutes, ReadingSlots } from './imports.js';
import { keptAnswers } from './kept-answers.js';
import { planWorkbookRoutes } from './plan-workbook.js';
import { lastAnswersWhileDraining, notReady, probeRoutes, type Readiness } from './readiness.js';
import { retryAfter } from './refusals.js';
import { BODY_LIMITS, checkAddress, refusalOf } from './requests.js';
import { healthCheck, storageFailureResponse, storageLog } from './storage.js';
import { trpcInput } from './trpc-input.js';

export interface AppOptions extends Partial<AuthOptions> {
  db: Db;
  /**
   * How many requests are answered at once and how far behind the server may fall (admission.ts);
   * main.ts passes the configured ones. Left out, only the first applies: a test's client runs in the
   * server's process, and its own work (reading a large CSV) would count as the server falling behind.
   */
  admissionLimits?: Partial<AdmissionLimits>;
  /** How many exports run at once and how fast each must move (defaults: DEFAULT_EXPORT_LIMITS). */
  exportLimits?: Partial<ExportLimits>;
  /** How many imports read files at once (defaults: DEFAULT_IMPORT_LIMITS). */
  importLimits?: Partial<ImportLimits>;
  logger: Logger;
  /** The built web app (apps/web/dist); served at `/` when present. */
  webDist: string;
  /**
   * Whose X-Forwarded-For to believe (TRUST_PROXY, Express's `trust proxy`): nobody by default, so
   * the client is the connection's own address and no client can claim to be another.
   */
  trustProxy?: false | number | string[];
  /**
   * Started with NODE_ENV=development on purpose: error stacks reach the client and source maps
   * are served. Off otherwise, whatever else NODE_ENV says.
   */
  development?: boolean;
  /** Whether email goes out (SMTP settings given): /healthz says so. */
  email?: 'on' | 'off';
  /** What /readyz reports (readiness.ts); main.ts sets draining on SIGTERM. */
  readiness?: Readiness;
}

/** Security headers (helmet's defaults) with the app's own content policy. */
function securityHeaders(https: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    // Only a server behind HTTPS (COOKIE_SECURE) may tell browsers to use nothing else for a year.
    strictTransportSecurity: https ? { maxAge: 31_536_000 } : false,
  });
}

/** Answers that hold a user's data or session are kept by no cache, the browser's included. */
function noStore(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

export function createApp({
  db,
  admissionLimits,
  exportLimits,
  importLimits,
  logger,
  webDist,
  development = false,
  readiness = notReady(),
  ...rest
}: AppOptions): express.Express {
  const auth: AuthOptions = {
    publicDashboard: rest.publicDashboard ?? false,
    secureCookies: rest.secureCookies ?? false,
  };
  const app = express();
  app.set('trust proxy', rest.trustProxy ?? false);
  app.disable('x-powered-by');

  app.use(lastAnswersWhileDraining(readiness));
  app.use(securityHeaders(auth.secureCookies));
  app.use(compressAnswers());
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  });
  app.use(checkAddress);

  app.get('/healthz', healthCheck(db, logger, rest.email ?? 'off'));
  app.use(probeRoutes(db, readiness, logger));

  app.use(['/trpc', '/api'], noStore);
  // Past what the server can answer, a request is refused at once rather than queued (admission.ts).
  // First: finding who the caller is and the data version may read the database (a bad token, an
  // unknown session, a version the client says it saw that this process has not heard of).
  const admitted = { ...DEFAULT_ADMISSION_LIMITS, maxLagMs: Number.POSITIVE_INFINITY, ...admissionLimits };
  app.use(['/trpc', '/api'], admission(admitted, logger));
  // Resolved once per request: the body's limit depends on it, and so does the context.
  const callerOf = (req: Request) =>
    principalOnce(db, req, auth).catch((error: unknown) => {
      throw refusingStorageFailure(error);
    });
  // Signed-in callers are told the data version each answer comes from (data-version.ts).
  app.use(['/trpc', '/api'], tellDataVersion(db, callerOf));
  // A kept answer found as it was sent is sent again without tRPC (kept-answers.ts).
  app.use('/trpc', keptAnswers(db, appRouter, callerOf));
  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      // Input is read, within the caller's limit, by trpcInput; tRPC's own limit is the fence behind it.
      middleware: trpcInput(async (req) => (await callerOf(req)).kind === 'user'),
      maxBodySize: BODY_LIMITS.bulk,
      // Batches beyond this are refused: one request must not carry hundreds of sign-in guesses.
      maxBatchSize: 20,
      createContext: async ({ req, res }) =>
        createContextInner({
          db,
          principal: await callerOf(req),
          csrfHeader: req.get('x-csrf-token') ?? null,
          // The socket's address, or what a trusted proxy says it is (trust proxy above).
          clientKey: req.ip ?? req.socket.remoteAddress ?? 'unknown',
          device: deviceCookie(req, res, auth),
          cookie: sessionCookie(res, auth),
          showErrorStacks: development,
          seenDataVersion: seenDataVersion(req)?.toString() ?? null,
        }),
      // A refusal that names its wait (a throttled sign-in) says it in Retry-After too.
      responseMeta: ({ errors }) => retryAfter(errors),
      onError: ({ error, path }) => {
        const storage = storageFailureOf(error);
        if (storage)
          logger.error({ ...storageLog(storage), path }, 'storage failure: the request was refused');
        else if (error.code === 'INTERNAL_SERVER_ERROR')
          logger.error({ err: error, path }, 'tRPC procedure failed');
      },
    }),
  );

  app.use(
    '/api/export',
    compressExports(),
    exportRoutes(db, auth, logger, { ...DEFAULT_EXPORT_LIMITS, ...exportLimits }),
  );
  // One count of files being read, whichever route reads them.
  const reading = { ...DEFAULT_IMPORT_LIMITS, ...importLimits };
  const readingSlots = new ReadingSlots(reading.maxConcurrent);
  app.use('/api/import', importRoutes(db, auth, logger, reading, readingSlots));
  app.use('/api/plan', planWorkbookRoutes(db, auth, logger, readingSlots));
  app.use('/api', (_req, res) => {
    res.status(404).json(refusalBody(new Refusal('no_such_route')));
  });

  const index = join(webDist, 'index.html');
  if (existsSync(index)) {
    // Source maps would hand out the app's source; they are served only in development.
    if (!development) {
      // Judged on the decoded path, as the static server reads it: `.%6dap` is `.map` too.
      app.use((req, res, next) =>
        /\.map$/i.test(decodeURIComponent(req.path)) ? res.status(404).end() : next(),
      );
    }
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    app.get('/{*splat}', (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  } else {
    logger.warn({ webDist }, 'the web app is not built; run pnpm build');
    app.get('/', (_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send('The web app is not built yet: run `pnpm build`, then restart.');
    });
  }

  app.use(storageFailureResponse(logger));
  // No stack or message of an error leaves here; a request the server could not read gets its 4xx.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const refused = refusalOf(error);
    if (refused) {
      if (!res.headersSent) res.status(refused.status).json(refusalBody(refused));
      return;
    }
    logger.error({ err: error }, 'request failed');
    if (!res.headersSent) res.status(500).json(refusalBody(new Refusal('internal_error')));
  });
  return app;
}
