/** The HTTP application: security headers, request logs, health, tRPC, CSV exports and the web app. */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appRouter, createContextInner, refusingStorageFailure } from '@tangible/api';
import { type Db, storageFailureOf } from '@tangible/db';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { type AuthOptions, principalOf, sessionCookie } from './auth.js';
import { deviceCookie } from './device.js';
import { DEFAULT_EXPORT_LIMITS, type ExportLimits, exportRoutes } from './export.js';
import { importRoutes } from './imports.js';
import { healthCheck, storageFailureResponse, storageLog } from './storage.js';

export interface AppOptions extends Partial<AuthOptions> {
  db: Db;
  /** How many exports run at once and how fast each must move (defaults: DEFAULT_EXPORT_LIMITS). */
  exportLimits?: Partial<ExportLimits>;
  logger: Logger;
  /** The built web app (apps/web/dist); served at `/` when present. */
  webDist: string;
  /**
   * Whose X-Forwarded-For to believe (TRUST_PROXY, Express's `trust proxy`): nobody by default, so
   * the client is the connection's own address and no client can claim to be another.
   */
  trustProxy?: false | number | string[];
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function createApp({ db, exportLimits, logger, webDist, ...rest }: AppOptions): express.Express {
  const auth: AuthOptions = {
    publicDashboard: rest.publicDashboard ?? false,
    secureCookies: rest.secureCookies ?? false,
  };
  const app = express();
  app.set('trust proxy', rest.trustProxy ?? false);
  app.disable('x-powered-by');

  app.use((req: Request, res: Response, next: NextFunction) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
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

  app.get('/healthz', healthCheck(db, logger));

  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      // Batches beyond this are refused: one request must not carry hundreds of sign-in guesses.
      maxBatchSize: 20,
      createContext: async ({ req, res }) =>
        createContextInner({
          db,
          principal: await principalOf(db, req, auth).catch((error: unknown) => {
            throw refusingStorageFailure(error);
          }),
          csrfHeader: req.get('x-csrf-token') ?? null,
          // The socket's address, or what a trusted proxy says it is (trust proxy above).
          clientKey: req.ip ?? req.socket.remoteAddress ?? 'unknown',
          device: deviceCookie(req, res, auth),
          cookie: sessionCookie(res, auth),
        }),
      onError: ({ error, path }) => {
        const storage = storageFailureOf(error);
        if (storage)
          logger.error({ ...storageLog(storage), path }, 'storage failure: the request was refused');
        else if (error.code === 'INTERNAL_SERVER_ERROR')
          logger.error({ err: error, path }, 'tRPC procedure failed');
      },
    }),
  );

  app.use('/api/export', exportRoutes(db, auth, logger, { ...DEFAULT_EXPORT_LIMITS, ...exportLimits }));
  app.use('/api/import', importRoutes(db, auth, logger));
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'No such API route.' });
  });

  const index = join(webDist, 'index.html');
  if (existsSync(index)) {
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
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err: error }, 'request failed');
    if (!res.headersSent) res.status(500).json({ error: 'Internal error; see the server log.' });
  });
  return app;
}
