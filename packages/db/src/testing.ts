/**
 * A real database for tests, built the way production builds one: the migrations, then the seed
 * files from data/seed/. Each call gets its own file in a temporary folder.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, migrateToLatest, openDatabase } from './connection.js';
import { SEED_DIR } from './location.js';
import { readSeedFiles } from './seed/files.js';
import { loadSeed } from './seed/load.js';
import { type Scale, scaledSeed } from './seed/scaled.js';
import { prepareDatabase } from './setup.js';

export async function seededTestDatabase(): Promise<{ db: Db; path: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'tangible-test-')), 'tangible.sqlite');
  const db = openDatabase(path);
  await prepareDatabase(db, SEED_DIR, new Date('2025-01-15T09:00:00Z'));
  return { db, path };
}

/** A database holding the seed's plan at a larger scale (seed/scaled.ts), loaded as the seed is. */
export async function scaledTestDatabase(scale: Scale): Promise<{ db: Db; path: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'tangible-test-')), 'tangible.sqlite');
  const db = openDatabase(path);
  await migrateToLatest(db);
  await loadSeed(db, scaledSeed(readSeedFiles(SEED_DIR), scale), { enteredAt: '2025-01-15T09:00:00.000Z' });
  return { db, path };
}
