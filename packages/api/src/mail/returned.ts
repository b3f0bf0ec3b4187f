/**
 * The email that tells a bureau head their value was returned, written in the transaction that
 * returns it (reporting.ts): rolled back with it, committed with it, sent later by the scheduler.
 */

import type { Database, Measurement } from '@tangible/db';
import type { Kysely } from 'kysely';
import { enqueueFor } from './enqueue.js';
import { returnedWording } from './wording.js';

export async function enqueueReturnedMail(
  trx: Kysely<Database>,
  value: Pick<Measurement, 'id' | 'indicator_id' | 'period' | 'entered_by_user_id'>,
  reason: string,
  now: Date,
): Promise<void> {
  if (value.entered_by_user_id === null) return;
  const indicator = await trx
    .selectFrom('indicators')
    .select(['code', 'name_ko', 'name_en'])
    .where('id', '=', value.indicator_id)
    .executeTakeFirstOrThrow();
  await enqueueFor(
    trx,
    value.entered_by_user_id,
    {
      key: `returned:${value.id}`,
      kind: 'value_returned',
      word: (language, name) =>
        returnedWording(language, name, {
          code: indicator.code,
          name: { ko: indicator.name_ko, en: indicator.name_en },
          period: value.period,
          reason,
        }),
    },
    now,
  );
}
