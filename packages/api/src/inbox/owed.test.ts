/**
 * The reports owed past the holiday table's last year: December 2027's report falls due in January
 * 2028, a year the table does not know. The calendar says it refuses such a date rather than count it
 * wrongly; the inbox and the reminders must not instead drop the report without a word.
 */

import { describe, expect, it } from 'vitest';
import { owedReports } from './owed.js';

const plan = { id: 1, organisation_id: 1, year: 2027, report_due_working_days: 7 };
const indicator = {
  id: 1,
  code: 'ECO-04',
  name_ko: '일자리',
  name_en: 'Jobs',
  frequency: 'monthly' as const,
  department_id: 1,
};

describe('owedReports', () => {
  it("still owes December 2027's report in February 2028", () => {
    const owed = owedReports(plan, [indicator], new Map(), '2028-02-15');
    expect(owed.map((o) => o.period)).toContain('2027-12');
  });
});
