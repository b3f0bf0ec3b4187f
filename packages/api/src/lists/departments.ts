/**
 * Departments side by side, a page at a time. A department's score is core's weighted mean over its
 * indicators, so every department is rolled up from narrow rows (weight and four figures per
 * indicator, read in one query) and the comparison is sorted and cut here, never in a second copy of
 * the score rule in SQL.
 */

import type { Db } from '@tangible/db';
import { findDepartments } from '@tangible/db';
import { z } from 'zod';
import type { ResolvedView } from '../figures.js';
import { periodEndKey, type Rollup, rollup } from '../summaries.js';
import { groupRolled, rolledIndicators } from './indicators.js';
import { type Page, type PageRequest, pageOf } from './paging.js';

export const DEPARTMENT_SORTS = [
  'code',
  'name',
  'score',
  'on_track',
  'at_risk',
  'off_track',
  'no_data',
  'indicators',
  'unreported',
  'lastPeriod',
] as const;
export const departmentSort = z.enum(DEPARTMENT_SORTS);
export type DepartmentSort = z.infer<typeof departmentSort>;

export interface DepartmentSummary extends Rollup {
  code: string;
  name: { ko: string; en: string };
  unreportedCount: number;
}

export interface DepartmentWindow extends PageRequest {
  sort: DepartmentSort;
  order: 'asc' | 'desc';
  /** The language names are sorted in. */
  lang: 'ko' | 'en';
}

/** Every department owning indicators that match the filter, with its roll-up, in code order. */
export async function departmentSummaries(
  db: Db,
  view: ResolvedView,
  filter: { sectorCode?: string | undefined; departmentCode?: string | undefined },
): Promise<DepartmentSummary[]> {
  const [rolled, departments] = await Promise.all([rolledIndicators(db, view, filter), findDepartments(db)]);
  const byDepartment = groupRolled(rolled, (row) => row.departmentCode);
  return departments
    .filter((department) => byDepartment.has(department.code))
    .map((department) => {
      const own = byDepartment.get(department.code) ?? [];
      return {
        code: department.code,
        name: { ko: department.name_ko, en: department.name_en },
        ...rollup(own),
        unreportedCount: own.filter((row) => row.unreported).length,
      };
    });
}

/** Nulls (no score, nothing reported) last whichever way. */
function compareNullable<T>(a: T | null, b: T | null, compare: (x: T, y: T) => number, sign: number) {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return sign * compare(a, b);
}

export function compareDepartments(window: Pick<DepartmentWindow, 'sort' | 'order' | 'lang'>) {
  const sign = window.order === 'desc' ? -1 : 1;
  const collator = new Intl.Collator(window.lang);
  const number = (x: number, y: number) => x - y;
  return (a: DepartmentSummary, b: DepartmentSummary): number => {
    switch (window.sort) {
      case 'name':
        return sign * collator.compare(a.name[window.lang], b.name[window.lang]);
      case 'score':
        return compareNullable(a.score, b.score, number, sign);
      case 'indicators':
        return sign * (a.indicatorCount - b.indicatorCount);
      case 'unreported':
        return sign * (a.unreportedCount - b.unreportedCount);
      case 'lastPeriod':
        return compareNullable(
          a.lastPeriod && periodEndKey(a.lastPeriod),
          b.lastPeriod && periodEndKey(b.lastPeriod),
          (x, y) => x.localeCompare(y),
          sign,
        );
      case 'code':
        return sign * a.code.localeCompare(b.code);
      default:
        return sign * (a.statusCounts[window.sort] - b.statusCounts[window.sort]);
    }
  };
}

export async function departmentPage(
  db: Db,
  view: ResolvedView,
  filter: { sectorCode?: string | undefined },
  window: DepartmentWindow,
): Promise<Page<DepartmentSummary>> {
  const all = await departmentSummaries(db, view, filter);
  // Stable: departments equal in the key stay in code order.
  return pageOf(all.sort(compareDepartments(window)), window);
}
