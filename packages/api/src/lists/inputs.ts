/** The inputs of paged indicator lists: where, which, in what order, which page. */

import { INDICATOR_SORTS } from '@tangible/db';
import { z } from 'zod';
import { code, status, view } from '../inputs.js';
import { order, pageInput } from './paging.js';

/** Narrowing a list of indicators: one status or several (`['off_track', 'at_risk']`). */
export const indicatorListFilter = {
  status: z.union([status, z.array(status).min(1).max(4)]).optional(),
  headline: z.boolean().optional(),
  unreported: z.boolean().optional(),
};

/** Sorting and paging a list of indicators; 25 rows by default, 100 at most. */
export const indicatorListWindow = {
  sort: z.enum(INDICATOR_SORTS).default('plan'),
  order: order.default('asc'),
  ...pageInput({ limit: 25 }),
};

export const indicatorListInput = view.extend({
  sector: code.optional(),
  department: code.optional(),
  ...indicatorListFilter,
  ...indicatorListWindow,
});

export type IndicatorListInput = z.infer<typeof indicatorListInput>;

/** The statuses asked for, as a list. */
export function statusesOf(input: { status?: IndicatorListInput['status'] }) {
  if (input.status === undefined) return undefined;
  return Array.isArray(input.status) ? input.status : [input.status];
}

/** The database filter and page window of a list input. */
export function indicatorQuery(input: IndicatorListInput) {
  return {
    filter: {
      sectorCode: input.sector?.toUpperCase(),
      departmentCode: input.department?.toUpperCase(),
      statuses: statusesOf(input),
      headline: input.headline,
      unreported: input.unreported,
    },
    window: { sort: input.sort, order: input.order, page: input.page, limit: input.limit },
  };
}
