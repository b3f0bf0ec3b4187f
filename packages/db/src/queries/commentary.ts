/** The commentary approved with reported values (migration 0012): what the briefing puts beside a figure. */

import type { Db } from '../connection.js';
import { measurementsInPlace } from './placed.js';

/**
 * The approved values of the named indicators of a plan, oldest period first, with the commentary
 * each was approved with (null when none): the caller picks the latest counted value, whose
 * commentary alone belongs beside the figure (an earlier period's explains a figure no longer shown).
 */
export async function findApprovedCommentary(db: Db, planId: number, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return measurementsInPlace(db)
    .select([
      'indicators.code',
      'measurements.period',
      'measurements.analysis',
      'measurements.next_steps',
      'measurements.commentary_public',
    ])
    .where('sectors.plan_id', '=', planId)
    .where('indicators.code', 'in', codes)
    .where('measurements.status', '=', 'approved')
    .orderBy('indicators.code')
    .orderBy('measurements.period')
    .execute();
}
