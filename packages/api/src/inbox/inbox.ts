/**
 * A user's inbox: what needs them now, from every source that applies to them, built from the stored
 * data on each request (nothing kept between requests, so it is never stale). Only ever the caller's
 * own: the procedure takes no user.
 */

import { dateIn } from '@tangible/core';
import { type Db, findDutyPlans, findPlanYears } from '@tangible/db';
import type { SignedInUser } from '../auth/policy.js';
import { refuse } from '../problems.js';
import { CITY_TIME_ZONE } from '../reporting.js';
import { INBOX_SOURCES } from './sources/index.js';

export async function buildInbox(db: Db, user: SignedInUser, year: number | undefined, now: Date) {
  const today = dateIn(CITY_TIME_ZONE, now);
  const years = await findPlanYears(db, user.organisationId, { drafts: false });
  const chosen = year ?? years.filter((y) => y <= Number(today.slice(0, 4))).at(-1) ?? years.at(-1);
  const plan = chosen === undefined ? undefined : (await findDutyPlans(db, [chosen], user.organisationId))[0];
  if (!plan) throw refuse('NOT_FOUND', 'no_such_plan', { year: year ?? '', years: years.join(', ') });
  const sections = await Promise.all(
    INBOX_SOURCES.filter((source) => source.appliesTo(user)).map(async (source) => ({
      section: source.section,
      ...(await source.load({ db, user, plan, today })),
    })),
  );
  return { year: plan.year, today, total: sections.reduce((sum, s) => sum + s.total, 0), sections };
}
