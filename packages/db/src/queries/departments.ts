/** Departments: the bureaus, offices and headquarters that own indicators and milestones. */

import type { Db } from '../connection.js';

export async function findDepartments(db: Db) {
  return db.selectFrom('departments').select(['id', 'code', 'name_ko', 'name_en']).orderBy('code').execute();
}

/** Whether the database answers: a trivial query, for the health check. */
export async function ping(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('plans')
    .select((eb) => eb.fn.countAll<number>().as('plans'))
    .executeTakeFirst();
  return row !== undefined;
}
