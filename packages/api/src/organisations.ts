/**
 * Whose data a call reads and writes: every query is scoped by one organisation. A signed-in user
 * (session, token or the command line) reads only their own; a visitor on the public view reads the
 * organisation they name (`org`), by default the top one (the metropolitan city).
 */

import { type Db, findOrganisationByCode, findTopOrganisation } from '@tangible/db';
import { z } from 'zod';
import type { Principal } from './auth/policy.js';
import { refuse } from './problems.js';

/** An organisation's code as addresses carry it (`?org=haeundae`). */
export const organisationCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9-]{1,31}$/, 'an organisation code has letters, digits and hyphens only');

/**
 * The organisation a principal's call is about. A user who names another organisation is refused
 * (`other_organisation`), never shown it; naming their own is the same as naming none.
 */
export async function organisationOf(
  db: Db,
  principal: Principal,
  requested?: string | undefined,
): Promise<number> {
  const named = requested?.trim().toLowerCase() || undefined;
  if (principal.kind === 'user') {
    if (named !== undefined && named !== principal.user.organisationCode) {
      throw refuse('FORBIDDEN', 'other_organisation', { code: named });
    }
    return principal.user.organisationId;
  }
  const found = named === undefined ? await findTopOrganisation(db) : await findOrganisationByCode(db, named);
  if (!found) throw refuse('NOT_FOUND', 'no_such_organisation', { code: named ?? '' });
  return found.id;
}

/** The `org` a raw call names, if it names one as text (the procedures' schemas check its form). */
export function requestedOrganisation(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('org' in raw)) return undefined;
  const { org } = raw as { org: unknown };
  return typeof org === 'string' ? org : undefined;
}
