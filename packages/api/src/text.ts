/**
 * Free text in every input: the zod schema each procedure uses, and the same check for rows that
 * do not pass through zod one by one (typed entries, imported rows). Both apply the one rule in
 * @tangible/core (text.ts), and both say a refusal as a problem code with its parameters.
 */

import { type TextField, textProblem } from '@tangible/core';

export { TEXT_RULES, type TextField } from '@tangible/core';

import { type ZodError, z } from 'zod';
import { type Problem, problem } from './problems.js';

/** The problem with a piece of free text for its field, or null. */
export function textRefusal(field: TextField, text: string): Problem | null {
  const found = textProblem(field, text);
  return found ? problem(found.code, found.params) : null;
}

/**
 * Trimmed free text of one kind of field (its length limit and allowed characters from core). A
 * refusal carries its problem in the issue's `params.problem`, which the tRPC error formatter and
 * the HTTP routes send as `problem`. Required or minimum lengths stay with each field (`.min(…)`).
 */
export function text(field: TextField) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const found = textRefusal(field, value);
      if (found) {
        ctx.addIssue({
          code: 'custom',
          message: found.message,
          params: { problem: { code: found.code, params: found.params } },
        });
      }
    });
}

/** The first problem a zod error carries (see `text`); which field it is in, the error's path says. */
export function problemOfZodError(error: ZodError): Pick<Problem, 'code' | 'params'> | null {
  for (const issue of error.issues) {
    const found = issue.code === 'custom' ? issue.params?.problem : undefined;
    if (found) return found as Pick<Problem, 'code' | 'params'>;
  }
  return null;
}
