/**
 * The context every procedure receives. `createContextInner` holds what does not depend on HTTP, so
 * tests call the router with `createCaller(createContextInner({ db }))`. Users and sessions join it
 * when accounts exist (issue 4).
 */

import type { Db } from '@tangible/db';

export interface ContextOptions {
  db: Db;
}

export function createContextInner(options: ContextOptions) {
  return { db: options.db };
}

export type Context = ReturnType<typeof createContextInner>;
