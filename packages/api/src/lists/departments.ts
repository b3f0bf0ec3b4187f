/**
 * Departments side by side, a page at a time. Each department's roll-up is stored (over the plan, and
 * within each sector: packages/db/src/figures/rollups.ts), so the comparison reads one row per
 * department and is sorted and cut here, never in a second copy of the score rule in SQL.
 */

import type { Db } from '@tangible/db';
import { findDepartments } from '@tangible/db';
import { z } from 'zod';
import { atOneMoment, type ResolvedView } from '../figures.js';
import { periodEndKey, type Rollup } from '../summaries.js';
import { type Page, type PageRequest, pageOf } from './paging.js';
import { departmentRollups } from './rollups.js';

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
}

export interface DepartmentWindow extends PageRequest {
  sort: DepartmentSort;
  order: 'asc' | 'desc';
  /** The language names are sorted in. */
  lang: 'ko' | 'en';
}

/**
 * Every department owning indicators that match the filter, with its roll-up, in code order. Read on
 * the connection given, in no transaction of its own: departments.csv calls it on its snapshot, a
 * connection already inside one (a BEGIN there fails), and the screens call it at one moment.
 */
export async function departmentSummaries(
  db: Db,
  view: ResolvedView,
  filter: { sectorCode?: string | undefined; departmentCode?: string | undefined },
): Promise<DepartmentSummary[]> {
  const [rolled, departments] = await Promise.all([
    departmentRollups(db, view, filter.sectorCode),
    findDepartments(db, view.plan.organisation_id),
  ]);
  return departments.flatMap((department) => {
    if (filter.departmentCode && department.code !== filter.departmentCode) return [];
    const own = rolled.get(department.code);
    return own
      ? [{ code: department.code, name: { ko: department.name_ko, en: department.name_en }, ...own }]
      : [];
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
  const all = await atOneMoment(db, (db) => departmentSummaries(db, view, filter));
  // Stable: departments equal in the key stay in code order.
  return pageOf(all.sort(compareDepartments(window)), window);
}
