/**
 * `pnpm start`: opens (creating, migrating and on first start seeding) the database, then serves
 * Tangible. Stops cleanly on SIGTERM and SIGINT.
 */

import { createServer } from 'node:http';
import { boundAnswerMemo, HOLIDAY_YEARS, startMailScheduler } from '@tangible/api';
import {
  countUsersWithDemoPasswords,
  DatabaseFileProblem,
  type Db,
  describeLocation,
  openLocation,
  prepareDatabase,
  recordDatabase,
  storageFailureOf,
  watchChanges,
} from '@tangible/db';
import { pino } from 'pino';
import { createApp } from './app.js';
import { readConfig } from './env.js';
import { newestMigration, notReady } from './readiness.js';
import { REQUEST_TIMEOUTS } from './requests.js';
import { asOnlyStarter } from './startup.js';

const config = (() => {
  try {
    return readConfig();
  } catch (error) {
    // A wrong setting is the operator's to fix: one line naming the variable, no stack trace.
    console.error((error as Error).message);
    process.exit(1);
  }
})();
const logger = pino({ level: config.logLevel, base: { service: 'tangible' } });
/** Which engine and which database, for every line about it (never a password). */
const where = describeLocation(config.database);
const sqliteFile = config.database.engine === 'sqlite' ? config.database.file : null;

/**
 * A database that existed and vanished is not replaced by a freshly seeded one (storage/presence.ts):
 * opening refuses a path where one was lost, and the first start's seed one without a plan.
 */
function refuseLostDatabase(error: unknown): void {
  if (!(error instanceof DatabaseFileProblem && ['vanished', 'orphaned_wal'].includes(error.code))) return;
  logger.fatal(
    { ...where, problem: { code: error.code, params: error.params } },
    `refusing to start: ${error.message}. Restore a backup with \`pnpm cli db restore FILE --yes\`, or start over with \`pnpm cli db reset --yes\` (everything entered is lost).`,
  );
  process.exit(1);
}

let db: Db;
try {
  db = openLocation(config.database, 'new');
} catch (error) {
  refuseLostDatabase(error);
  // E.g. a read-only mount with no -wal/-shm yet gives SQLITE_CANTOPEN here.
  logger.fatal(
    { err: error, reason: storageFailureOf(error)?.reason, ...where },
    'could not open the database',
  );
  process.exit(1);
}
const readiness = notReady();
try {
  const prepared = await asOnlyStarter(db, () => prepareDatabase(db, config.seedDir));
  readiness.migration = await newestMigration(db);
  if (sqliteFile) recordDatabase(sqliteFile, new Date());
  logger.info(
    {
      ...where,
      migrated: prepared.migrated,
      seeded: prepared.seeded,
      figuresBuilt: prepared.figuresBuilt,
    },
    'database ready',
  );
} catch (error) {
  refuseLostDatabase(error);
  logger.fatal({ err: error, ...where }, 'could not prepare the database');
  await db.destroy();
  process.exit(1);
}

boundAnswerMemo(db, config.answerMemoBytes);
// On PostgreSQL the process hears of changes instead of asking at every request (db change-watch.ts);
// while it cannot listen it asks, as on SQLite.
const watch =
  config.database.engine === 'postgres'
    ? await watchChanges(db, config.database.url, {
        onLost: (error) =>
          logger.warn({ err: error }, 'not listening for changes: the data version is read at every request'),
        onListening: () => logger.info('listening for changes again'),
      })
    : null;

// Demonstration passwords are public (README); a production server must not run with any left.
const demoAccounts = await countUsersWithDemoPasswords(db);
if (config.production && demoAccounts > 0) {
  logger.fatal(
    { demoAccounts },
    'refusing to run in production while accounts still have their demonstration passwords: change them with `pnpm cli user passwd <username>`',
  );
  await db.destroy();
  process.exit(1);
}
if (demoAccounts > 0)
  logger.warn({ demoAccounts }, 'accounts with demonstration passwords exist (see README)');

const app = createApp({
  db,
  admissionLimits: config.admissionLimits,
  exportLimits: config.exportLimits,
  logger,
  webDist: config.webDist,
  publicDashboard: config.publicDashboard,
  secureCookies: config.secureCookies,
  trustProxy: config.trustProxy,
  development: config.development,
  readiness,
  email: config.mail ? 'on' : 'off',
});
// Every process sends and enqueues (leases and unique keys keep each message single); without SMTP
// settings nothing is sent, and the inbox works all the same.
const mail = config.mail ? startMailScheduler(db, config.mail, logger) : null;
if (mail) logger.info({ email: 'on' }, 'email is on: reminders and digests are sent through SMTP');
else logger.warn({ email: 'off' }, 'email is off: no SMTP_URL or SMTP_HOST; the inbox works without it');
// The reporting calendar knows Korea's public holidays through HOLIDAY_YEARS.last: past it, reports
// are owed at the earliest they can fall due (weekends alone). Said at every start from then on.
if (HOLIDAY_YEARS.last < new Date().getUTCFullYear() + 1)
  logger.warn(
    { holidaysKnownUntil: HOLIDAY_YEARS.last },
    'the Korean public holidays are not known for next year: update @hyunbinseo/holidays-kr (due dates count weekends alone past its last year)',
  );
// Bounded time to send a request (requests.ts): a trickling client cannot hold a connection for long.
const server = createServer(REQUEST_TIMEOUTS, app).listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ url: `http://${config.host}:${port}`, engine: where.engine }, 'Tangible is listening');
});
server.on('error', (error: NodeJS.ErrnoException) => {
  // The port taken is the operator's to fix, like a wrong setting: one line naming the variable.
  if (error.code === 'EADDRINUSE')
    console.error(
      `Port ${config.port} on ${config.host} is in use by another program: stop it, or start with another PORT (e.g. PORT=${config.port + 1} pnpm start).`,
    );
  logger.fatal({ err: error }, 'could not listen');
  process.exit(1);
});

let stopping = false;
function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  // Sending stops now; the database closes only once the message being sent is marked.
  const mailStopped = mail?.stop();
  // /readyz says 503 at once; the process keeps serving for DRAIN_SECONDS so that an orchestrator
  // or proxy asking it has time to send traffic elsewhere, then stops taking connections.
  readiness.draining = true;
  logger.info({ signal, drainSeconds: config.drainSeconds }, 'stopping');
  setTimeout(() => {
    server.close(async () => {
      await mailStopped;
      await watch?.close();
      await db.destroy();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
    // Connections still busy after ten seconds are cut rather than holding the process.
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
  }, config.drainSeconds * 1000);
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
