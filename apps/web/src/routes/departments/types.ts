import type { RouterOutputs } from '../../trpc';

export type Comparison = RouterOutputs['departments']['comparison'];
export type DepartmentSummary = Comparison['departments'][number];
export type DepartmentDetail = RouterOutputs['departments']['detail'];
