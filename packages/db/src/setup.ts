/**
 * What a start does: migrate, and seed Busan's plan when the database holds no plan yet, unless a
 * database with a plan was created here before (storage/presence.ts): then it is refused, not seeded
 * over. A database that holds plans gets any stored figures it lacks (figures/refresh.ts).
 */

import type { Db } from './connection.js';
import { databaseFileOf, migrateToLatest } from './connection.js';
import { ensureFigures, type PlanBuild } from './figures/refresh.js';
import { findPlanYears } from './queries/plan.js';
import { readSeedFiles } from './seed/files.js';
import { loadSeed, type SeedSummary } from './seed/load.js';
import { lostPlan } from './storage/presence.js';

export interface PreparedDatabase {
  migrated: string[];
  seeded: SeedSummary | null;
  /** Plans whose stored figures were missing or built by older rules, and were built now. */
  figuresBuilt: PlanBuild[];
}

export async function prepareDatabase(
  db: Db,
  seedDir: string,
  now: Date = new Date(),
): Promise<PreparedDatabase> {
  const migrated = await migrateToLatest(db);
  if ((await findPlanYears(db)).length > 0) {
    return { migrated, seeded: null, figuresBuilt: await ensureFigures(db, now) };
  }
  const file = await databaseFileOf(db);
  const lost = file ? lostPlan(file, () => false) : null;
  if (lost) throw lost;
  const seeded = await loadSeed(db, readSeedFiles(seedDir), { enteredAt: now.toISOString() });
  return { migrated, seeded, figuresBuilt: [] };
}
