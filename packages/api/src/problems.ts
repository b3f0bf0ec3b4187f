/**
 * What can be wrong with a reported value or an imported row, or why a request is refused: a code
 * and its parameters (the web app and the CLI say it in Korean or English, from problem-sentences.ts)
 * and the English sentence for scripts and logs, from the same table, so they never drift.
 */

import { TRPCError } from '@trpc/server';
import { type ProblemCode, problemSentences, sentence } from './problem-sentences.js';

type Params = Record<string, string | number>;

export type { ProblemCode };

/** Every code, for the check that each has a Korean and an English sentence (problem-sentences.ts). */
export const PROBLEM_CODES = Object.keys(problemSentences.en).filter(
  (key) =>
    key !== 'not_a_number_empty' &&
    key !== 'sign_in_throttled_minutes' &&
    !key.startsWith('invalid_parameter_'),
) as ProblemCode[];

export interface Problem {
  code: ProblemCode;
  params: Params;
  /** The English sentence. */
  message: string;
}

export function problem(code: ProblemCode, params: Params = {}): Problem {
  return { code, params, message: sentence('en', code, params) };
}

/**
 * A refusal the server sends: the problem travels as its code and parameters (the reader's language
 * says it, keys `problems.<code>` in the web app) with the English sentence for scripts and logs.
 * Thrown as the `cause` of a TRPCError (see `refuse`), it reaches the client as `error.data.problem`;
 * the HTTP routes send the same shape as `{ error, problem }`.
 */
export class Refusal extends Error {
  readonly problem: Problem;
  constructor(code: ProblemCode, params: Params = {}) {
    const found = problem(code, params);
    super(found.message);
    this.name = 'Refusal';
    this.problem = found;
  }
}

/**
 * A refusal for a procedure or a service: the tRPC code (its HTTP status) and the problem the reader
 * is told, as a code with parameters (`error.data.problem` on the client).
 */
export function refuse(code: TRPCError['code'], problemCode: ProblemCode, params: Params = {}): TRPCError {
  const cause = new Refusal(problemCode, params);
  return new TRPCError({ code, message: cause.message, cause });
}

/** The body an HTTP route sends for a refusal: the English sentence and the problem to translate. */
export function refusalBody(refusal: Refusal) {
  const { code, params, message } = refusal.problem;
  return { error: message, problem: { code, params } };
}
