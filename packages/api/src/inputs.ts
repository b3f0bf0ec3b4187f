/** Input schemas shared by the routers. Every procedure validates its input with zod. */

import { z } from 'zod';

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

/** Year and as-of: what every screen is computed for. */
export const view = z.object({ year, asOf });

export type ViewInput = z.infer<typeof view>;
