import type { ProblemCode } from '../../problem-sentences.js';

type Params = Record<string, string | number>;

/**
 * What one cell says: a value, a blank (not reported: an empty cell, or a placeholder, named so the
 * preview can list it), or a problem with its code and what the reader needs to fix it.
 */
export type Reading<T> =
  | { kind: 'value'; value: T }
  | { kind: 'blank'; placeholder: string | null }
  | { kind: 'problem'; code: ProblemCode; params: Params };

export const readingOf = <T>(value: T): Reading<T> => ({ kind: 'value', value });

export const refused = <T>(code: ProblemCode, params: Params): Reading<T> => ({
  kind: 'problem',
  code,
  params,
});
