/**
 * The executives' weekly digest: enqueued once per executive and week, from Monday 08:00 in Busan on
 * (a run at 07:30 enqueues nothing; any later run that week enqueues it if none has), in the
 * executive's language.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueDigests } from './digest.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  // Only mayor has an address here (the demo seed gives every account one): one message to count.
  await db.updateTable('users').set({ email: null }).where('username', '!=', 'mayor').execute();
  await db
    .updateTable('users')
    .set({ email: 'mayor@busan.example' })
    .where('username', '=', 'mayor')
    .execute();
}, 60_000);
afterAll(async () => {
  await db?.destroy();
});

describe('the weekly digest', () => {
  it('waits for Monday 08:00 in Busan, then goes once that week, in Korean for the mayor', async () => {
    // Monday 23 September 2024, 07:30 in Busan.
    expect(await enqueueDigests(db, new Date('2024-09-22T22:30:00Z'))).toBe(0);
    // Wednesday of that week: the digest no run made on Monday is made now, once.
    expect(await enqueueDigests(db, new Date('2024-09-25T03:00:00Z'))).toBe(1);
    expect(await enqueueDigests(db, new Date('2024-09-26T03:00:00Z'))).toBe(0);
    const mail = await db.selectFrom('mail_outbox').select(['key', 'to_address', 'subject']).execute();
    expect(mail).toEqual([
      {
        key: expect.stringMatching(/^digest:\d+:2024-09-23$/),
        to_address: 'mayor@busan.example',
        subject: expect.stringContaining('주간 요약 (2024-09-23 주)'),
      },
    ]);
  });
});
