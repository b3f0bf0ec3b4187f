/**
 * The kill -9 experiment: figures, not assertions. Each try starts the write stream
 * (scripts/write-stream.ts: imports and approvals through the real services) on a fresh copy of the
 * seeded database in its own process, kills it with SIGKILL at a random moment, reopens the
 * database and checks it:
 *  - `PRAGMA integrity_check` is ok and `PRAGMA foreign_key_check` finds nothing;
 *  - every import is all or nothing: three values and its file's audit entry, or none of them;
 *  - every value has its import audit entry; every approval its audit entry and none without one;
 *  - no indicator and period has two approved or two pending values;
 *  - every transaction the writer reported as committed is there (nothing acknowledged is lost);
 *  - the whole database equals the first J transactions of the stream replayed on a copy (rows of
 *    measurements and audit_log, column for column): what survived is exactly a prefix.
 *
 *   node --import tsx --conditions=source scripts/crash-writes.ts [TRIES]   (default 40)
 */

import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupDatabase, type Db, openDatabase, seededTestDatabase } from '@tangible/db';
import { sql } from 'kysely';
import { openStream, writeTransaction } from './write-stream.js';

const TRIES = Number(process.argv[2] ?? 40);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tangible-crash-'));

interface Try {
  file: string;
  /** The last transaction the writer reported as committed before it was killed. */
  acknowledged: number;
  killedAfterMs: number;
}

/** Runs the writer on `file` and kills it `delay` ms after its first commit. */
function crash(file: string, delay: number): Promise<Try> {
  const writer = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', 'scripts/write-stream.ts', file],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let acknowledged = 0;
  let buffer = '';
  return new Promise((resolve, reject) => {
    writer.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (acknowledged === 0) setTimeout(() => writer.kill('SIGKILL'), delay);
        acknowledged = Number(line);
      }
    });
    writer.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ file, acknowledged, killedAfterMs: delay });
      else reject(new Error(`the writer stopped by itself (${code})`));
    });
  });
}

async function scalar(db: Db, query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  return Number((await query.execute(db)).rows[0]?.n);
}

/** How many of the stream's transactions the database holds (one import or one approval each). */
const transactionsIn = (db: Db) =>
  scalar(
    db,
    sql`select count(*) as n from audit_log
        where (action = 'import' and entity_id like 'stream-%') or action = 'measurement.approve'`,
  );

/** Every rule the database must keep after a crash, as a list of what is broken (empty when sound). */
async function brokenRules(db: Db): Promise<string[]> {
  const broken: string[] = [];
  const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  if (integrity.rows[0]?.integrity_check !== 'ok')
    broken.push(`integrity_check: ${integrity.rows[0]?.integrity_check}`);
  const orphans = await sql`pragma foreign_key_check`.execute(db);
  if (orphans.rows.length > 0) broken.push(`${orphans.rows.length} foreign key violation(s)`);
  const checks: [string, ReturnType<typeof sql<{ n: number }>>][] = [
    [
      'imports that are not all or nothing',
      sql`select count(*) as n from (
            select a.entity_id, (select count(*) from measurements m
                                 where m.source = 'imported from ' || a.entity_id) as values_written
            from audit_log a where a.action = 'import' and a.entity_id like 'stream-%')
          where values_written <> 3`,
    ],
    [
      'imported values without their file’s audit entry',
      sql`select count(*) as n from measurements m where m.source like 'imported from stream-%'
          and not exists (select 1 from audit_log a where a.action = 'import'
                          and 'imported from ' || a.entity_id = m.source)`,
    ],
    [
      'values without exactly one import audit entry',
      sql`select count(*) as n from measurements m where m.source like 'imported from stream-%'
          and (select count(*) from audit_log a where a.action = 'measurement.import'
               and a.entity_id = cast(m.id as text)) <> 1`,
    ],
    [
      'approved values without their approval audit entry',
      sql`select count(*) as n from measurements m where m.status = 'approved' and m.reviewed_by_user_id is not null
          and not exists (select 1 from audit_log a where a.action = 'measurement.approve'
                          and a.entity_id = cast(m.id as text))`,
    ],
    [
      'approval audit entries for values that were never approved',
      sql`select count(*) as n from audit_log a join measurements m on a.entity_id = cast(m.id as text)
          where a.action = 'measurement.approve' and m.status not in ('approved', 'superseded')`,
    ],
    [
      'periods with two approved or two pending values',
      sql`select count(*) as n from (select indicator_id, period, status from measurements
          where status in ('approved', 'pending') group by indicator_id, period, status having count(*) > 1)`,
    ],
  ];
  for (const [rule, query] of checks) {
    const n = await scalar(db, query);
    if (n > 0) broken.push(`${n} ${rule}`);
  }
  return broken;
}

async function state(db: Db) {
  return JSON.stringify([
    await db.selectFrom('measurements').selectAll().orderBy('id').execute(),
    await db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
  ]);
}

const { db: seeded, path } = await seededTestDatabase();
await seeded.destroy();
const template = join(dir, 'template.sqlite');
await backupDatabase(path, template);

const tries: Try[] = [];
for (let i = 0; i < TRIES; i++) {
  const file = join(dir, `try-${i}.sqlite`);
  copyFileSync(template, file);
  tries.push(await crash(file, Math.floor(Math.random() * 1500)));
}

// Checked in the order of how far each got, so that one replay serves them all.
const checked = await Promise.all(
  tries.map(async (t) => {
    const db = openDatabase(t.file);
    const found = { ...t, transactions: await transactionsIn(db), db };
    return found;
  }),
);
checked.sort((a, b) => a.transactions - b.transactions);
const replayFile = join(dir, 'replay.sqlite');
copyFileSync(template, replayFile);
const replay = openDatabase(replayFile);
const stream = await openStream(replay);
let replayed = 0;
let inconsistent = 0;
let lost = 0;
for (const t of checked) {
  const broken = await brokenRules(t.db);
  if (t.transactions < t.acknowledged) {
    lost += t.acknowledged - t.transactions;
    broken.push(`${t.acknowledged - t.transactions} acknowledged transaction(s) missing`);
  }
  while (replayed < t.transactions) await writeTransaction(replay, stream, ++replayed);
  if ((await state(t.db)) !== (await state(replay)))
    broken.push(`not the state of the first ${t.transactions} transactions`);
  if (broken.length > 0) {
    inconsistent++;
    console.log(`${t.file}: ${broken.join('; ')}`);
  }
  await t.db.destroy();
}
await replay.destroy();

const counts = checked.map((t) => t.transactions);
console.log(
  `kill -9 during imports and approvals: ${TRIES} tries, ${inconsistent} inconsistent outcome(s), ${lost} acknowledged transaction(s) lost.`,
);
console.log(
  `Transactions committed before the kill: ${Math.min(...counts)} to ${Math.max(...counts)} (killed 0–1.5 s after the first commit); in ${checked.filter((t) => t.transactions > t.acknowledged).length} tries the kill fell after a commit the writer had not yet reported.`,
);
console.log(`Databases kept in ${dir}.`);
