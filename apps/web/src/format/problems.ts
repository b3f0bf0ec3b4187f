import { sentenceFor } from '@tangible/api/problem-sentences';
import type { TFunction } from 'i18next';

/** A problem the server found, as it sends it: a code, its parameters, and an English sentence. */
export interface ServerProblem {
  code?: string;
  params?: Record<string, string | number>;
  message: string;
}

/**
 * The problem in the reader's language (i18n keys `problems.<code>`); the server's English sentence
 * when the code is unknown to this version of the app.
 */
export function problemText(t: TFunction, problem: ServerProblem): string {
  if (!problem.code || !t(`problems.${problem.code}`, { defaultValue: '' })) return problem.message;
  const params = { ...problem.params };
  if (typeof params.unit === 'string')
    params.unit = t(`units.${params.unit}`, { defaultValue: params.unit }) || params.unit;
  if (typeof params.role === 'string')
    params.role = t(`auth.role.${params.role}`, { defaultValue: params.role });
  for (const key of ['frequency', 'periodFrequency'] as const) {
    const value = params[key];
    if (typeof value === 'string') params[key] = t(`frequency.${value}`, { defaultValue: value });
  }
  const sentence = sentenceFor(problem.code, params);
  return t(`problems.${sentence.key}`, sentence.params);
}

/** A failed request as the client sees it: tRPC's error (`data.problem`) or an HTTP route's body (`problem`). */
export interface FailedRequest {
  message: string;
  data?: { problem?: { code: string; params: Record<string, string | number> } | null } | null;
  problem?: { code: string; params: Record<string, string | number> } | null;
}

/** What the server refused, in the reader's language (its English sentence for an unknown code). */
export function errorText(t: TFunction, error: FailedRequest): string {
  const problem = error.data?.problem ?? error.problem;
  return problem ? problemText(t, { ...problem, message: error.message }) : error.message;
}
