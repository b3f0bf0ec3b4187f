/**
 * Reports a bureau head's department owes: ended periods not reported, by the reporting calendar. In
 * the plan of the city's current year, last year's reports falling due this year come too (December,
 * the fourth quarter, the second half and the year itself fall due in January), as the reminders
 * count them.
 */

import { type DutyPlan, findAnsweredPeriods, findDutyIndicators, findDutyPlans } from '@tangible/db';
import { answeredIndex, owedReports } from '../owed.js';
import type { InboxRequest, InboxSource } from '../source.js';

async function owedIn({ db, user, today }: InboxRequest, plan: DutyPlan) {
  const department = user.departmentId ?? undefined;
  const [indicators, answered] = await Promise.all([
    findDutyIndicators(db, plan.id, department),
    findAnsweredPeriods(db, plan.id, department),
  ]);
  return owedReports(plan, indicators, answeredIndex(answered), today).map((owed) => ({
    code: owed.indicator.code,
    name: { ko: owed.indicator.name_ko, en: owed.indicator.name_en },
    period: owed.period,
    date: owed.due,
    note: owed.timing,
    link: `/report?year=${plan.year}`,
  }));
}

export const reportsOwed: InboxSource = {
  section: 'reports_owed',
  appliesTo: (user) => user.role === 'bureau_head' && user.departmentId !== null,
  async load(request) {
    const { db, user, plan, today } = request;
    const thisYear = today.slice(0, 4);
    const previous =
      String(plan.year) === thisYear ? await findDutyPlans(db, [plan.year - 1], user.organisationId) : [];
    const items = [
      ...(await Promise.all(previous.map((p) => owedIn(request, p))))
        .flat()
        .filter((item) => item.date >= `${thisYear}-01-01`),
      ...(await owedIn(request, plan)),
    ];
    return { items, total: items.length };
  },
};
