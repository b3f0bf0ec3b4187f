/**
 * Answers sized to the screen: a list is sent a page at a time, and the page says how many there are
 * in all so the screen can offer the rest. A page asks for at most MAX_LIMIT rows; asking for more
 * is refused (`invalid_parameter`, reason `at_most`), never quietly cut, so a client learns the bound.
 */

import { z } from 'zod';

/** The most rows one page holds: 100 indicator rows are about 100 KB of JSON. */
export const MAX_LIMIT = 100;

/** Which page (from 1) and how many rows on it; `max` lowers the bound for heavier rows. */
export function pageInput(defaults: { limit: number; max?: number }) {
  return {
    page: z.number().int().min(1).max(1_000_000).default(1),
    limit: z
      .number()
      .int()
      .min(1)
      .max(defaults.max ?? MAX_LIMIT)
      .default(defaults.limit),
  };
}

export const order = z.enum(['asc', 'desc']);

export interface Page<T> {
  items: T[];
  /** How many match in all, on every page. */
  total: number;
  page: number;
  limit: number;
}

export interface PageRequest {
  page: number;
  limit: number;
}

/** The rows of a page skip the pages before it. */
export function offsetOf(request: PageRequest): number {
  return (request.page - 1) * request.limit;
}

/** A page of a list held whole (a list computed in JavaScript from rows read narrow). */
export function pageOf<T>(items: readonly T[], request: PageRequest): Page<T> {
  const start = offsetOf(request);
  return {
    items: items.slice(start, start + request.limit),
    total: items.length,
    page: request.page,
    limit: request.limit,
  };
}
