/**
 * A request value zod refused, as a problem the reader's language says: `invalid_parameter` with
 * the field and a reason code (`at_least`, `format`, …) and the reason's figures (the bound, the
 * choices), never zod's English sentence, which would reach the Korean screen as it is. Each reason
 * has its own sentence (problem-sentences.ts, `invalid_parameter_<reason>`); a reason with none
 * (a union, a date bound) is said by the plain `invalid_parameter` sentence.
 */

import type { ZodError, z } from 'zod';
import type { Problem } from './problems.js';
import { problemOfZodError } from './text.js';

type Params = Problem['params'];

const NUMBER_ORIGINS = new Set(['number', 'int', 'bigint']);
const COUNT_ORIGINS = new Set(['array', 'set']);

/** A bound zod found too small or too big: the reason it reads as, for the kind of value it bounds. */
function boundReason(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): Params | null {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  // An exact length (`.length(n)`) is neither a floor nor a ceiling: the plain sentence says it.
  if (issue.exact) return null;
  if (NUMBER_ORIGINS.has(issue.origin)) {
    const inclusive = issue.inclusive !== false;
    return small
      ? { reason: inclusive ? 'at_least' : 'more_than', minimum: bound }
      : { reason: inclusive ? 'at_most' : 'less_than', maximum: bound };
  }
  if (issue.origin === 'string')
    return small ? { reason: 'too_short', minimum: bound } : { reason: 'too_long', maximum: bound };
  if (COUNT_ORIGINS.has(issue.origin))
    return small ? { reason: 'too_few', minimum: bound } : { reason: 'too_many', maximum: bound };
  return null;
}

/** The reason code of one issue and its figures; `{ reason: 'invalid' }` when it has no sentence of its own. */
function reasonOf(issue: z.core.$ZodIssue): Params {
  switch (issue.code) {
    case 'invalid_type':
      return { reason: 'type', expected: issue.expected };
    case 'too_small':
    case 'too_big':
      return boundReason(issue) ?? { reason: 'invalid' };
    case 'invalid_format':
      return { reason: 'format', format: issue.format };
    case 'invalid_value':
      return { reason: 'choice', values: issue.values.map(String).join(', ') };
    case 'not_multiple_of':
      return { reason: 'multiple', divisor: Number(issue.divisor) };
    case 'unrecognized_keys':
      return { reason: 'unknown_keys', keys: issue.keys.join(', ') };
    default:
      return { reason: 'invalid' };
  }
}

/**
 * The problem a refused request value tells its reader: a field's own problem when its schema gave
 * one (text fields, see text.ts), else `invalid_parameter` for the first issue. A value at the top
 * of the input has no path; it is named `input`.
 */
export function problemOfInput(error: ZodError): Pick<Problem, 'code' | 'params'> {
  const own = problemOfZodError(error);
  if (own) return own;
  const issue = error.issues[0];
  if (!issue) return { code: 'invalid_parameter', params: { field: 'input', reason: 'invalid' } };
  return {
    code: 'invalid_parameter',
    params: { field: issue.path.map(String).join('.') || 'input', ...reasonOf(issue) },
  };
}
