/** The HTTP application: security headers, request logs, health, tRPC, CSV exports and the web app. */

import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { appRouter, createContextInner, Refusal, refusalBody, refusingStorageFailure } from '@tangible/api';
import { type Db, storageFailureOf } from '@tangible/db';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { type AdmissionLimits, admission, DEFAULT_ADMISSION_LIMITS } from './admission.js';
import { type AuthOptions, principalOnce, sessionCookie } from './auth.js';
import { compressAnswers, compressExports } from './compression.js';
import { seenDataVersion, tellDataVersion } from './data-version.js';
import { deviceCookie } from './device.js';
import { DEFAULT_EXPORT_LIMITS, type ExportLimits, exportRoutes } from './export.js';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, importRoutes, ReadingSlots } from './imports.js';
import { keptAnswers, keptHow } from './kept-answers.js';
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
function securityHeaders(https: boolean): {
  apply: (res: ServerResponse) => void;
  middleware: RequestHandler;
} {
  const policy = helmet({
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
  // The headers are the same for every request (no directive depends on it): helmet says them once
  // here, and each answer is given them in one step rather than through helmet's chain of a dozen
  // middlewares (6 % of a process's time per answer under load).
  const headers = helmetHeaders(policy);
  const apply = (res: ServerResponse) => {
    for (const [name, value] of headers) res.setHeader(name, value);
  };
  return {
    apply,
    middleware: (_req, res, next) => {
      apply(res);
      next();
    },
  };
}

/**
 * The headers `policy` sets, read from one call against a response that records them. A policy
 * that does anything else (reads the request, removes or appends a header other than X-Powered-By,
 * which the app never sends, or goes on later) stops the start rather than being half copied.
 */
export function helmetHeaders(policy: RequestHandler): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  let done = false;
  const request = new Proxy(
    {},
    {
      get(_target, property) {
        throw new Error(`the security headers read the request (${String(property)})`);
      },
    },
  );
  const recorder = new Proxy(
    {
      setHeader(name: string, value: unknown) {
        if (typeof value !== 'string') throw new Error(`the security header ${name} is not one text`);
        headers.push([name, value]);
      },
      removeHeader(name: string) {
        if (name.toLowerCase() !== 'x-powered-by') throw new Error(`the security headers remove ${name}`);
      },
    },
    {
      get(target, property) {
        if (property in target) return target[property as keyof typeof target];
        throw new Error(`the security headers use the response's ${String(property)}`);
      },
    },
  );
  policy(request as Request, recorder as unknown as Response, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error('the security headers did not go on at once');
  return headers;
}

/** Answers that hold a user's data or session are kept by no cache, the browser's included. */
const NO_STORE = ['Cache-Control', 'no-store'] as const;
function noStore(_req: Request, res: Response, next: NextFunction) {
  res.setHeader(...NO_STORE);
  next();
}

/**
 * The application as an HTTP server calls it: Express, behind the kept answers sent before Express
 * sees the request (kept-answers.ts `atOnce`). `listen` does what Express's does, on this handler.
 */
export interface TangibleApp {
  (req: IncomingMessage, res: ServerResponse): void;
  listen(port?: number, host?: string, callback?: (error?: Error) => void): Server;
  listen(port: number, callback?: (error?: Error) => void): Server;
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
}: AppOptions): TangibleApp {
  const auth: AuthOptions = {
    publicDashboard: rest.publicDashboard ?? false,
    secureCookies: rest.secureCookies ?? false,
  };
  const app = express();
  app.set('trust proxy', rest.trustProxy ?? false);
  app.disable('x-powered-by');

  app.use(lastAnswersWhileDraining(readiness));
  const security = securityHeaders(auth.secureCookies);
  app.use(security.middleware);
  app.use((req: Request, res: Response, next: NextFunction) => {
    logRequest(logger, req, res);
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
  // A kept answer found as it was sent is sent again without tRPC (kept-answers.ts), and without the
  // compression middleware, mounted after it: the kept bytes are gzip already. Everything before
  // sends only short refusals and probes, which are never compressed (compression.ts).
  const kept = keptAnswers({
    db,
    router: appRouter,
    auth,
    callerOf,
    // What the middlewares above would have set, as they would have set it.
    dress: (res, principal, version) => {
      if (readiness.draining) res.setHeader('Connection', 'close');
      security.apply(res);
      res.setHeader(...NO_STORE);
      if (principal.kind === 'user') res.setHeader('X-Data-Version', String(version));
    },
  });
  app.use('/trpc', kept.send);
  app.use(compressAnswers());
  app.use('/trpc', kept.keep);
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

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    if (kept.atOnce(req, res)) logRequest(logger, req, res, started);
    else app(req, res);
  };
  return Object.assign(handler, {
    listen(...args: unknown[]) {
      const server = createServer(handler);
      // As Express's: the callback is called once, when the server listens or fails to.
      const last = args.at(-1);
      if (typeof last === 'function') {
        let called = false;
        const once = (...results: unknown[]) => {
          if (called) return;
          called = true;
          last(...results);
        };
        args[args.length - 1] = once;
        server.once('error', once);
      }
      return server.listen(...(args as Parameters<Server['listen']>));
    },
  });
}

/** One line per request once its answer is sent: what was asked, the status, the time it took. */
function logRequest(
  logger: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  started = process.hrtime.bigint(),
): void {
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const kept = keptHow.get(req);
    logger.info(
      {
        method: req.method,
        // Express's originalUrl: the address as it came, before a mounted router cut its start.
        url: (req as Partial<Request>).originalUrl ?? req.url,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        ...(kept ? { kept } : {}),
      },
      'request',
    );
  });
}
