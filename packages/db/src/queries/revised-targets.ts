/**
 * The approved revisions of a plan's targets, as the screens that show figures name them beside the
 * original target ("revised on …, because …"). Retired indicators are left out, as from every figure.
 */

import type { Db } from '../connection.js';
import { indicatorsInPlace } from './placed.js';

/** A sector's approved target revisions (each period's last), in plan order. */
export async function findSectorRevisions(db: Db, planId: number, sectorCode: string) {
  return (
    indicatorsInPlace(db)
      .innerJoin('target_revisions as r', 'r.indicator_id', 'indicators.id')
      .select([
        'indicators.code',
        'indicators.name_ko',
        'indicators.name_en',
        'indicators.unit',
        'r.period',
        'r.kind',
        'r.original_value',
        'r.revised_value',
        'r.reason',
        'r.decided_at',
      ])
      .where('sectors.plan_id', '=', planId)
      .where('sectors.code', '=', sectorCode)
      .where('indicators.retired_at', 'is', null)
      .where('r.state', '=', 'approved')
      // One revision of a target waits at a time, so the highest approved id is the last decided.
      .where('r.id', '=', (eb) =>
        eb
          .selectFrom('target_revisions as later')
          .select((later) => later.fn.max('later.id').as('id'))
          .whereRef('later.indicator_id', '=', 'r.indicator_id')
          .whereRef('later.period', '=', 'r.period')
          .where('later.state', '=', 'approved'),
      )
      .orderBy('strategies.position')
      .orderBy('projects.position')
      .orderBy('indicators.position')
      .orderBy('r.period')
      .execute()
  );
}
