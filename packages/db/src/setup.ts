/** What a first start does: migrate, and seed Busan's plan when the database holds no plan yet. */

import type { Db } from './connection.js';
import { migrateToLatest } from './connection.js';
import { findPlanYears } from './queries/plan.js';
import { readSeedFiles } from './seed/files.js';
import { loadSeed, type SeedSummary } from './seed/load.js';

export interface PreparedDatabase {
  migrated: string[];
  seeded: SeedSummary | null;
}

export async function prepareDatabase(
  db: Db,
  seedDir: string,
  now: Date = new Date(),
): Promise<PreparedDatabase> {
  const migrated = await migrateToLatest(db);
  if ((await findPlanYears(db)).length > 0) return { migrated, seeded: null };
  const seeded = await loadSeed(db, readSeedFiles(seedDir), { enteredAt: now.toISOString() });
  return { migrated, seeded };
}
