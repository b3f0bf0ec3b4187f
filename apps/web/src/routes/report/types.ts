import type { RouterOutputs } from '../../trpc';

export type ReportStatus = RouterOutputs['reports']['status'];
export type ReportIndicator = ReportStatus['indicators'][number];
export type ReportPeriod = ReportIndicator['periods'][number];
export type PeriodState = ReportPeriod['state'];
export type DepartmentMilestone = RouterOutputs['milestones']['list']['items'][number];

/** A refused entry as the server describes it (`error.data.entryErrors`). */
export interface EntryError {
  row: number;
  field: 'code' | 'period' | 'value' | 'note' | 'evidenceUrl' | 'analysis' | 'nextSteps';
  message: string;
}
