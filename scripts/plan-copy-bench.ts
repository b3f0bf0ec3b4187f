/**
 * How long `pnpm cli plan copy` takes on a plan of about 2,000 indicators: Busan's seed scaled to 36
 * copies (2,052 indicators, their 2024 values and milestones; packages/db seed/scaled.ts), loaded
 * the way the seed is, then 2024 copied into a 2026 draft by the function the CLI and the plan
 * editor call (copyPlanForward, its stored figures and audit entry included). Prints the seconds
 * of the copy for SQLite, and for PostgreSQL when POSTGRES_URL names an empty database.
 *
 *   npx tsx --conditions=source scripts/plan-copy-bench.ts
 *   POSTGRES_URL=postgres://… npx tsx --conditions=source scripts/plan-copy-bench.ts
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  copyPlanForward,
  type Db,
  loadSeed,
  migrateToLatest,
  openDatabase,
  openPostgres,
  readSeedFiles,
  SEED_DIR,
  scaledSeed,
} from '@tangible/db';

const SCALE = { copies: 36, departmentCopies: 4 };

async function bench(engine: string, db: Db) {
  await migrateToLatest(db);
  const seeded = await loadSeed(db, scaledSeed(readSeedFiles(SEED_DIR), SCALE), {
    enteredAt: '2025-01-15T09:00:00.000Z',
  });
  const started = performance.now();
  const made = await copyPlanForward(db, {
    organisationId: 1,
    fromYear: 2024,
    toYear: 2026,
    actor: { userId: null, name: 'bench' },
    at: new Date().toISOString(),
  });
  const seconds = (performance.now() - started) / 1000;
  if ('refused' in made) throw new Error(`refused: ${made.refused}`);
  console.log(
    `${engine}: plan copy of ${seeded.indicators} indicators (${made.milestonesCarried} milestones carried, ${made.baselinesFromActuals} baselines from actuals) in ${seconds.toFixed(2)} s`,
  );
  await db.destroy();
}

await bench('SQLite', openDatabase(join(mkdtempSync(join(tmpdir(), 'tangible-plan-copy-')), 'bench.sqlite')));
const postgres = process.env.POSTGRES_URL;
if (postgres) await bench('PostgreSQL', openPostgres(postgres));
