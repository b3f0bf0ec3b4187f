/**
 * How the HTTP routes outside tRPC answer a refusal: the status, and the body every client reads the
 * same way, `{ error: englishSentence, problem: { code, params } }` (the web app says the problem in
 * the reader's language). One place, so the export, import and permission answers cannot drift.
 */

import { problemOfInput, Refusal, refusalBody } from '@tangible/api';
import { TRPCError } from '@trpc/server';
import type { Response } from 'express';
import { z } from 'zod';

const HTTP_STATUS: Partial<Record<TRPCError['code'], number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
};

/**
 * tRPC's response meta for refusals that name their wait (`seconds`: a throttled or busy sign-in):
 * the longest wait as `Retry-After`, which clients and proxies read without parsing the body.
 */
export function retryAfter(errors: readonly TRPCError[]): { headers?: Headers } {
  const waits = errors.flatMap((error) =>
    error.code === 'TOO_MANY_REQUESTS' && error.cause instanceof Refusal
      ? [Number(error.cause.problem.params.seconds)].filter((s) => Number.isInteger(s) && s > 0)
      : [],
  );
  if (waits.length === 0) return {};
  return { headers: new Headers({ 'retry-after': String(Math.max(...waits)) }) };
}

/** How long a caller refused for being busy (exports, imports) is told to wait: a short one's length. */
export const BUSY_RETRY_SECONDS = 10;

/**
 * Refuses work because too much of its kind is running: the status (503 for the server, 429 for the
 * caller's own share), `Retry-After`, and the problem with how many run and how long to wait.
 */
export function sendBusy(
  res: Response,
  status: 429 | 503,
  code: 'export_busy' | 'export_busy_caller' | 'import_busy',
  running: number,
): void {
  res.setHeader('Retry-After', String(BUSY_RETRY_SECONDS));
  sendRefusal(res, status, new Refusal(code, { running, seconds: BUSY_RETRY_SECONDS }));
}

/** Sends a refusal with its status. */
export function sendRefusal(res: Response, status: number, refusal: Refusal): void {
  res.status(status).json(refusalBody(refusal));
}

/**
 * Answers a refused request: a query parameter that zod rejected (400, the parameter named), or a
 * service's refusal (its tRPC code as the status). Returns false for anything else, which the caller
 * rethrows to the final error handler.
 */
export function sendRefused(res: Response, error: unknown): boolean {
  if (error instanceof z.ZodError) {
    const field = error.issues[0]?.path.join('.') ?? '';
    const found = problemOfInput(error);
    res.status(400).json({ ...refusalBody(new Refusal(found.code, found.params)), field });
    return true;
  }
  if (error instanceof TRPCError) {
    const status = HTTP_STATUS[error.code] ?? 400;
    if (error.cause instanceof Refusal) sendRefusal(res, status, error.cause);
    else res.status(status).json({ error: error.message, problem: null });
    return true;
  }
  return false;
}
