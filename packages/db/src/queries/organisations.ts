/** Organisations: a metropolitan city and its districts, each with its own plans, departments and users. */

import type { Db } from '../connection.js';

const columns = ['id', 'code', 'name_ko', 'name_en', 'kind', 'parent_id'] as const;

export async function findOrganisationByCode(db: Db, code: string) {
  return db
    .selectFrom('organisations')
    .select(columns)
    .where('code', '=', code.trim().toLowerCase())
    .executeTakeFirst();
}

export async function findOrganisationById(db: Db, id: number) {
  return db.selectFrom('organisations').select(columns).where('id', '=', id).executeTakeFirst();
}

/**
 * The organisation a visitor sees when they name none: the first metropolitan city (the one every
 * row belonged to before there were organisations).
 */
export async function findTopOrganisation(db: Db) {
  return db
    .selectFrom('organisations')
    .select(columns)
    .where('parent_id', 'is', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** A metropolitan city's districts, in code order. */
export async function findDistricts(db: Db, parentId: number) {
  return db
    .selectFrom('organisations')
    .select(columns)
    .where('parent_id', '=', parentId)
    .orderBy('code')
    .execute();
}
