/**
 * What an orchestrator or a proxy asks a process (several behind one proxy, README "Deployment"):
 * - `GET /livez`: the process answers at all. It reads nothing, so a database outage never gets
 *   every process restarted at once; only a process that stopped answering is.
 * - `GET /readyz`: send this process traffic. 200 only when the database answers, its migrations are
 *   the ones this process was started against (another release migrating it makes this one stale),
 *   every plan's stored figures are built by this release's rules, and the process is not draining.
 *   503 names what is not ready: `database`, `migrations`, `figures` or `draining`.
 * `/healthz` (storage.ts) stays what it was: can the database be written right now.
 */

import { type Db, RULES_VERSION } from '@tangible/db';
import { type NextFunction, type Request, type Response, Router } from 'express';
import { sql } from 'kysely';
import type { Logger } from 'pino';

/** What a process knows of itself that /readyz reports; main.ts owns it. */
export interface Readiness {
  /**
   * The newest migration this process applied or found at start. Null: the app was given a prepared
   * database (the tests' createApp) and the first /readyz records what it finds.
   */
  migration: string | null;
  /** Set on SIGTERM, before the process stops taking connections, so the proxy turns away first. */
  draining: boolean;
}

export function notReady(): Readiness {
  return { migration: null, draining: false };
}

/** The newest migration recorded in the database (Kysely's table; names sort by date). */
export async function newestMigration(db: Db): Promise<string | null> {
  const { rows } = await sql<{ name: string | null }>`select max(name) as name from kysely_migration`.execute(
    db,
  );
  return rows[0]?.name ?? null;
}

/** Plans whose stored figures are missing or were built by other rules (the cheap half of plansNeedingFigures). */
async function unbuiltPlans(db: Db): Promise<number> {
  const row = await db
    .selectFrom('plans')
    .leftJoin('plan_figures', 'plan_figures.plan_id', 'plans.id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) =>
      eb.or([
        eb('plan_figures.rules_version', 'is', null),
        eb('plan_figures.rules_version', '!=', RULES_VERSION),
      ]),
    )
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

type Unready = 'draining' | 'database' | 'migrations' | 'figures';

async function whyNotReady(db: Db, state: Readiness, logger: Logger): Promise<Unready | null> {
  if (state.draining) return 'draining';
  try {
    const newest = await newestMigration(db);
    state.migration ??= newest;
    if (newest !== state.migration) return 'migrations';
    if ((await unbuiltPlans(db)) > 0) return 'figures';
    return null;
  } catch (error) {
    logger.warn({ err: error }, 'readiness: the database did not answer');
    return 'database';
  }
}

export function probeRoutes(db: Db, state: Readiness, logger: Logger): Router {
  const router = Router();
  router.get('/livez', (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    const reason = await whyNotReady(db, state, logger);
    if (reason) res.status(503).json({ status: 'unready', reason });
    else res.json({ status: 'ready' });
  });
  return router;
}

/**
 * While the process stops, every answer is the last on its connection (`Connection: close`), decided
 * as its headers go out, so an answer begun before SIGTERM counts too. Node would otherwise keep a
 * connection that was busy at `server.close()` open and serve what a proxy keeping its connections
 * (nginx's upstream `keepalive`) sends next on it, until main.ts cuts every connection mid-answer.
 */
export function lastAnswersWhileDraining(state: Readiness) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
      if (state.draining && !this.headersSent) this.setHeader('Connection', 'close');
      return writeHead.apply(this, args);
    } as Response['writeHead'];
    next();
  };
}
