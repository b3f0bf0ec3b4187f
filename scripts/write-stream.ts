/**
 * A numbered stream of writes through the real services, for the backup test
 * (apps/cli/src/backup.test.ts) and the crash experiment (scripts/crash-writes.ts). Transaction j:
 * for step k = ⌈j/4⌉, first the import of `stream-k.csv` (three values, one transaction, as admin),
 * then the approval of each of its three values (one transaction each, as the planner). The clock is
 * j seconds after a fixed moment, so replaying the first J transactions on a copy of the starting
 * database gives exactly the same rows.
 *
 *   tsx --conditions=source scripts/write-stream.ts DATABASE_FILE
 *
 * writes until killed, printing each transaction's number once it has committed.
 */

import { argv } from 'node:process';
import { fileURLToPath } from 'node:url';
import { approveReport, cliPrincipal, commitImport, type Principal } from '@tangible/api';
import { type Db, findIndicatorByCode, findPendingOf, findPlan, openDatabase } from '@tangible/db';

/** Three monthly indicators counted in whole numbers, from three departments. */
export const STREAM_CODES = ['ECO-04', 'SAF-04', 'CUL-01'] as const;
const START = Date.UTC(2025, 0, 15, 9);

export interface Stream {
  plan: { id: number; year: number };
  importer: Principal;
  approver: Principal;
}

export async function openStream(db: Db): Promise<Stream> {
  // Busan's plan: the first organisation's.
  const plan = await findPlan(db, 1, 2024);
  const importer = await cliPrincipal(db, 'admin');
  const approver = await cliPrincipal(db, 'planner');
  if (!plan || !importer || !approver)
    throw new Error('The database needs the seeded 2024 plan and accounts.');
  return { plan, importer, approver };
}

export const stepOf = (j: number) => Math.ceil(j / 4);
export const periodOf = (k: number) => `2024-${String(((k - 1) % 12) + 1).padStart(2, '0')}`;
export const reportedValue = (k: number, i: number) => k * 10 + i;
export const fileOf = (k: number) => `stream-${k}.csv`;

/** Writes transaction j (1-based) of the stream. */
export async function writeTransaction(db: Db, stream: Stream, j: number): Promise<void> {
  const k = stepOf(j);
  const part = (j - 1) % 4;
  const now = new Date(START + j * 1000);
  if (part === 0) {
    // With commentary: the small values slip, and a slipping value is approved only with its why.
    const rows = STREAM_CODES.map(
      (code, i) =>
        `${code},${periodOf(k)},${reportedValue(k, i)},stream ${k} analysis,stream ${k} next steps`,
    );
    const bytes = new TextEncoder().encode(`kpi_code,period,value,analysis,next_steps\n${rows.join('\n')}\n`);
    await commitImport(db, stream.plan, stream.importer, bytes, { kind: 'template' }, now, fileOf(k));
    return;
  }
  const code = STREAM_CODES[part - 1] as string;
  const indicator = await findIndicatorByCode(db, stream.plan.id, code);
  const pending = indicator && (await findPendingOf(db, indicator.id, periodOf(k)));
  if (!pending) throw new Error(`No pending value of ${code} for ${periodOf(k)} at transaction ${j}.`);
  await approveReport(db, stream.approver, pending.id, now);
}

if (argv[1] && fileURLToPath(import.meta.url) === argv[1]) {
  const file = argv[2];
  if (!file) throw new Error('Usage: write-stream.ts DATABASE_FILE');
  const db = openDatabase(file);
  const stream = await openStream(db);
  for (let j = 1; ; j++) {
    await writeTransaction(db, stream, j);
    process.stdout.write(`${j}\n`);
  }
}
