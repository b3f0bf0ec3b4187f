/** Where things live on disk: the repository root, the seed, and the database file a URL names. */

import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (packages/db/src and packages/db/dist are both three levels below it). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Busan's 2024 plan as text: data/seed/. */
export const SEED_DIR = resolve(ROOT, 'data/seed');

export const DEFAULT_DATABASE_URL = 'file:data/tangible.sqlite';

/**
 * The file a `DATABASE_URL` names, absolute: `file:data/x.sqlite`, `sqlite:data/x.sqlite` or a plain
 * path (relative ones from the repository root), or `:memory:`.
 */
export function databaseFile(url: string = DEFAULT_DATABASE_URL): string {
  const path = url.replace(/^(sqlite|file):(\/\/)?/, '');
  return path === ':memory:' || isAbsolute(path) ? path : resolve(ROOT, path);
}
