/**
 * How much of a tRPC call's body is read, decided before a byte of it is: by who is calling (the
 * session or token is resolved first) and by which procedures are called, named exactly as tRPC
 * names them. A stranger may only sign in, so a stranger's body is at most 8 KB whatever address it
 * is sent to; the largest limit is only for signed-in callers of the procedures that need it.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRPCError } from '@trpc/server';
import type { Request } from 'express';
import { BODY_LIMITS, RequestRefusal, readBody, stopReading, utf8 } from './requests.js';

/** The procedures whose calls carry only a few hundred bytes; see BODY_LIMITS.signIn. */
const SMALL_PROCEDURES = new Set(['auth.signIn']);

/**
 * The procedures that take many entries at once; see BODY_LIMITS.bulk. Add a procedure here when
 * its largest valid input passes BODY_LIMITS.trpc (and a test in requests.test.ts that says so).
 */
const BULK_PROCEDURES = new Set(['reports.submitMany']);

/**
 * The procedures a tRPC request calls, named as tRPC 11's Express adapter and request resolver do
 * (adapters/express.ts, http/resolveResponse.ts, http/contentType.ts): the text after the last `/`
 * of Express's `req.path` (so `/x/auth.signIn` calls auth.signIn, and `/auth.signIn/` calls ''),
 * %-decoded, split at commas only when the query's `batch` is `1` as the WHATWG URL parser reads
 * `req.url`. Both are relative to where tRPC is mounted. Null when tRPC could not read them (a
 * malformed escape: it answers 400).
 */
export function trpcProcedures(req: Pick<Request, 'path' | 'url'>): string[] | null {
  let batch: boolean;
  let name: string;
  try {
    batch = new URL(req.url, 'http://localhost').searchParams.get('batch') === '1';
    name = decodeURIComponent(req.path.slice(req.path.lastIndexOf('/') + 1));
  } catch {
    return null;
  }
  return batch ? name.split(',') : [name];
}

/** The most of a tRPC call's body to read, in bytes; see BODY_LIMITS. */
export function trpcBodyLimit(procedures: readonly string[] | null, signedIn: boolean): number {
  if (!signedIn || procedures === null) return BODY_LIMITS.anonymous;
  if (procedures.some((name) => SMALL_PROCEDURES.has(name))) return BODY_LIMITS.signIn;
  if (procedures.some((name) => BULK_PROCEDURES.has(name))) return BODY_LIMITS.bulk;
  return BODY_LIMITS.trpc;
}

/** A refusal as tRPC answers it: its status as a tRPC code, its problem as `error.data.problem`. */
function asTRPCError(refusal: RequestRefusal): TRPCError {
  const code =
    refusal.status === 413
      ? 'PAYLOAD_TOO_LARGE'
      : refusal.status === 415
        ? 'UNSUPPORTED_MEDIA_TYPE'
        : 'BAD_REQUEST';
  return new TRPCError({ code, message: refusal.message, cause: refusal });
}

/**
 * The tRPC adapter's middleware: resolves whether the caller has signed in (`signedIn`, which the
 * context reuses), then reads the call's body within its limit (tRPC reads any size) as UTF-8 text
 * (tRPC would read bytes that are not UTF-8 as U+FFFD), and hands it on as text, which the adapter
 * takes as it is. Input that is not JSON is left to tRPC, which answers 400.
 */
export function trpcInput(signedIn: (req: Request) => Promise<boolean>) {
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      next();
      return;
    }
    signedIn(req as Request)
      .then(
        (user) => readBody(req, res, trpcBodyLimit(trpcProcedures(req as Request), user)),
        (error: unknown) => {
          // The caller could not be resolved (storage): the body is not read at all.
          stopReading(req, res);
          throw error;
        },
      )
      .then((bytes) => {
        (req as IncomingMessage & { body?: string }).body = utf8(bytes);
      })
      .then(
        () => next(),
        (error: unknown) => next(error instanceof RequestRefusal ? asTRPCError(error) : error),
      );
  };
}
