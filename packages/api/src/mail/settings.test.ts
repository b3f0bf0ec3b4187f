/**
 * The account screen's email settings: a user sets their own address, email language and whether
 * they want email; a wrong address is refused with its code; a user who wants none gets no message
 * even with an address; each change is in the audit trail; the demo accounts have reserved addresses.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, refusal } from '../testing.js';
import { enqueueDigests } from './digest.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
}, 60_000);
afterAll(async () => {
  await db?.destroy();
});

describe('a user’s email settings', () => {
  it('start from the demo seed’s illustrative address on a reserved domain', async () => {
    const users = await db.selectFrom('users').select(['username', 'email']).execute();
    expect(users.length).toBeGreaterThan(0);
    for (const user of users) expect(user.email, user.username).toMatch(/@[a-z.]*busan\.example$/);
    expect(await (await callerAs(db, 'fin.head')).mail.mine()).toEqual({
      email: 'fin.head@busan.example',
      language: 'ko',
      wanted: true,
    });
  });

  it('are the user’s own to set, audited, and a wrong address is refused by its code', async () => {
    const fin = await callerAs(db, 'fin.head');
    const wrong = await refusal(fin.mail.set({ email: 'fin.head@', language: 'en', wanted: true }));
    expect(wrong.code).toBe('BAD_REQUEST');
    expect((wrong.cause as unknown as { problem: { code: string } }).problem.code).toBe('not_an_email');
    expect(await fin.mail.set({ email: ' fin@finance.example ', language: 'en', wanted: true })).toEqual({
      email: 'fin@finance.example',
      language: 'en',
      wanted: true,
    });
    const forbidden = await refusal(
      fin.mail.set({ username: 'tourism.head', email: 'x@busan.example', language: 'ko', wanted: true }),
    );
    expect((forbidden.cause as unknown as { problem: { code: string } }).problem.code).toBe('mail_not_yours');
    // An administrator sets anyone's of the organisation; an empty address clears it.
    const admin = await callerAs(db, 'admin');
    await admin.mail.set({ username: 'fin.head', email: '', language: 'ko', wanted: false });
    expect(await fin.mail.mine()).toEqual({ email: null, language: 'ko', wanted: false });
    const audit = await db
      .selectFrom('audit_log')
      .select(['actor', 'after_json'])
      .where('action', '=', 'user.mail')
      .where('entity_id', '=', 'fin.head')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.actor, JSON.parse(String(a.after_json))])).toEqual([
      ['fin.head', { email: 'fin@finance.example', language: 'en', wanted: true }],
      ['admin', { email: null, language: 'ko', wanted: false }],
    ]);
  });

  it('send nothing to a user who wants no email, even with an address', async () => {
    const mayor = await callerAs(db, 'mayor');
    await mayor.mail.set({ email: 'mayor@busan.example', language: 'ko', wanted: false });
    const toMayor = async () =>
      (
        await db
          .selectFrom('mail_outbox')
          .select('key')
          .where('to_address', '=', 'mayor@busan.example')
          .execute()
      ).length;
    // The districts' executives get theirs; the mayor, who wants none, does not.
    expect(await enqueueDigests(db, new Date('2024-09-25T03:00:00Z'))).toBeGreaterThan(0);
    expect(await toMayor()).toBe(0);
    await mayor.mail.set({ email: 'mayor@busan.example', language: 'ko', wanted: true });
    expect(await enqueueDigests(db, new Date('2024-09-25T03:00:00Z'))).toBe(1);
    expect(await toMayor()).toBe(1);
  });
});
