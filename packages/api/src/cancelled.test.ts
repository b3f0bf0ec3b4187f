/**
 * A call whose client has gone before it starts is not carried out (trpc.ts clientPresent): tRPC
 * aborts the call's signal when the connection closes, here given already aborted.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner } from './context.js';
import type { Refusal } from './problems.js';
import { createCaller } from './root.js';
import { principalFor, signIn } from './testing.js';

let db: Db;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

/** The admin's caller, on a connection that has already closed. */
async function goneCaller() {
  const { token, csrfToken } = await signIn(db, 'admin');
  const ctx = createContextInner({ db, principal: await principalFor(db, token), csrfHeader: csrfToken });
  return createCaller(ctx, { signal: AbortSignal.abort() });
}

async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return { code: (error as TRPCError).code, problem: ((error as TRPCError).cause as Refusal).problem.code };
}

describe('a call whose client has gone', () => {
  it('is refused as request_cancelled before it reads anything', async () => {
    const caller = await goneCaller();
    expect(await refusal(caller.plan.years())).toEqual({
      code: 'CLIENT_CLOSED_REQUEST',
      problem: 'request_cancelled',
    });
  });

  it('makes no change', async () => {
    const caller = await goneCaller();
    const before = await db
      .selectFrom('measurements')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(
      await refusal(caller.reports.submit({ year: 2024, code: 'CUL-01', period: '2024-11', value: 1 })),
    ).toEqual({ code: 'CLIENT_CLOSED_REQUEST', problem: 'request_cancelled' });
    const after = await db
      .selectFrom('measurements')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
  });
});
