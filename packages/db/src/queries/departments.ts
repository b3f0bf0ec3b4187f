/** Departments: the bureaus, offices and headquarters that own indicators and milestones. */

import type { Db } from '../connection.js';

export async function findDepartments(db: Db) {
  return db.selectFrom('departments').select(['id', 'code', 'name_ko', 'name_en']).orderBy('code').execute();
}
