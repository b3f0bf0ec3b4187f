/**
 * The weekly digest carries what issue 13.5 asks of it: overdue directives and corrective actions as
 * well as the new off-track figures. Directives exist now (follow-through), so the digest must say
 * which are overdue.
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
  const plan = await db.selectFrom('plans').select('id').where('year', '=', 2024).executeTakeFirstOrThrow();
  const sector = await db
    .selectFrom('sectors')
    .select('id')
    .where('plan_id', '=', plan.id)
    .executeTakeFirstOrThrow();
  const mayor = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'mayor')
    .executeTakeFirstOrThrow();
  const department = await db.selectFrom('departments').select('id').executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('directives')
    .values({
      plan_id: plan.id,
      sector_id: sector.id,
      project_id: null,
      indicator_id: null,
      meeting_date: '2024-08-01',
      meeting_name: '8월 업무보고',
      content: '관광객 유치 대책 마련',
      due_date: '2024-09-01',
      recorded_by_user_id: mayor.id,
      recorded_by: 'mayor',
      recorded_at: '2024-08-01T01:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('directive_departments')
    .values({ directive_id: id, department_id: department.id })
    .execute();
}, 60_000);
afterAll(async () => {
  await db?.destroy();
});

describe('the weekly digest', () => {
  it('names the directives overdue that week', async () => {
    // Wednesday 25 September 2024: the directive was due on 1 September and is still open.
    expect(await enqueueDigests(db, new Date('2024-09-25T03:00:00Z'))).toBe(1);
    const mail = await db.selectFrom('mail_outbox').select('body').executeTakeFirstOrThrow();
    expect(mail.body).toContain('관광객 유치 대책 마련');
  });
});
