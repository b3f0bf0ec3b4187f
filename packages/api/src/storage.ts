/**
 * A request the database could not take is refused with 503 and the reason (tRPC
 * SERVICE_UNAVAILABLE, problem `storage_unavailable`): never a 500, never a lost write reported as
 * done. The StorageFailure (SQLite's code and message) stays as the refusal's cause, for the log.
 */

import { type StorageFailure, storageFailureOf } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { Refusal } from './problems.js';

export function storageRefusal(failure: StorageFailure): Refusal {
  const refusal = new Refusal('storage_unavailable', { reason: failure.reason });
  refusal.cause = failure;
  return refusal;
}

/** The error as a procedure should throw it: a storage failure becomes a 503 refusal; anything else is left. */
export function refusingStorageFailure(error: unknown): unknown {
  if (error instanceof TRPCError && error.code === 'SERVICE_UNAVAILABLE') return error;
  const failure = storageFailureOf(error);
  if (!failure) return error;
  const cause = storageRefusal(failure);
  return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: cause.message, cause });
}
