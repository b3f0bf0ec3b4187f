/**
 * What each web screen asks the API for (apps/web/src/routes/**), as calls on callers signed in as
 * the people who use it: the one list the answer-size test (screen-sizes.test.ts) and
 * scripts/answer-sizes.ts measure. Each screen's calls use the inputs the screen sends by default;
 * `largest` calls ask each paged procedure for its largest page, the most one answer can hold.
 */

import type { createCaller } from '../root.js';

type Caller = ReturnType<typeof createCaller>;

export interface ScreenCallers {
  /** An executive: every read. */
  mayor: Caller;
  /** An administrator: reporting for any department, approvals, accounts. */
  admin: Caller;
  /** A bureau head of the department measured. */
  head: Caller;
}

export interface ScreenCall {
  screen: string;
  procedure: string;
  call: () => Promise<unknown>;
}

/** The calls of every screen for a plan year, a sector, a department and two indicators of it. */
export function screenCalls(
  callers: ScreenCallers,
  at: { year: number; sector: string; department: string; indicator: string; trackIndicator: string },
  options: { largest: boolean },
): ScreenCall[] {
  const { mayor, admin, head } = callers;
  const { year, sector, department } = at;
  const most = options.largest;
  const rows = (web: number, max: number) => (most ? max : web);
  const call = (screen: string, procedure: string, run: () => Promise<unknown>): ScreenCall => ({
    screen,
    procedure,
    call: run,
  });
  return [
    call('layout', 'plan.years', () => mayor.plan.years()),
    call('layout', 'sectors.list', () => mayor.sectors.list({ year })),
    call('layout', 'auth.me', () => mayor.auth.me()),
    call('overview', 'plan.overview', () => mayor.plan.overview({ year })),
    call('overview', 'reports.overdue', () => mayor.reports.overdue({ year, limit: rows(6, 100) })),
    call('overview', 'approvals.pending', () => mayor.approvals.pending({ year, limit: rows(6, 100) })),
    call('overview', 'years.lastYear', () => mayor.years.lastYear({ year })),
    call('indicators', 'indicators.list', () =>
      mayor.indicators.list({ year, status: 'off_track', sort: 'attainment', limit: rows(25, 100) }),
    ),
    call('sector', 'sectors.detail', () => mayor.sectors.detail({ year, sector })),
    call('sector', 'sectors.indicators', () =>
      mayor.sectors.indicators({ year, sector, limit: rows(25, 100) }),
    ),
    call('sector', 'sectors.headlines', () => mayor.sectors.headlines({ year, sector, limit: rows(6, 12) })),
    call('sector', 'plan.history', () => mayor.plan.history({ year, sector })),
    call('sector', 'milestones.timeline', () =>
      mayor.milestones.timeline({ year, sector, limit: rows(5, 20) }),
    ),
    call('sector', 'years.lastYear', () => mayor.years.lastYear({ year })),
    call('briefing', 'sectors.briefing', () => mayor.sectors.briefing({ year, sector })),
    call('briefing', 'years.sectorAmbition', () => mayor.years.sectorAmbition({ year })),
    call('meeting', 'sectors.meeting', () => mayor.sectors.meeting({ year, sector })),
    call('indicator', 'indicators.detail', () => mayor.indicators.detail({ year, code: at.indicator })),
    call('indicator', 'indicators.detail (track)', () =>
      mayor.indicators.detail({ year, code: at.trackIndicator }),
    ),
    call('indicator', 'audit.list', () => mayor.audit.list({ year, indicator: at.indicator })),
    call('indicator', 'years.indicator', () => mayor.years.indicator({ code: at.indicator })),
    call('plan', 'years.leastAmbitious', () =>
      admin.years.leastAmbitious({ year, drafts: true, limit: rows(10, 100) }),
    ),
    call('milestones', 'milestones.timeline', () => mayor.milestones.timeline({ year, limit: rows(10, 20) })),
    call('departments', 'departments.comparison', () =>
      mayor.departments.comparison({ year, limit: rows(50, 100) }),
    ),
    call('departments', 'indicators.list', () =>
      mayor.indicators.list({ year, department, sort: 'attainment', limit: 100 }),
    ),
    call('districts', 'districts.comparison', () => mayor.districts.comparison({ year })),
    call('department', 'departments.detail', () => mayor.departments.detail({ year, department })),
    call('department', 'indicators.list', () =>
      mayor.indicators.list({ year, department, limit: rows(25, 100) }),
    ),
    call('department', 'indicators.list (unreported)', () =>
      mayor.indicators.list({ year, department, unreported: true, limit: rows(10, 100) }),
    ),
    call('department', 'milestones.list', () =>
      mayor.milestones.list({ year, department, limit: rows(25, 100) }),
    ),
    call('department', 'reports.status', () =>
      mayor.reports.status({ year, department, limit: rows(50, 100) }),
    ),
    call('report', 'departments.list', () => admin.departments.list({ year })),
    call('report', 'reports.status', () => head.reports.status({ year, limit: rows(50, 100) })),
    call('report', 'milestones.list', () =>
      head.milestones.list({ year, asOf: `${year}-12`, department, limit: rows(25, 100) }),
    ),
    call('approvals', 'approvals.pending', () => admin.approvals.pending({ year, limit: rows(25, 100) })),
    call('account', 'departments.list', () => admin.departments.list({ year })),
    call('account', 'users.list', () => admin.users.list()),
    call('account', 'tokens.list', () => admin.tokens.list()),
  ];
}

/** An answer's size as the server sends it: its JSON in UTF-8 (before compression). */
export function answerBytes(answer: unknown): number {
  return Buffer.byteLength(JSON.stringify(answer) ?? '');
}
