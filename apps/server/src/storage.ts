/**
 * The server's side of storage failures: `/healthz` answers whether the database can be written
 * (not only read), and an HTTP route whose write the database refused answers 503 with the reason.
 * Either way the log gets SQLite's own code and message.
 */

import { refusalBody, storageRefusal } from '@tangible/api';
import { type Db, engineOf, probeStorage, type StorageFailure, storageFailureOf } from '@tangible/db';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

/** What the log says about a storage failure: the reason, SQLite's code and the whole error. */
export function storageLog(failure: StorageFailure) {
  return { reason: failure.reason, sqliteCode: failure.sqliteCode, err: failure };
}

/**
 * `GET /healthz`: 200 `{status: 'ok', database: 'ok', engine}` (`sqlite` or `postgres`) when a write (rolled back) succeeds and the
 * files are in place; else 503 `{status: 'error', database: 'unavailable', reason}` with the reason
 * code (read_only, disk_full, file_missing, …; see STORAGE_REASONS).
 */
export function healthCheck(db: Db, logger: Logger, email: 'on' | 'off' = 'off') {
  const engine = engineOf(db);
  return async (_req: Request, res: Response) => {
    let failure: StorageFailure | null;
    try {
      failure = await probeStorage(db);
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'error', database: 'unavailable', engine, reason: 'unknown', email });
      return;
    }
    if (!failure) {
      res.json({ status: 'ok', database: 'ok', engine, email });
      return;
    }
    logger.error(storageLog(failure), 'health check: the database cannot be written');
    res.status(503).json({ status: 'error', database: 'unavailable', engine, reason: failure.reason, email });
  };
}

/** Express error handler for the HTTP routes: a storage failure is a 503 refusal, anything else goes on. */
export function storageFailureResponse(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const failure = storageFailureOf(error);
    if (!failure) {
      next(error);
      return;
    }
    logger.error(
      { ...storageLog(failure), url: req.originalUrl },
      'storage failure: the request was refused',
    );
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(503).json(refusalBody(storageRefusal(failure)));
  };
}
