/**
 * What a start does: migrate, and seed Busan's plan when the database holds no plan yet, unless a
 * database with a plan was created here before (storage/presence.ts): then it is refused, not seeded
 * over. A database that holds plans gets any stored figures it lacks (figures/refresh.ts).
 */

import type { Db } from './connection.js';
import { databaseFileOf, migrateToLatest } from './connection.js';
import { ensureFigures, type PlanBuild } from './figures/refresh.js';
import { findPlanYears } from './queries/plan.js';
import { readSeedSet } from './seed/files.js';
import { loadSeedSet, type SeedSummary } from './seed/load.js';
import { lostPlan } from './storage/presence.js';

export interface PreparedDatabase {
  migrated: string[];
  seeded: SeedSummary | null;
  /** The districts' plans seeded with it. */
  districts?: SeedSummary[];
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
  // The metropolitan city first, then its districts: each a plan of its own, each all or nothing.
  const [seeded, ...districts] = await loadSeedSet(db, readSeedSet(seedDir), {
    enteredAt: now.toISOString(),
  });
  return { migrated, seeded: seeded ?? null, districts, figuresBuilt: [] };
}
