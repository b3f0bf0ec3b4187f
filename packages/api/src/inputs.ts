/** Input schemas shared by the routers. Every procedure validates its input with zod. */

import { z } from 'zod';
import { organisationCode } from './organisations.js';
import { text } from './text.js';

export const year = z
  .number()
  .int()
  .min(2000, 'year must be 2000 or later')
  .max(2100, 'year must be 2100 or earlier');

/** An as-of month, `YYYY-MM`. Optional: without it, the latest month with a reported value. */
export const asOf = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'asOf must be a month written YYYY-MM, e.g. 2024-06')
  .optional();

export const code = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9-]+$/, 'a code has letters, digits and hyphens only');

export const status = z.enum(['on_track', 'at_risk', 'off_track', 'no_data']);

/**
 * Year and as-of: what every screen is computed for; `org` names the organisation on the public
 * view (a signed-in user's is their own: see organisations.ts).
 */
export const view = z.object({
  year,
  asOf,
  org: organisationCode.optional(),
  /** Show the plan of the year even while it is a draft (signed-in users only: trpc.ts). */
  drafts: z.boolean().optional(),
});

export type ViewInput = z.infer<typeof view>;

/**
 * A username as given (sign-in, the admin's account procedures): free text's rule first, so that a
 * NUL or another control character is refused by its code before any lookup (PostgreSQL cannot
 * even compare text holding a NUL: it was a 500 there). Its format is the account service's.
 */
export const username = (min: number, max: number) => text('name').min(min).max(max);
